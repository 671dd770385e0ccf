package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A deliberately naive interpreter of rules, written from docs/rules.md alone, to check {@link CompiledRule}
 * against: it walks the AST for every customer, compares money as BigDecimal, dates as Instants, and
 * case-folds whole strings before comparing.
 */
final class ReferenceEvaluator {
    private ReferenceEvaluator() {
    }

    static boolean matches(Rule rule, Customer c, Instant now) {
        if (rule instanceof Rule.And a) {
            return a.rules().stream().allMatch(r -> matches(r, c, now));
        }
        if (rule instanceof Rule.Or o) {
            return o.rules().stream().anyMatch(r -> matches(r, c, now));
        }
        if (rule instanceof Rule.Not n) {
            return !matches(n.rule(), c, now);
        }
        Condition cond = (Condition) rule;
        Object value = valueOf(cond, c);
        return compare(cond.op(), value, cond.operand(), now);
    }

    /** The customer's value for the condition: String, BigDecimal, Instant, Set, Boolean, or null when missing or of another type. */
    private static Object valueOf(Condition cond, Customer c) {
        if (cond.field() instanceof AttributeField a) {
            AttributeValue v = c.attributes().get(a.key());
            if (v == null) {
                return null;
            }
            if (cond.op() == Operator.EXISTS) {
                return v.raw();
            }
            Operand o = cond.operand();
            boolean wantsText = o instanceof Operand.Text || o instanceof Operand.TextList;
            boolean wantsNumber = o instanceof Operand.Num || o instanceof Operand.NumList || o instanceof Operand.NumRange;
            if (wantsText) {
                return v instanceof AttributeValue.Text t ? t.value() : null;
            }
            if (wantsNumber) {
                return v instanceof AttributeValue.Num n ? n.value() : null;
            }
            return v instanceof AttributeValue.Bool b ? b.value() : null;
        }
        return switch ((StandardField) cond.field()) {
            case NAME -> c.name();
            case EMAIL -> c.email().value();
            case PHONE -> c.phone();
            case CITY -> c.city();
            case TOTAL_SPENT -> c.totalSpent();
            case ORDER_COUNT -> BigDecimal.valueOf(c.orderCount());
            case VISITS -> c.visits() == null ? null : BigDecimal.valueOf(c.visits());
            case FIRST_ORDER_AT -> c.firstOrderAt();
            case LAST_ORDER_AT -> c.lastOrderAt();
            case LAST_ACTIVE_AT -> c.lastActiveAt();
            case CREATED_AT -> c.createdAt();
            case TAGS -> c.tags();
            case OPTED_OUT -> c.optedOut();
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean compare(Operator op, Object v, Operand operand, Instant now) {
        switch (op) {
            case EXISTS:
                return v != null;
            case IS_EMPTY:
                return v == null || ((Set<String>) v).isEmpty();
            case NE:
                return !compare(Operator.EQ, v, operand, now);
            case NOT_IN:
                return !compare(Operator.IN, v, operand, now);
            case NOT_CONTAINS:
                return !compare(Operator.CONTAINS, v, operand, now);
            case NOT_IN_LAST_DAYS:
                return !compare(Operator.IN_LAST_DAYS, v, operand, now);
            default:
                break;
        }
        if (v == null) {
            return false;
        }
        if (v instanceof Set<?> tags) {
            return switch (op) {
                case CONTAINS -> tags.contains(((Operand.Text) operand).value());
                case CONTAINS_ANY -> ((Operand.TextList) operand).values().stream().anyMatch(tags::contains);
                case CONTAINS_ALL -> tags.containsAll(((Operand.TextList) operand).values());
                default -> throw new AssertionError(op);
            };
        }
        if (v instanceof String s) {
            String value = fold(s);
            return switch (op) {
                case EQ -> value.equals(fold(((Operand.Text) operand).value()));
                case CONTAINS -> value.contains(fold(((Operand.Text) operand).value()));
                case STARTS_WITH -> value.startsWith(fold(((Operand.Text) operand).value()));
                case ENDS_WITH -> value.endsWith(fold(((Operand.Text) operand).value()));
                case IN -> ((Operand.TextList) operand).values().stream().map(ReferenceEvaluator::fold).anyMatch(value::equals);
                default -> throw new AssertionError(op);
            };
        }
        if (v instanceof BigDecimal d) {
            return switch (op) {
                case EQ -> d.compareTo(((Operand.Num) operand).value()) == 0;
                case GT -> d.compareTo(((Operand.Num) operand).value()) > 0;
                case GTE -> d.compareTo(((Operand.Num) operand).value()) >= 0;
                case LT -> d.compareTo(((Operand.Num) operand).value()) < 0;
                case LTE -> d.compareTo(((Operand.Num) operand).value()) <= 0;
                case BETWEEN -> d.compareTo(((Operand.NumRange) operand).low()) >= 0
                        && d.compareTo(((Operand.NumRange) operand).high()) <= 0;
                case IN -> ((Operand.NumList) operand).values().stream().anyMatch(x -> x.compareTo(d) == 0);
                default -> throw new AssertionError(op);
            };
        }
        if (v instanceof Instant t) {
            return switch (op) {
                case BEFORE -> t.isBefore(((Operand.Date) operand).value());
                case AFTER -> t.isAfter(((Operand.Date) operand).value());
                case BETWEEN -> !t.isBefore(((Operand.DateRange) operand).low()) && !t.isAfter(((Operand.DateRange) operand).high());
                case IN_LAST_DAYS -> !t.isAfter(now) && !t.isBefore(now.minus(Duration.ofDays(((Operand.Days) operand).value())));
                default -> throw new AssertionError(op);
            };
        }
        if (v instanceof Boolean b) {
            return op == Operator.EQ && b == ((Operand.Bool) operand).value();
        }
        throw new AssertionError(v);
    }

    /** Case folding as docs/rules.md's evaluators share it: each UTF-16 unit upper-cased, then lower-cased. */
    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            sb.append(Character.toLowerCase(Character.toUpperCase(ch)));
        }
        return sb.toString();
    }

    static List<String> foldAll(List<String> values) {
        return values.stream().map(ReferenceEvaluator::fold).toList();
    }
}
