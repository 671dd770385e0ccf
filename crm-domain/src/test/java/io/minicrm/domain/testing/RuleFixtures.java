package io.minicrm.domain.testing;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shortcuts for rules in tests: parse DSL or canonical JSON trees, compile at a fixed time, build plain trees. */
public final class RuleFixtures {
    /** The rule used in docs/rules.md, the allocation test and the benchmark. */
    public static final String REFERENCE_DSL =
            "totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) and not tags contains \"churned\"";

    private RuleFixtures() {
    }

    /** Parses DSL text (throws {@link io.minicrm.domain.segment.InvalidRuleException} when invalid). */
    public static Rule dsl(String text) {
        return DslParser.parse(text);
    }

    /** Reads a canonical JSON tree. */
    public static Rule json(Object tree) {
        return CanonicalRuleReader.read(tree);
    }

    /** The reference rule of docs/rules.md. */
    public static Rule reference() {
        return dsl(REFERENCE_DSL);
    }

    /** A compiled rule whose clock stands still at {@code now}. */
    public static CompiledRule compile(Rule rule, Instant now) {
        return CompiledRule.compile(rule, Clock.fixed(now, ZoneOffset.UTC));
    }

    public static CompiledRule compile(String dsl, Instant now) {
        return compile(dsl(dsl), now);
    }

    /** Whether {@code customer} matches the DSL rule at {@code now}. */
    public static boolean matches(String dsl, Customer customer, Instant now) {
        return compile(dsl, now).matches(customer, now.toEpochMilli());
    }

    /** An ordered map from alternating keys and values, as a JSON parser gives it: {@code map("field", "visits", "op", "gt")}. */
    public static Map<String, Object> map(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    /** A mutable list (may hold nulls), as a JSON parser gives it. */
    public static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A canonical condition tree {@code {"field": f, "op": op, "value": v}}. */
    public static Map<String, Object> cond(String field, String op, Object value) {
        return map("field", field, "op", op, "value", value);
    }

    /** A canonical condition tree without a value ({@code exists}, {@code isEmpty}). */
    public static Map<String, Object> cond(String field, String op) {
        return map("field", field, "op", op);
    }
}
