package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.TextFold;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonValue;

import static io.minicrm.adapter.mongo.customer.CustomerFields.*;

/**
 * Translates a segment rule into a MongoDB filter over customer documents with exactly the semantics
 * of the in-memory evaluator ({@code CompiledRule}, docs/rules.md):
 *
 * <ul>
 * <li>Every condition is translated in its positive form; {@code ne}, {@code notIn}, {@code notContains},
 *     {@code notInLastDays} and {@code not} become {@code $nor} of the positive form, which is logical
 *     negation per document (so a missing value, for which the positive form is false, matches).</li>
 * <li>Strings are compared on their folded copies ({@code TextFold.fold}) with the folded operand:
 *     equality and {@code $in} for eq/in, and anchored regular expressions with every metacharacter
 *     escaped ({@link LiteralPattern}) for contains/startsWith/endsWith. The embedded server ignores
 *     collation, so none is used.</li>
 * <li>Money is compared in minor units, whole numbers as whole numbers; an operand between two whole
 *     numbers is turned into the equivalent bound ({@code > 1.5} is {@code >= 2}).</li>
 * <li>{@code inLastDays n} is {@code now - n days <= t <= now}, both ends included.</li>
 * <li>A custom attribute is compared only with values of the condition's type: text conditions read
 *     the folded copy (which exists only for text values), number conditions use range operators on
 *     the typed value (MongoDB compares numbers only with numbers) - equality included, as
 *     {@code $gte}/{@code $lte}, which both MongoDB and the embedded server compare exactly for
 *     decimals - and boolean conditions use equality on the typed value.</li>
 * <li>Empty lists: {@code in []} and {@code containsAny []} match nothing, {@code containsAll []}
 *     matches everything (MongoDB's {@code $all: []} would match nothing, so it is never sent).</li>
 * <li>{@code optedOut} is stored only when true: {@code optedOut = false} is {@code $ne: true}.</li>
 * <li>Tags are never compared with {@code $ne}/{@code $nin} (the embedded server gets those wrong on
 *     arrays); negations are {@code $nor}.</li>
 * </ul>
 *
 * <p>Field names come only from {@link CustomerFields} and validated attribute keys, and every value
 * from the rule is sent as a BSON value (never parsed as JSON or as an operator), so nothing a client
 * writes can become an operator or a field name.
 */
public final class RuleFilter {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final BigDecimal MIN_LONG = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    /** A filter, or one of the two constants (folded away before anything is sent). */
    private record F(BsonDocument doc, int constant) {
        static final F ALL = new F(null, 1);
        static final F NONE = new F(null, -1);

        static F of(BsonDocument doc) {
            return new F(doc, 0);
        }

        static F of(String field, BsonValue condition) {
            return new F(new BsonDocument(field, condition), 0);
        }

        boolean isAll() {
            return constant == 1;
        }

        boolean isNone() {
            return constant == -1;
        }
    }

    private final long now;

    private RuleFilter(Instant now) {
        this.now = now.toEpochMilli();
    }

    /** The filter matching exactly the customers that {@code rule} matches at {@code now}. */
    public static BsonDocument of(Rule rule, Instant now) {
        return render(new RuleFilter(now).translate(rule));
    }

    /** A filter matching no document (and answered from the _id index). */
    public static BsonDocument matchNothing() {
        return new BsonDocument(ID, new BsonDocument("$in", new BsonArray()));
    }

    /** {@code a AND b}, without a needless {@code $and} when {@code a} is empty (matches everything). */
    public static BsonDocument and(BsonDocument a, BsonDocument b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return new BsonDocument("$and", new BsonArray(List.of(a, b)));
    }

    private static BsonDocument render(F f) {
        if (f.isAll()) {
            return new BsonDocument();
        }
        if (f.isNone()) {
            return matchNothing();
        }
        return f.doc();
    }

    private F translate(Rule rule) {
        if (rule instanceof Rule.And a) {
            List<BsonValue> parts = new ArrayList<>();
            for (Rule r : a.rules()) {
                F f = translate(r);
                if (f.isNone()) {
                    return F.NONE;
                }
                if (!f.isAll()) {
                    parts.add(f.doc());
                }
            }
            return parts.isEmpty() ? F.ALL : parts.size() == 1 ? F.of(parts.get(0).asDocument())
                    : F.of(new BsonDocument("$and", new BsonArray(parts)));
        }
        if (rule instanceof Rule.Or o) {
            List<BsonValue> parts = new ArrayList<>();
            for (Rule r : o.rules()) {
                F f = translate(r);
                if (f.isAll()) {
                    return F.ALL;
                }
                if (!f.isNone()) {
                    parts.add(f.doc());
                }
            }
            return parts.isEmpty() ? F.NONE : parts.size() == 1 ? F.of(parts.get(0).asDocument())
                    : F.of(new BsonDocument("$or", new BsonArray(parts)));
        }
        if (rule instanceof Rule.Not n) {
            return not(translate(n.rule()));
        }
        Condition c = (Condition) rule;
        if (c.field() instanceof AttributeField af) {
            return attributeCondition(af.key(), c);
        }
        StandardField f = (StandardField) c.field();
        return switch (f.type()) {
            case MONEY, INTEGER -> number(f, c);
            case STRING -> text(textField(f), c);
            case DATE -> date(dateField(f), c);
            case SET -> tags(c);
            // optedOut is stored only when true
            case BOOLEAN -> ((Operand.Bool) c.operand()).value() ? F.of(OPTED_OUT, BsonBoolean.TRUE)
                    : F.of(OPTED_OUT, new BsonDocument("$ne", BsonBoolean.TRUE));
            case ATTRIBUTE -> throw new IllegalStateException("attribute type on a standard field");
        };
    }

    private static F not(F f) {
        if (f.isAll()) {
            return F.NONE;
        }
        if (f.isNone()) {
            return F.ALL;
        }
        return F.of(new BsonDocument("$nor", new BsonArray(List.of(f.doc()))));
    }

    private static String textField(StandardField f) {
        return switch (f) {
            case NAME -> NAME_FOLDED;
            case EMAIL -> EMAIL; // stored lower-case ASCII: already its folded form
            case PHONE -> PHONE_FOLDED;
            case CITY -> CITY_FOLDED;
            default -> throw new IllegalArgumentException(f.path());
        };
    }

    private static String dateField(StandardField f) {
        return switch (f) {
            case FIRST_ORDER_AT -> FIRST_ORDER_AT;
            case LAST_ORDER_AT -> LAST_ORDER_AT;
            case LAST_ACTIVE_AT -> LAST_ACTIVE_AT;
            case CREATED_AT -> CREATED_AT;
            default -> throw new IllegalArgumentException(f.path());
        };
    }

    // ------------------------------------------------------------------ numbers (totals never missing, visits may be)

    private static F number(StandardField f, Condition c) {
        String field = switch (f) {
            case TOTAL_SPENT -> TOTAL_SPENT_MINOR;
            case ORDER_COUNT -> ORDER_COUNT;
            case VISITS -> VISITS;
            default -> throw new IllegalArgumentException(f.path());
        };
        // the totals are always stored; visits is absent when unknown, so a test every value passes still needs it
        boolean mayBeMissing = f == StandardField.VISITS;
        int shift = f == StandardField.TOTAL_SPENT ? 2 : 0;
        Operand v = c.operand();
        return switch (c.op()) {
            case NE -> not(present(mayBeMissing, field, wholeEq(field, scaled(((Operand.Num) v).value(), shift))));
            case NOT_IN -> not(present(mayBeMissing, field, wholeIn(field, ((Operand.NumList) v).values(), shift)));
            case EXISTS -> mayBeMissing ? exists(field) : F.ALL;
            default -> present(mayBeMissing, field, positiveNumber(field, shift, c));
        };
    }

    private static F positiveNumber(String field, int shift, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> wholeEq(field, scaled(((Operand.Num) v).value(), shift));
            case GT -> atLeast(field, scaled(((Operand.Num) v).value(), shift).setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE));
            case GTE -> atLeast(field, scaled(((Operand.Num) v).value(), shift).setScale(0, RoundingMode.CEILING));
            case LT -> atMost(field, scaled(((Operand.Num) v).value(), shift).setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE));
            case LTE -> atMost(field, scaled(((Operand.Num) v).value(), shift).setScale(0, RoundingMode.FLOOR));
            case BETWEEN -> {
                Operand.NumRange r = (Operand.NumRange) v;
                yield and(atLeast(field, scaled(r.low(), shift).setScale(0, RoundingMode.CEILING)),
                        atMost(field, scaled(r.high(), shift).setScale(0, RoundingMode.FLOOR)));
            }
            case IN -> wholeIn(field, ((Operand.NumList) v).values(), shift);
            default -> throw new IllegalArgumentException(c.op().wire() + " on " + field);
        };
    }

    /** {@code f}, except that a test every stored value passes still excludes a missing one. */
    private static F present(boolean mayBeMissing, String field, F f) {
        return mayBeMissing && f.isAll() ? exists(field) : f;
    }

    private static F exists(String field) {
        return F.of(field, new BsonDocument("$exists", BsonBoolean.TRUE));
    }

    private static BigDecimal scaled(BigDecimal v, int shift) {
        return v.movePointRight(shift);
    }

    private static boolean isWhole(BigDecimal v) {
        return v.signum() == 0 || v.stripTrailingZeros().scale() <= 0;
    }

    private static F wholeEq(String field, BigDecimal x) {
        if (!isWhole(x) || x.compareTo(MIN_LONG) < 0 || x.compareTo(MAX_LONG) > 0) {
            return F.NONE;
        }
        return F.of(field, new BsonInt64(x.longValueExact()));
    }

    private static F wholeIn(String field, List<BigDecimal> values, int shift) {
        BsonArray in = new BsonArray();
        for (BigDecimal v : values) {
            BigDecimal x = scaled(v, shift);
            if (isWhole(x) && x.compareTo(MIN_LONG) >= 0 && x.compareTo(MAX_LONG) <= 0) {
                in.add(new BsonInt64(x.longValueExact()));
            }
        }
        return in.isEmpty() ? F.NONE : F.of(field, new BsonDocument("$in", in));
    }

    /** {@code field >= low} for a whole {@code low}. */
    private static F atLeast(String field, BigDecimal low) {
        if (low.compareTo(MIN_LONG) <= 0) {
            return F.ALL;
        }
        if (low.compareTo(MAX_LONG) > 0) {
            return F.NONE;
        }
        return F.of(field, new BsonDocument("$gte", new BsonInt64(low.longValueExact())));
    }

    /** {@code field <= high} for a whole {@code high}. */
    private static F atMost(String field, BigDecimal high) {
        if (high.compareTo(MAX_LONG) >= 0) {
            return F.ALL;
        }
        if (high.compareTo(MIN_LONG) < 0) {
            return F.NONE;
        }
        return F.of(field, new BsonDocument("$lte", new BsonInt64(high.longValueExact())));
    }

    private static F and(F a, F b) {
        if (a.isNone() || b.isNone()) {
            return F.NONE;
        }
        if (a.isAll()) {
            return b;
        }
        if (b.isAll()) {
            return a;
        }
        return F.of(new BsonDocument("$and", new BsonArray(List.of(a.doc(), b.doc()))));
    }

    // ------------------------------------------------------------------ text (may be missing)

    private static F text(String field, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case EQ -> F.of(field, folded(v));
            case NE -> not(F.of(field, folded(v)));
            case CONTAINS -> regex(field, LiteralPattern.contains(fold(v)));
            case NOT_CONTAINS -> not(regex(field, LiteralPattern.contains(fold(v))));
            case STARTS_WITH -> regex(field, LiteralPattern.startsWith(fold(v)));
            case ENDS_WITH -> regex(field, LiteralPattern.endsWith(fold(v)));
            case IN -> textIn(field, ((Operand.TextList) v).values());
            case NOT_IN -> not(textIn(field, ((Operand.TextList) v).values()));
            case EXISTS -> F.of(field, new BsonDocument("$exists", BsonBoolean.TRUE));
            default -> throw new IllegalArgumentException(c.op().wire() + " on a text field");
        };
    }

    private static String fold(Operand v) {
        return TextFold.fold(((Operand.Text) v).value());
    }

    private static BsonString folded(Operand v) {
        return new BsonString(fold(v));
    }

    private static F regex(String field, String pattern) {
        return F.of(field, new BsonRegularExpression(pattern));
    }

    private static F textIn(String field, List<String> values) {
        if (values.isEmpty()) {
            return F.NONE;
        }
        BsonArray in = new BsonArray();
        for (String s : values) {
            in.add(new BsonString(TextFold.fold(s)));
        }
        return F.of(field, new BsonDocument("$in", in));
    }

    // ------------------------------------------------------------------ dates (may be missing)

    private F date(String field, Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case BEFORE -> F.of(field, new BsonDocument("$lt", Bsons.date(((Operand.Date) v).value())));
            case AFTER -> F.of(field, new BsonDocument("$gt", Bsons.date(((Operand.Date) v).value())));
            case BETWEEN -> {
                Operand.DateRange r = (Operand.DateRange) v;
                yield F.of(field, new BsonDocument("$gte", Bsons.date(r.low())).append("$lte", Bsons.date(r.high())));
            }
            case IN_LAST_DAYS -> inLast(field, ((Operand.Days) v).value());
            case NOT_IN_LAST_DAYS -> not(inLast(field, ((Operand.Days) v).value()));
            case EXISTS -> F.of(field, new BsonDocument("$exists", BsonBoolean.TRUE));
            default -> throw new IllegalArgumentException(c.op().wire() + " on a date field");
        };
    }

    private F inLast(String field, int days) {
        return F.of(field, new BsonDocument("$gte", new BsonDateTime(now - days * DAY_MILLIS))
                .append("$lte", new BsonDateTime(now)));
    }

    // ------------------------------------------------------------------ tags (never missing)

    private static F tags(Condition c) {
        Operand v = c.operand();
        return switch (c.op()) {
            case CONTAINS -> F.of(TAGS, new BsonString(((Operand.Text) v).value()));
            case NOT_CONTAINS -> not(F.of(TAGS, new BsonString(((Operand.Text) v).value())));
            case CONTAINS_ANY -> {
                List<String> any = ((Operand.TextList) v).values();
                yield any.isEmpty() ? F.NONE : F.of(TAGS, new BsonDocument("$in", Bsons.strings(any)));
            }
            case CONTAINS_ALL -> {
                List<String> all = ((Operand.TextList) v).values();
                yield all.isEmpty() ? F.ALL : F.of(TAGS, new BsonDocument("$all", Bsons.strings(all)));
            }
            case IS_EMPTY -> F.of(TAGS, new BsonDocument("$size", new BsonInt32(0)));
            default -> throw new IllegalArgumentException(c.op().wire() + " on tags");
        };
    }

    // ------------------------------------------------------------------ custom attributes

    private static F attributeCondition(String key, Condition c) {
        Operand v = c.operand();
        String typed = CustomerFields.attribute(key);
        if (c.op() == Operator.EXISTS) {
            return F.of(typed, new BsonDocument("$exists", BsonBoolean.TRUE));
        }
        if (v instanceof Operand.Bool b) {
            return F.of(typed, BsonBoolean.valueOf(b.value()));
        }
        if (v instanceof Operand.Text || v instanceof Operand.TextList) {
            return text(attributeFolded(key), c);
        }
        return switch (c.op()) {
            case EQ -> decimalEq(typed, ((Operand.Num) v).value());
            case NE -> not(decimalEq(typed, ((Operand.Num) v).value()));
            case GT -> F.of(typed, new BsonDocument("$gt", Bsons.decimal(((Operand.Num) v).value())));
            case GTE -> F.of(typed, new BsonDocument("$gte", Bsons.decimal(((Operand.Num) v).value())));
            case LT -> F.of(typed, new BsonDocument("$lt", Bsons.decimal(((Operand.Num) v).value())));
            case LTE -> F.of(typed, new BsonDocument("$lte", Bsons.decimal(((Operand.Num) v).value())));
            case BETWEEN -> {
                Operand.NumRange r = (Operand.NumRange) v;
                yield F.of(typed, new BsonDocument("$gte", Bsons.decimal(r.low())).append("$lte", Bsons.decimal(r.high())));
            }
            case IN -> decimalIn(typed, ((Operand.NumList) v).values());
            case NOT_IN -> not(decimalIn(typed, ((Operand.NumList) v).values()));
            default -> throw new IllegalArgumentException(c.op().wire() + " on a custom attribute");
        };
    }

    /** Numeric equality as a closed range: exact for decimals on MongoDB and on the embedded server. */
    private static F decimalEq(String field, BigDecimal x) {
        BsonValue d = Bsons.decimal(x);
        return F.of(field, new BsonDocument("$gte", d).append("$lte", d));
    }

    private static F decimalIn(String field, List<BigDecimal> values) {
        if (values.isEmpty()) {
            return F.NONE;
        }
        if (values.size() == 1) {
            return decimalEq(field, values.get(0));
        }
        BsonArray any = new BsonArray();
        for (BigDecimal x : values) {
            any.add(decimalEq(field, x).doc());
        }
        return F.of(new BsonDocument("$or", any));
    }
}
