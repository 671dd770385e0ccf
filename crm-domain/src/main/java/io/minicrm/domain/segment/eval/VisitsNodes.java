package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import java.math.BigDecimal;
import java.util.List;

/**
 * Conditions on {@code visits}, the one count that may be missing (nobody said how often the customer
 * visited): every comparison is a range or set test that is false on a missing value, and the negated
 * operators are negations of them (true on a missing value), as docs/rules.md and MongoDB's {@code $nor} have it.
 */
final class VisitsNodes {
    private VisitsNodes() {
    }

    static Node compile(Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> Range.of(whole(v), whole(v));
            case NE -> Range.of(whole(v), whole(v)).negate();
            case GT -> whole(v) == Long.MAX_VALUE ? Connectives.Const.FALSE : Range.of(whole(v) + 1, Long.MAX_VALUE);
            case GTE -> Range.of(whole(v), Long.MAX_VALUE);
            case LT -> whole(v) == Long.MIN_VALUE ? Connectives.Const.FALSE : Range.of(Long.MIN_VALUE, whole(v) - 1);
            case LTE -> Range.of(Long.MIN_VALUE, whole(v));
            case BETWEEN -> Range.of(clamp(((Operand.NumRange) v).low()), clamp(((Operand.NumRange) v).high()));
            case IN -> new In(wholes(((Operand.NumList) v).values()));
            case NOT_IN -> new In(wholes(((Operand.NumList) v).values())).negate();
            case EXISTS -> new Exists();
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    private static long whole(Operand v) {
        return clamp(((Operand.Num) v).value());
    }

    /** A whole operand as a long, saturated at the ends of the range (no count is that large). */
    private static long clamp(BigDecimal v) {
        if (v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
            return Long.MAX_VALUE;
        }
        if (v.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) <= 0) {
            return Long.MIN_VALUE;
        }
        return v.longValue();
    }

    private static long[] wholes(List<BigDecimal> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = clamp(values.get(i));
        }
        return out;
    }

    /** {@code lo <= visits <= hi}; false when visits is missing. */
    static final class Range extends Node {
        private final long lo;
        private final long hi;

        private Range(long lo, long hi) {
            this.lo = lo;
            this.hi = hi;
        }

        static Node of(long lo, long hi) {
            return lo > hi ? Connectives.Const.FALSE : new Range(lo, hi);
        }

        @Override
        boolean test(Customer c, long now) {
            Long v = c.visits();
            return v != null && v >= lo && v <= hi;
        }
    }

    /** {@code visits} is one of the listed counts; false when missing. */
    static final class In extends Node {
        private final long[] xs;

        In(long[] xs) {
            this.xs = xs;
        }

        @Override
        boolean test(Customer c, long now) {
            Long v = c.visits();
            if (v == null) {
                return false;
            }
            long x = v;
            for (long y : xs) {
                if (x == y) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Exists extends Node {
        @Override
        boolean test(Customer c, long now) {
            return c.visits() != null;
        }
    }
}
