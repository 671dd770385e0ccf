package io.minicrm.domain.segment;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.shared.TextFold;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Compiles a rule into a tree of small, specialised predicate nodes (one class per field kind and
 * operator, fixed-arity and/or nodes), so the JIT can inline a hot rule almost as well as a
 * hand-written predicate. Implements RULES.md's missing-value semantics: on a missing value positive
 * comparisons are false and negated ones ({@code ne}, {@code notIn}, {@code notContains},
 * {@code notInLastDays}) true. A custom attribute holding a value of another type than the condition's
 * counts as missing for it (as MongoDB's type bracketing does).
 */
final class RuleCompiler {
    private static final long DAY_MILLIS = 86_400_000L;

    private RuleCompiler() {
    }

    /** A compiled predicate; {@code now} is milliseconds since the epoch. */
    abstract static class Node {
        abstract boolean test(Customer c, long now);

        /**
         * The exact complement of this node. Leaves answer with a dedicated node (e.g. {@code tags contains} gives
         * {@code tags notContains}) rather than a {@code Not} wrapper: one virtual call and type guard less per
         * evaluation, and less machine code per compiled rule. Every leaf is total (missing values answer false
         * for positive tests), so the complement is exactly the negated operator's RULES.md semantics.
         */
        Node negate() {
            return new Not(this);
        }
    }

    static Node compile(Rule rule) {
        if (rule instanceof Rule.And a) {
            Node[] n = compileAll(a.rules());
            return switch (n.length) {
                case 2 -> new And2(n[0], n[1]);
                case 3 -> new And3(n[0], n[1], n[2]);
                default -> new AndN(n);
            };
        }
        if (rule instanceof Rule.Or o) {
            Node[] n = compileAll(o.rules());
            return switch (n.length) {
                case 2 -> new Or2(n[0], n[1]);
                case 3 -> new Or3(n[0], n[1], n[2]);
                default -> new OrN(n);
            };
        }
        if (rule instanceof Rule.Not n) {
            return compile(n.rule()).negate();
        }
        Condition c = (Condition) rule;
        if (c.field() instanceof StandardField f) {
            return switch (f.type()) {
                case MONEY, INTEGER -> f == StandardField.VISITS ? visitsCondition(c) : longCondition(LongField.of(f), c);
                case STRING -> textCondition(new TextField(f), c);
                case DATE -> dateCondition(DateField.of(f), c);
                case SET -> setCondition(c);
                case BOOLEAN -> new OptedOutEq(((Operand.Bool) c.operand()).value());
                case ATTRIBUTE -> throw new IllegalStateException();
            };
        }
        return attributeCondition(((AttributeField) c.field()).key(), c);
    }

    private static Node[] compileAll(List<Rule> rules) {
        Node[] out = new Node[rules.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(rules.get(i));
        }
        return out;
    }

    // ---------------------------------------------------------------- connectives

    static final class And2 extends Node {
        private final Node a;
        private final Node b;

        And2(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) && b.test(c, now);
        }
    }

    static final class And3 extends Node {
        private final Node a;
        private final Node b;
        private final Node d;

        And3(Node a, Node b, Node d) {
            this.a = a;
            this.b = b;
            this.d = d;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) && b.test(c, now) && d.test(c, now);
        }
    }

    static final class AndN extends Node {
        private final Node[] nodes;

        AndN(Node[] nodes) {
            this.nodes = nodes;
        }

        @Override
        boolean test(Customer c, long now) {
            for (Node n : nodes) {
                if (!n.test(c, now)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or2 extends Node {
        private final Node a;
        private final Node b;

        Or2(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) || b.test(c, now);
        }
    }

    static final class Or3 extends Node {
        private final Node a;
        private final Node b;
        private final Node d;

        Or3(Node a, Node b, Node d) {
            this.a = a;
            this.b = b;
            this.d = d;
        }

        @Override
        boolean test(Customer c, long now) {
            return a.test(c, now) || b.test(c, now) || d.test(c, now);
        }
    }

    static final class OrN extends Node {
        private final Node[] nodes;

        OrN(Node[] nodes) {
            this.nodes = nodes;
        }

        @Override
        boolean test(Customer c, long now) {
            for (Node n : nodes) {
                if (n.test(c, now)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Node {
        private final Node a;

        Not(Node a) {
            this.a = a;
        }

        @Override
        boolean test(Customer c, long now) {
            return !a.test(c, now);
        }

        @Override
        Node negate() {
            return a;
        }
    }

    // ---------------------------------------------------------------- totals (always present)

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
    }

    private static Node longCondition(LongField f, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> new LongEq(f, f.scale(((Operand.Num) v).value()));
            case NE -> new LongNe(f, f.scale(((Operand.Num) v).value()));
            case GT -> new LongGt(f, f.scale(((Operand.Num) v).value()));
            case GTE -> new LongGte(f, f.scale(((Operand.Num) v).value()));
            case LT -> new LongLt(f, f.scale(((Operand.Num) v).value()));
            case LTE -> new LongLte(f, f.scale(((Operand.Num) v).value()));
            case BETWEEN -> new LongBetween(f, f.scale(((Operand.NumRange) v).low()), f.scale(((Operand.NumRange) v).high()));
            case IN -> new LongIn(f, longs(f, ((Operand.NumList) v).values()));
            case NOT_IN -> new LongIn(f, longs(f, ((Operand.NumList) v).values())).negate();
            case EXISTS -> Const.TRUE;
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    private static long[] longs(LongField f, List<BigDecimal> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.scale(values.get(i));
        }
        return out;
    }

    static final class LongEq extends Node {
        private final LongField f;
        private final long x;

        LongEq(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) == x;
        }

        @Override
        Node negate() {
            return new LongNe(f, x);
        }
    }

    static final class LongNe extends Node {
        private final LongField f;
        private final long x;

        LongNe(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) != x;
        }

        @Override
        Node negate() {
            return new LongEq(f, x);
        }
    }

    static final class LongGt extends Node {
        private final LongField f;
        private final long x;

        LongGt(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) > x;
        }

        @Override
        Node negate() {
            return new LongLte(f, x);
        }
    }

    static final class LongGte extends Node {
        private final LongField f;
        private final long x;

        LongGte(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) >= x;
        }

        @Override
        Node negate() {
            return new LongLt(f, x);
        }
    }

    static final class LongLt extends Node {
        private final LongField f;
        private final long x;

        LongLt(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) < x;
        }

        @Override
        Node negate() {
            return new LongGte(f, x);
        }
    }

    static final class LongLte extends Node {
        private final LongField f;
        private final long x;

        LongLte(LongField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) <= x;
        }

        @Override
        Node negate() {
            return new LongGt(f, x);
        }
    }

    static final class LongBetween extends Node {
        private final LongField f;
        private final long lo;
        private final long hi;

        LongBetween(LongField f, long lo, long hi) {
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

    static final class LongIn extends Node {
        private final LongField f;
        private final long[] xs;

        LongIn(LongField f, long[] xs) {
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

    static final class Const extends Node {
        static final Const TRUE = new Const(true);
        static final Const FALSE = new Const(false);
        private final boolean value;

        private Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean test(Customer c, long now) {
            return value;
        }

        @Override
        Node negate() {
            return value ? FALSE : TRUE;
        }
    }

    // ---------------------------------------------------------------- visits (may be missing)

    /**
     * {@code visits} is missing when nobody said how often the customer visited: every comparison is a
     * range or set test that is false on a missing value, and the negated operators are {@link Not}s of
     * them (true on a missing value), as RULES.md and MongoDB's {@code $nor} have it.
     */
    private static Node visitsCondition(Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> VisitsRange.of(whole(v), whole(v));
            case NE -> VisitsRange.of(whole(v), whole(v)).negate();
            case GT -> whole(v) == Long.MAX_VALUE ? Const.FALSE : VisitsRange.of(whole(v) + 1, Long.MAX_VALUE);
            case GTE -> VisitsRange.of(whole(v), Long.MAX_VALUE);
            case LT -> whole(v) == Long.MIN_VALUE ? Const.FALSE : VisitsRange.of(Long.MIN_VALUE, whole(v) - 1);
            case LTE -> VisitsRange.of(Long.MIN_VALUE, whole(v));
            case BETWEEN -> VisitsRange.of(clamp(((Operand.NumRange) v).low()), clamp(((Operand.NumRange) v).high()));
            case IN -> new VisitsIn(wholes(((Operand.NumList) v).values()));
            case NOT_IN -> new VisitsIn(wholes(((Operand.NumList) v).values())).negate();
            case EXISTS -> new VisitsExists();
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
    static final class VisitsRange extends Node {
        private final long lo;
        private final long hi;

        private VisitsRange(long lo, long hi) {
            this.lo = lo;
            this.hi = hi;
        }

        static Node of(long lo, long hi) {
            return lo > hi ? Const.FALSE : new VisitsRange(lo, hi);
        }

        @Override
        boolean test(Customer c, long now) {
            Long v = c.visits();
            return v != null && v >= lo && v <= hi;
        }
    }

    static final class VisitsIn extends Node {
        private final long[] xs;

        VisitsIn(long[] xs) {
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

    static final class VisitsExists extends Node {
        @Override
        boolean test(Customer c, long now) {
            return c.visits() != null;
        }
    }

    // ---------------------------------------------------------------- strings (may be missing)

    record TextField(StandardField f) {
        String get(Customer c) {
            return switch (f) {
                case NAME -> c.name();
                case EMAIL -> c.email().value();
                case PHONE -> c.phone();
                case CITY -> c.city();
                default -> throw new IllegalArgumentException(f.path());
            };
        }
    }

    /** Reads a text value of a customer: a catalog field or a text attribute (null when missing or not text). */
    abstract static class TextSource {
        abstract String get(Customer c);

        static TextSource of(TextField field) {
            return switch (field.f()) {
                case NAME -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.name();
                    }
                };
                case EMAIL -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.email().value();
                    }
                };
                case PHONE -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.phone();
                    }
                };
                case CITY -> new TextSource() {
                    @Override
                    String get(Customer c) {
                        return c.city();
                    }
                };
                default -> throw new IllegalArgumentException(field.f().path());
            };
        }

        static TextSource attribute(String key) {
            return new TextSource() {
                @Override
                String get(Customer c) {
                    return c.attributes().get(key) instanceof AttributeValue.Text t ? t.value() : null;
                }
            };
        }
    }

    private static Node textCondition(TextField field, Condition c) {
        return textNode(TextSource.of(field), c);
    }

    private static Node textNode(TextSource s, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> new TextEq(s, fold(v));
            case NE -> new TextEq(s, fold(v)).negate();
            case CONTAINS -> new TextContains(s, fold(v));
            case NOT_CONTAINS -> new TextContains(s, fold(v)).negate();
            case STARTS_WITH -> new TextStartsWith(s, fold(v));
            case ENDS_WITH -> new TextEndsWith(s, fold(v));
            case IN -> new TextIn(s, foldAll(((Operand.TextList) v).values()));
            case NOT_IN -> new TextIn(s, foldAll(((Operand.TextList) v).values())).negate();
            case EXISTS -> new TextExists(s);
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    private static String fold(Operand v) {
        return TextFold.fold(((Operand.Text) v).value());
    }

    private static String[] foldAll(List<String> values) {
        return values.stream().map(TextFold::fold).toArray(String[]::new);
    }

    static final class TextEq extends Node {
        private final TextSource s;
        private final String x;

        TextEq(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.equalsFolded(v, x);
        }
    }

    static final class TextContains extends Node {
        private final TextSource s;
        private final String x;

        TextContains(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.containsFolded(v, x);
        }
    }

    static final class TextStartsWith extends Node {
        private final TextSource s;
        private final String x;

        TextStartsWith(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.startsWithFolded(v, x);
        }
    }

    static final class TextEndsWith extends Node {
        private final TextSource s;
        private final String x;

        TextEndsWith(TextSource s, String x) {
            this.s = s;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            return v != null && TextFold.endsWithFolded(v, x);
        }
    }

    static final class TextIn extends Node {
        private final TextSource s;
        private final String[] xs;

        TextIn(TextSource s, String[] xs) {
            this.s = s;
            this.xs = xs;
        }

        @Override
        boolean test(Customer c, long now) {
            String v = s.get(c);
            if (v == null) {
                return false;
            }
            for (String x : xs) {
                if (TextFold.equalsFolded(v, x)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class TextExists extends Node {
        private final TextSource s;

        TextExists(TextSource s) {
            this.s = s;
        }

        @Override
        boolean test(Customer c, long now) {
            return s.get(c) != null;
        }
    }

    // ---------------------------------------------------------------- dates (may be missing)

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

    private static Node dateCondition(DateField f, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case BEFORE -> new DateBefore(f, ((Operand.Date) v).value().toEpochMilli());
            case AFTER -> new DateAfter(f, ((Operand.Date) v).value().toEpochMilli());
            case BETWEEN -> new DateBetween(f, ((Operand.DateRange) v).low().toEpochMilli(),
                    ((Operand.DateRange) v).high().toEpochMilli());
            case IN_LAST_DAYS -> new DateInLast(f, ((Operand.Days) v).value() * DAY_MILLIS);
            case NOT_IN_LAST_DAYS -> new DateInLast(f, ((Operand.Days) v).value() * DAY_MILLIS).negate();
            case EXISTS -> new DateExists(f);
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class DateBefore extends Node {
        private final DateField f;
        private final long x;

        DateBefore(DateField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            return v != null && v.toEpochMilli() < x;
        }
    }

    static final class DateAfter extends Node {
        private final DateField f;
        private final long x;

        DateAfter(DateField f, long x) {
            this.f = f;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            Instant v = f.get(c);
            return v != null && v.toEpochMilli() > x;
        }
    }

    static final class DateBetween extends Node {
        private final DateField f;
        private final long lo;
        private final long hi;

        DateBetween(DateField f, long lo, long hi) {
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
    static final class DateInLast extends Node {
        private final DateField f;
        private final long span;

        DateInLast(DateField f, long span) {
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
            return new DateNotInLast(f, span);
        }
    }

    /** Missing, or not within the last {@code span} milliseconds up to now (earlier, or in the future). */
    static final class DateNotInLast extends Node {
        private final DateField f;
        private final long span;

        DateNotInLast(DateField f, long span) {
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
            return new DateInLast(f, span);
        }
    }

    static final class DateExists extends Node {
        private final DateField f;

        DateExists(DateField f) {
            this.f = f;
        }

        @Override
        boolean test(Customer c, long now) {
            return f.get(c) != null;
        }
    }

    // ---------------------------------------------------------------- tags (never missing: empty set)

    private static Node setCondition(Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case CONTAINS -> new TagsContain(((Operand.Text) v).value());
            case NOT_CONTAINS -> new TagsContain(((Operand.Text) v).value()).negate();
            case CONTAINS_ANY -> new TagsContainAny(((Operand.TextList) v).values().toArray(String[]::new));
            case CONTAINS_ALL -> new TagsContainAll(((Operand.TextList) v).values().toArray(String[]::new));
            case IS_EMPTY -> new TagsEmpty();
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class TagsContain extends Node {
        private final String tag;

        TagsContain(String tag) {
            this.tag = tag;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.tags().contains(tag);
        }

        @Override
        Node negate() {
            return new TagsNotContain(tag);
        }
    }

    static final class TagsNotContain extends Node {
        private final String tag;

        TagsNotContain(String tag) {
            this.tag = tag;
        }

        @Override
        boolean test(Customer c, long now) {
            return !c.tags().contains(tag);
        }

        @Override
        Node negate() {
            return new TagsContain(tag);
        }
    }

    static final class TagsContainAny extends Node {
        private final String[] tags;

        TagsContainAny(String[] tags) {
            this.tags = tags;
        }

        @Override
        boolean test(Customer c, long now) {
            Set<String> have = c.tags();
            for (String t : tags) {
                if (have.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class TagsContainAll extends Node {
        private final String[] tags;

        TagsContainAll(String[] tags) {
            this.tags = tags;
        }

        @Override
        boolean test(Customer c, long now) {
            Set<String> have = c.tags();
            for (String t : tags) {
                if (!have.contains(t)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class TagsEmpty extends Node {
        @Override
        boolean test(Customer c, long now) {
            return c.tags().isEmpty();
        }
    }

    static final class OptedOutEq extends Node {
        private final boolean x;

        OptedOutEq(boolean x) {
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.optedOut() == x;
        }

        @Override
        Node negate() {
            return new OptedOutEq(!x);
        }
    }

    // ---------------------------------------------------------------- custom attributes

    private static Node attributeCondition(String key, Condition c) {
        Operand v = c.operand();
        if (c.op() == Operator.EXISTS) {
            return new AttrExists(key);
        }
        if (v instanceof Operand.Bool b) {
            return new AttrBoolEq(key, b.value());
        }
        if (v instanceof Operand.Text || v instanceof Operand.TextList) {
            return textNode(TextSource.attribute(key), c);
        }
        return switch (c.op()) {
            case EQ -> new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.EQ);
            case NE -> new Not(new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.EQ));
            case GT -> new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.GT);
            case GTE -> new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.GTE);
            case LT -> new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.LT);
            case LTE -> new AttrNumCompare(key, ((Operand.Num) v).value(), AttrNumCompare.LTE);
            case BETWEEN -> new And2(
                    new AttrNumCompare(key, ((Operand.NumRange) v).low(), AttrNumCompare.GTE),
                    new AttrNumCompare(key, ((Operand.NumRange) v).high(), AttrNumCompare.LTE));
            case IN -> new AttrNumIn(key, ((Operand.NumList) v).values().toArray(BigDecimal[]::new));
            case NOT_IN -> new Not(new AttrNumIn(key, ((Operand.NumList) v).values().toArray(BigDecimal[]::new)));
            default -> throw new IllegalArgumentException(c.op().wire());
        };
    }

    static final class AttrExists extends Node {
        private final String key;

        AttrExists(String key) {
            this.key = key;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.attributes().get(key) != null;
        }
    }

    static final class AttrBoolEq extends Node {
        private final String key;
        private final boolean x;

        AttrBoolEq(String key, boolean x) {
            this.key = key;
            this.x = x;
        }

        @Override
        boolean test(Customer c, long now) {
            return c.attributes().get(key) instanceof AttributeValue.Bool b && b.value() == x;
        }
    }

    static final class AttrNumCompare extends Node {
        static final int EQ = 0;
        static final int GT = 1;
        static final int GTE = 2;
        static final int LT = 3;
        static final int LTE = 4;
        private final String key;
        private final BigDecimal x;
        private final int op;

        AttrNumCompare(String key, BigDecimal x, int op) {
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

    static final class AttrNumIn extends Node {
        private final String key;
        private final BigDecimal[] xs;

        AttrNumIn(String key, BigDecimal[] xs) {
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
