package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a rule as the old frontend's rule groups, when it fits them: an AND of groups, each group an
 * AND or OR of plain conditions whose operators have legacy names. Otherwise throws a
 * {@link ValidationException} saying why (e.g. nested OR inside OR, or an operator the old
 * frontend does not know).
 */
public final class LegacyRuleWriter {
    private LegacyRuleWriter() {
    }

    /** The rule as legacy rule groups; throws a {@link io.minicrm.domain.shared.ValidationException} when the groups cannot express it. */
    public static List<Map<String, Object>> write(Rule rule) {
        List<Map<String, Object>> groups = new ArrayList<>();
        if (rule instanceof Rule.And and) {
            List<Rule> loose = new ArrayList<>();
            for (Rule child : and.rules()) {
                if (isPlain(child)) {
                    loose.add(child);
                } else if (child instanceof Rule.Or or) {
                    groups.add(group("OR", or.rules()));
                } else if (child instanceof Rule.And inner) {
                    groups.add(group("AND", inner.rules()));
                } else {
                    throw unfit("a nested rule of this shape has no legacy form");
                }
            }
            if (!loose.isEmpty()) {
                groups.add(0, group("AND", loose));
            }
        } else if (rule instanceof Rule.Or or) {
            groups.add(group("OR", or.rules()));
        } else {
            groups.add(group("AND", List.of(rule)));
        }
        return groups;
    }

    private static boolean isPlain(Rule r) {
        return r instanceof Condition || (r instanceof Rule.Not n && n.rule() instanceof Condition);
    }

    private static Map<String, Object> group(String condition, List<Rule> rules) {
        List<Object> out = new ArrayList<>();
        for (Rule r : rules) {
            out.add(condition(r));
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("condition", condition);
        g.put("rules", out);
        return g;
    }

    private static Map<String, Object> condition(Rule r) {
        Condition c;
        Operator op;
        if (r instanceof Condition cond) {
            c = cond;
            op = cond.op();
        } else if (r instanceof Rule.Not n && n.rule() instanceof Condition cond) {
            c = cond;
            op = switch (cond.op()) {
                case EQ -> Operator.NE;
                case NE -> Operator.EQ;
                case CONTAINS -> Operator.NOT_CONTAINS;
                case NOT_CONTAINS -> Operator.CONTAINS;
                case IN_LAST_DAYS -> Operator.NOT_IN_LAST_DAYS;
                case NOT_IN_LAST_DAYS -> Operator.IN_LAST_DAYS;
                default -> throw unfit("\"not\" around " + cond.op().wire() + " has no legacy form");
            };
            if (cond.field().type() == FieldType.BOOLEAN || cond.operand() instanceof Operand.Bool) {
                throw unfit("\"not\" around a boolean condition has no legacy form");
            }
        } else {
            throw unfit("groups in the legacy form hold only plain conditions");
        }
        String legacyOp = op.legacyName().orElseThrow(() -> unfit("operator " + op.wire() + " has no legacy name"));
        Map<String, Object> out = new LinkedHashMap<>();
        String field = c.field() instanceof StandardField sf && !sf.aliases().isEmpty() ? sf.aliases().get(0) : c.field().path();
        out.put("field", field);
        out.put("operator", legacyOp);
        Object value = CanonicalRuleWriter.value(c.operand());
        if (c.field() instanceof AttributeField) {
            // an attribute condition is typed by its value: a number written as text would compare as text
            out.put("value", value);
        } else {
            out.put("value", value instanceof java.math.BigDecimal d ? d.toPlainString()
                    : value instanceof String || value instanceof Boolean ? value : String.valueOf(value));
        }
        return out;
    }

    private static ValidationException unfit(String why) {
        return new ValidationException("", "the rule does not fit the legacy rule groups: " + why);
    }
}
