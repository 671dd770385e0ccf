package io.minicrm.application.ai.offline;

import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.FieldRef;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Small builders for rule ASTs: conditions, flattened and/or, and negation in canonical form. */
final class RuleMaking {
    private RuleMaking() {
    }

    static Condition cond(FieldRef field, Operator op, Operand value) {
        return new Condition(field, op, value);
    }

    static Condition num(FieldRef field, Operator op, BigDecimal value) {
        return new Condition(field, op, new Operand.Num(value));
    }

    static Condition text(FieldRef field, Operator op, String value) {
        return new Condition(field, op, new Operand.Text(value));
    }

    static Condition tag(Operator op, String tag) {
        return new Condition(StandardField.TAGS, op, new Operand.Text(CustomerProfile.normaliseTag(tag)));
    }

    static List<String> tags(List<String> raw) {
        return raw.stream().map(CustomerProfile::normaliseTag).distinct().toList();
    }

    /** {@code and} of the rules, nested {@code and}s flattened; the rule itself when there is one. */
    static Rule and(List<Rule> rules) {
        List<Rule> flat = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof Rule.And a) {
                flat.addAll(a.rules());
            } else {
                flat.add(r);
            }
        }
        return Rule.and(flat);
    }

    /** {@code or} of the rules, nested {@code or}s flattened; the rule itself when there is one. */
    static Rule or(List<Rule> rules) {
        List<Rule> flat = new ArrayList<>();
        for (Rule r : rules) {
            if (r instanceof Rule.Or o) {
                flat.addAll(o.rules());
            } else {
                flat.add(r);
            }
        }
        return Rule.or(flat);
    }

    /**
     * The negation, written with the negated operator where that means exactly the same under the
     * missing-value semantics (eq/ne, contains/notContains, in/notIn, inLastDays/notInLastDays, a
     * boolean field that is always present), else {@code not}.
     */
    static Rule negate(Rule rule) {
        if (rule instanceof Rule.Not n) {
            return n.rule();
        }
        if (!(rule instanceof Condition c)) {
            return new Rule.Not(rule);
        }
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> {
                if (v instanceof Operand.Bool b) {
                    yield c.field().type() == FieldType.BOOLEAN ? cond(c.field(), Operator.EQ, new Operand.Bool(!b.value()))
                            : new Rule.Not(c);
                }
                yield cond(c.field(), Operator.NE, v);
            }
            case NE -> cond(c.field(), Operator.EQ, v);
            case CONTAINS -> cond(c.field(), Operator.NOT_CONTAINS, v);
            case NOT_CONTAINS -> cond(c.field(), Operator.CONTAINS, v);
            case IN -> cond(c.field(), Operator.NOT_IN, v);
            case NOT_IN -> cond(c.field(), Operator.IN, v);
            case IN_LAST_DAYS -> cond(c.field(), Operator.NOT_IN_LAST_DAYS, v);
            case NOT_IN_LAST_DAYS -> cond(c.field(), Operator.IN_LAST_DAYS, v);
            case CONTAINS_ANY -> and(((Operand.TextList) v).values().stream()
                    .<Rule>map(t -> cond(c.field(), Operator.NOT_CONTAINS, new Operand.Text(t))).toList());
            case CONTAINS_ALL -> or(((Operand.TextList) v).values().stream()
                    .<Rule>map(t -> cond(c.field(), Operator.NOT_CONTAINS, new Operand.Text(t))).toList());
            default -> new Rule.Not(c);
        };
    }
}
