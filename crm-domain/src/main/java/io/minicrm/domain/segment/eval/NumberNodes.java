package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.StandardField;
import java.math.BigDecimal;
import java.util.List;

/** Conditions on the totals (money spent, order count): always present, compared as whole numbers. */
final class NumberNodes {
    private NumberNodes() {
    }

    /** Whole-number views of the numeric fields; money in minor units. */
    enum LongField {
        TOTAL_SPENT_MINOR {
            @Override
            long get(Customer c) {
                return c.totalSpentMinor();
            }
        },
        ORDER_COUNT {
            @Override
            long get(Customer c) {
                return c.orderCount();
            }
        };

        abstract long get(Customer c);

        static LongField of(StandardField f) {
            return switch (f) {
                case TOTAL_SPENT -> TOTAL_SPENT_MINOR;
                case ORDER_COUNT -> ORDER_COUNT;
                default -> throw new IllegalArgumentException(f.path());
            };
        }

        /** The operand in this field's unit; money operands have at most 2 decimals. */
        long scale(BigDecimal v) {
            return this == TOTAL_SPENT_MINOR ? v.movePointRight(2).longValueExact() : v.longValueExact();
        }

        long[] scaleAll(List<BigDecimal> values) {
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = scale(values.get(i));
            }
            return out;
        }
    }

    static Node compile(StandardField field, Condition c) {
        LongField f = LongField.of(field);
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> new Eq(f, f.scale(((Operand.Num) v).value()));
            case NE -> new Ne(f, f.scale(((Operand.Num) v).value()));
            case GT -> new Gt(f, f.scale(((Operand.Num) v).value()));
            case GTE -> new Gte(f, f.scale(((Operand.Num) v).value()));
            case LT -> new Lt(f, f.scale(((Operand.Num) v).value()));
            case LTE -> new Lte(f, f.scale(((Operand.Num) v).value()));
            case BETWEEN -> new Between(f, f.scale(((Operand.NumRange) v).low()), f.scale(((Operand.NumRange) v).high()));
            case IN -> new In(f, f.scaleAll(((Operand.NumList) v).values()));
            case NOT_IN -> new In(f, f.scaleAll(((Operand.NumList) v).values())).negate();
            case EXISTS -> Connectives.Const.TRUE;
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class Eq extends Node {
        private final LongField f;
        private final long x;

        Eq(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) == x;
        }

        @Override
        Node negate() {
            return new Ne(f, x);
        }
    }

    static final class Ne extends Node {
        private final LongField f;
        private final long x;

        Ne(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) != x;
        }

        @Override
        Node negate() {
            return new Eq(f, x);
        }
    }

    static final class Gt extends Node {
        private final LongField f;
        private final long x;

        Gt(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) > x;
        }

        @Override
        Node negate() {
            return new Lte(f, x);
        }
    }

    static final class Gte extends Node {
        private final LongField f;
        private final long x;

        Gte(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) >= x;
        }

        @Override
        Node negate() {
            return new Lt(f, x);
        }
    }

    static final class Lt extends Node {
        private final LongField f;
        private final long x;

        Lt(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) < x;
        }

        @Override
        Node negate() {
            return new Gte(f, x);
        }
    }

    static final class Lte extends Node {
        private final LongField f;
        private final long x;

        Lte(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) <= x;
        }

        @Override
        Node negate() {
            return new Gt(f, x);
        }
    }

    static final class Between extends Node {
        private final LongField f;
        private final long lo;
        private final long hi;

        Between(LongField f, long lo, long hi) {
            this.f = f;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        boolean test(Customer c, long now) {
            long v = f.get(c);
            return v >= lo && v <= hi;
        }
    }

    static final class In extends Node {
        private final LongField f;
        private final long[] xs;

        In(LongField f, long[] xs) {
            this.f = f;
            this.xs = xs;
        }

        @Override
        boolean test(Customer c, long now) {
            long v = f.get(c);
            for (long x : xs) {
                if (v == x) {
                    return true;
                }
            }
            return false;
        }
    }
}
