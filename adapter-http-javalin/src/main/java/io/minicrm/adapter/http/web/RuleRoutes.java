package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule language for editors: its field catalog with each field's operators, and a translation of a rule
 * in any spelling (canonical JSON, legacy groups, {@code {"dsl": "..."}}) into canonical JSON and DSL text.
 */
final class RuleRoutes {
    private final Web web;
    private final List<Map<String, Object>> fields;

    RuleRoutes(Web web) {
        this.web = web;
        this.fields = catalog();
    }

    void register(RouteTable routes) {
        routes.get("/api/rules/fields", Access.USER, ctx -> web.json(ctx, 200, fields));
        routes.post("/api/rules/parse", Access.USER, this::parse);
    }

    private void parse(Context ctx) {
        Requests.Preview req = web.bodies().json(ctx, Requests.Preview.class, web.settings().maxBodyBytes());
        if (req.rules() == null) {
            throw new ValidationException("/rules", "is required");
        }
        Rule rule = SegmentRoutes.rule(req.rules());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", CanonicalRuleWriter.write(rule));
        body.put("dsl", DslPrinter.print(rule));
        web.json(ctx, 200, body);
    }

    private static List<Map<String, Object>> catalog() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StandardField f : StandardField.values()) {
            out.add(field(f.path(), f.type(), f.aliases()));
        }
        out.add(field("attributes.<key>", FieldType.ATTRIBUTE, List.of()));
        return List.copyOf(out);
    }

    private static Map<String, Object> field(String name, FieldType type, List<String> aliases) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("field", name);
        m.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        m.put("label", type.label());
        m.put("operators", Signatures.operatorsFor(type).stream().map(Operator::wire).toList());
        m.put("aliases", aliases);
        return m;
    }
}
