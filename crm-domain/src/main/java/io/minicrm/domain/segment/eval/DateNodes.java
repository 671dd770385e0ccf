package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.StandardField;
import java.time.Instant;

/**
 * Conditions on the date catalog fields. A date may be missing (null); relative ranges
 * ({@code inLastDays}) are measured back from the {@code now} of each evaluation.
 */
final class DateNodes {
    private static final long DAY_MILLIS = 86_400_000L;

    private DateNodes() {
    }

    enum DateField {
        FIRST_ORDER_AT {
            @Override
            Instant get(Customer c) {
                return c.firstOrderAt();
            }
        },
        LAST_ORDER_AT {
            @Override
            Instant get(Customer c) {
                return c.lastOrderAt();
            }
        },
        LAST_ACTIVE_AT {
            @Override
            Instant get(Customer c) {
                return c.lastActiveAt();
            }
        },
        CREATED_AT {
            @Override
            Instant get(Customer c) {
                return c.createdAt();
            }
        };

        abstract Instant get(Customer c);

        static DateField of(StandardField f) {
            return switch (f) {
                case FIRST_ORDER_AT -> FIRST_ORDER_AT;
                case LAST_ORDER_AT -> LAST_ORDER_AT;
                case LAST_ACTIVE_AT -> LAST_ACTIVE_AT;
                case CREATED_AT -> CREATED_AT;
                default -> throw new IllegalArgumentException(f.path());
            };
        }
    }

    static Node compile(StandardField field, Condition c) {
        DateField f = DateField.of(field);
        Operand v = c.operand();
        return switch (c.op()) {
            case BEFORE -> new Before(f, ((Operand.Date) v).value().toEpochMilli());
            case AFTER -> new After(f, ((Operand.Date) v).value().toEpochMilli());
            case BETWEEN -> new Between(f, ((Operand.DateRange) v).low().toEpochMilli(),
                    ((Operand.DateRange) v).high().toEpochMilli());
            case IN_LAST_DAYS -> new InLast(f, ((Operand.Days) v).value() * DAY_MILLIS);
            case NOT_IN_LAST_DAYS -> new InLast(f, ((Operand.Days) v).value() * DAY_MILLIS).negate();
            case EXISTS -> new Exists(f);
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class Before extends Node {
        private final DateField f;
        private final long x;

        Before(DateField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            return v != null && v.toEpochMilli() < x;
        }
    }

    static final class After extends Node {
        private final DateField f;
        private final long x;

        After(DateField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            return v != null && v.toEpochMilli() > x;
        }
    }

    static final class Between extends Node {
        private final DateField f;
        private final long lo;
        private final long hi;

        Between(DateField f, long lo, long hi) {
            this.f = f;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            if (v == null) {
                return false;
            }
            long t = v.toEpochMilli();
            return t >= lo && t <= hi;
        }
    }

    /** Within the last {@code span} milliseconds up to now, both ends included. */
    static final class InLast extends Node {
        private final DateField f;
        private final long span;

        InLast(DateField f, long span) {
            this.f = f;
            this.span = span;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            if (v == null) {
                return false;
            }
            long t = v.toEpochMilli();
            return t >= now - span && t <= now;
        }

        @Override
        Node negate() {
            return new NotInLast(f, span);
        }
    }

    /** Missing, or not within the last {@code span} milliseconds up to now (earlier, or in the future). */
    static final class NotInLast extends Node {
        private final DateField f;
        private final long span;

        NotInLast(DateField f, long span) {
            this.f = f;
            this.span = span;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            if (v == null) {
                return true;
            }
            long t = v.toEpochMilli();
            return t < now - span || t > now;
        }

        @Override
        Node negate() {
            return new InLast(f, span);
        }
    }

    static final class Exists extends Node {
        private final DateField f;

        Exists(DateField f) {
            this.f = f;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) != null;
        }
    }
}
