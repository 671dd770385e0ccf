package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import java.math.BigDecimal;

/**
 * Conditions on custom attributes ({@code attributes.<key>}). The operand's type decides how the attribute
 * is read (text conditions go to {@link TextNodes}); an attribute holding a value of another type counts as
 * missing for the condition.
 */
final class AttributeNodes {
    private AttributeNodes() {
    }

    static Node compile(String key, Condition c) {
        Operand v = c.operand();
        if (c.op() == Operator.EXISTS) {
            return new Exists(key);
        }
        if (v instanceof Operand.Bool b) {
            return new BoolEq(key, b.value());
        }
        if (v instanceof Operand.Text || v instanceof Operand.TextList) {
            return TextNodes.compile(TextNodes.TextSource.attribute(key), c);
        }
        return switch (c.op()) {
            case EQ -> new NumCompare(key, ((Operand.Num) v).value(), NumCompare.EQ);
            case NE -> new Connectives.Not(new NumCompare(key, ((Operand.Num) v).value(), NumCompare.EQ));
            case GT -> new NumCompare(key, ((Operand.Num) v).value(), NumCompare.GT);
            case GTE -> new NumCompare(key, ((Operand.Num) v).value(), NumCompare.GTE);
            case LT -> new NumCompare(key, ((Operand.Num) v).value(), NumCompare.LT);
            case LTE -> new NumCompare(key, ((Operand.Num) v).value(), NumCompare.LTE);
            case BETWEEN -> new Connectives.And2(
                    new NumCompare(key, ((Operand.NumRange) v).low(), NumCompare.GTE),
                    new NumCompare(key, ((Operand.NumRange) v).high(), NumCompare.LTE));
            case IN -> new NumIn(key, ((Operand.NumList) v).values().toArray(BigDecimal[]::new));
            case NOT_IN -> new Connectives.Not(new NumIn(key, ((Operand.NumList) v).values().toArray(BigDecimal[]::new)));
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class Exists extends Node {
        private final String key;

        Exists(String key) {
            this.key = key;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.attributes().get(key) != null;
        }
    }

    static final class BoolEq extends Node {
        private final String key;
        private final boolean x;

        BoolEq(String key, boolean x) {
            this.key = key;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.attributes().get(key) instanceof AttributeValue.Bool b && b.value() == x;
        }
    }

    /** A numeric attribute compared with {@code x}; {@code op} is one of the constants below. */
    static final class NumCompare extends Node {
        static final int EQ = 0;
        static final int GT = 1;
        static final int GTE = 2;
        static final int LT = 3;
        static final int LTE = 4;
        private final String key;
        private final BigDecimal x;
        private final int op;

        NumCompare(String key, BigDecimal x, int op) {
            this.key = key;
            this.x = x;
            this.op = op;
        }

        @Override
        boolean test(Customer c, long now) {
            if (!(c.attributes().get(key) instanceof AttributeValue.Num n)) {
                return false;
            }
            int cmp = n.value().compareTo(x);
            return switch (op) {
                case EQ -> cmp == 0;
                case GT -> cmp > 0;
                case GTE -> cmp >= 0;
                case LT -> cmp < 0;
                default -> cmp <= 0;
            };
        }
    }

    static final class NumIn extends Node {
        private final String key;
        private final BigDecimal[] xs;

        NumIn(String key, BigDecimal[] xs) {
            this.key = key;
            this.xs = xs;
        }

        @Override
        boolean test(Customer c, long now) {
            if (!(c.attributes().get(key) instanceof AttributeValue.Num n)) {
                return false;
            }
            for (BigDecimal x : xs) {
                if (n.value().compareTo(x) == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
