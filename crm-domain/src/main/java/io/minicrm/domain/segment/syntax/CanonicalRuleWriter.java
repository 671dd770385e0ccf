package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Rule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a rule in its canonical JSON form: as a plain tree ({@link #write}: LinkedHashMap/ArrayList/String/
 * Long/BigDecimal/Boolean), which {@link CanonicalRuleReader} reads back to an equal rule, or as JSON text
 * ({@link #toJson}), which {@link RuleReaders#readJson} reads back to an equal rule.
 */
public final class CanonicalRuleWriter {
    private CanonicalRuleWriter() {
    }

    /**
     * The rule as canonical JSON text, compact, e.g. {@code {"and":[{"field":"totalSpent","op":"gt","value":10000},
     * {"not":{"field":"tags","op":"contains","value":"churned"}}]}}. Numbers are exact; strings are escaped so the
     * text is valid JSON whatever they hold.
     */
    public static String toJson(Rule rule) {
        return JsonTextWriter.write(write(rule));
    }

    /** The rule as a canonical JSON tree: one key ({@code and}, {@code or}, {@code not}) or a condition's keys. */
    public static Map<String, Object> write(Rule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rule instanceof Rule.And a) {
            out.put("and", children(a.rules()));
        } else if (rule instanceof Rule.Or o) {
            out.put("or", children(o.rules()));
        } else if (rule instanceof Rule.Not n) {
            out.put("not", write(n.rule()));
        } else if (rule instanceof Condition c) {
            out.put("field", c.field().path());
            out.put("op", c.op().wire());
            if (!(c.operand() instanceof Operand.None)) {
                out.put("value", value(c.operand()));
            }
        }
        return out;
    }

    private static List<Object> children(List<Rule> rules) {
        List<Object> out = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            out.add(write(r));
        }
        return out;
    }

    /** The plain value of an operand, as it appears in canonical JSON. */
    public static Object value(Operand operand) {
        if (operand instanceof Operand.Text t) {
            return t.value();
        }
        if (operand instanceof Operand.Num n) {
            return number(n.value());
        }
        if (operand instanceof Operand.Bool b) {
            return b.value();
        }
        if (operand instanceof Operand.Date d) {
            return d.value().toString();
        }
        if (operand instanceof Operand.Days d) {
            return (long) d.value();
        }
        if (operand instanceof Operand.TextList l) {
            return new ArrayList<Object>(l.values());
        }
        if (operand instanceof Operand.NumList l) {
            List<Object> out = new ArrayList<>();
            l.values().forEach(v -> out.add(number(v)));
            return out;
        }
        if (operand instanceof Operand.NumRange r) {
            return new ArrayList<>(List.of(number(r.low()), number(r.high())));
        }
        if (operand instanceof Operand.DateRange r) {
            return new ArrayList<>(List.of(r.low().toString(), r.high().toString()));
        }
        return null;
    }

    /** Whole numbers as Long, others as BigDecimal. */
    static Object number(BigDecimal v) {
        if (v.scale() <= 0 && v.toBigInteger().bitLength() < 63) {
            return v.longValueExact();
        }
        return v;
    }
}
