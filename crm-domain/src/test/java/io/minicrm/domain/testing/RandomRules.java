package io.minicrm.domain.testing;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerBuilder;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.Times;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.minicrm.domain.segment.Operator.*;
import static io.minicrm.domain.testing.RandomValues.chance;
import static io.minicrm.domain.testing.RandomValues.choose;
import static io.minicrm.domain.testing.RandomValues.orNull;
import static io.minicrm.domain.testing.RandomValues.pick;

/**
 * Seeded generators of random <em>valid</em> rules and random customers, for property tests (with
 * {@link Property}) and for differential tests of other evaluators (e.g. a MongoDB filter against
 * {@link io.minicrm.domain.segment.eval.CompiledRule}). Every method draws only from the {@link SplittableRandom}
 * it is given, so the same seed always gives the same rules and customers.
 *
 * <p>Rules cover every field type, every operator of each type and every operand kind (texts, lists,
 * numbers, inclusive ranges, dates, date ranges, day counts, booleans), including custom attributes
 * compared as text, number or boolean. They are exactly what the readers produce: tags normalised,
 * strings at most {@value RuleLimits#MAX_STRING} characters, money with at most 2 decimals, lists
 * non-empty, ranges ordered; depth at most 5 and 2 or 3 children per and/or (so within {@link RuleLimits}).
 * A rule node is a condition with weight 3, an and or an or with weight 2 each, a not with weight 1; a
 * condition picks one of the six kinds below uniformly (string, number, date, tag, optedOut, attribute),
 * then its field and operator uniformly.
 *
 * <p>Customers include missing values (no name, phone, city, last activity or orders), empty tag sets,
 * mixed-case and non-ASCII text, regex metacharacters, boundary amounts and counts, and custom
 * attributes whose keys ({@link #ATTRIBUTE_KEYS}) hold text, numbers or booleans from one customer to
 * the next, so a condition often meets a value of another type.
 *
 * <p>Rules and customers draw from the same small pools (texts, tags, numbers, instants around
 * {@link #NOW}), so a good share of random rules match some random customers (RandomRulesTest checks it:
 * between 15% and 85% of rule/customer pairs match). Evaluate relative dates at {@link #NOW}.
 *
 * <pre>{@code
 * SplittableRandom r = new SplittableRandom(42);
 * Rule rule = RandomRules.rule(r);                      // depth <= 5
 * List<Customer> customers = RandomRules.customers(r, 300); // distinct ids
 * }</pre>
 */
public final class RandomRules {
    /** The evaluation time that the instant pools are built around. */
    public static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    /** Customer names: case variants, non-ASCII, regex metacharacters, empty. */
    public static final List<String> NAMES = List.of("Ann Lee", "ann lee", "ANN", "Åsa Öberg", "Éloïse", "straße",
            "Ωmega", "İlker", "ılık", "a.*b", "^caret$", "(paren)", "[x]{2}", "back\\slash", "pipe|bar", "q?",
            "c++", "😀 smile", "Zoë", "");
    /** Cities of customers. */
    public static final List<String> CITIES = List.of("Pune", "pune", "PUNE", "Mumbai", "São Paulo", "Zürich",
            "İstanbul", "a.b", "New York", "");
    /** Phones of customers. */
    public static final List<String> PHONES = List.of("+919876543210", "9876543210", "+15551234567", "0044123456");
    /** Local parts of e-mail addresses (the customer id is appended, so addresses are unique per id). */
    public static final List<String> EMAIL_LOCALS = List.of("ann", "ann.lee", "a+b", "o'neil", "x_y", "zoe");
    /** Domains of e-mail addresses. */
    public static final List<String> EMAIL_DOMAINS = List.of("example.com", "mail.example.org", "ex-ample.io");
    /** Text operands: fragments of the customer pools in other cases, regex metacharacters, empty, unicode. */
    public static final List<String> TEXTS = List.of("ann", "ANN LEE", "lee", "åsa", "ÉLO", "STRASSE", "straße",
            "ω", "İ", "i", ".*", "a.*b", "^", "$", "(", ")", "[x]", "{2}", "\\", "|", "?", "+", "😀", "", " ",
            "pune", "Pu", "ne", "mumbai", "zürich", "SÃO PAULO", "x", "example.com", "ANN.", "+91", "98765",
            "@mail", "gold", "10");
    /** Tags (normalised: trimmed, case-folded). */
    public static final List<String> TAGS = List.of("vip", "churned", "new", "b2b", "ñandú", "a.b", "x*y", "öko");
    /** Keys of custom attributes; each may hold text, a number or a boolean. */
    public static final List<String> ATTRIBUTE_KEYS = List.of("plan", "score", "flag", "region");
    /** Text values of custom attributes. */
    public static final List<String> ATTRIBUTE_TEXTS = List.of("gold", "Gold", "GOLD", "silver", "10", "true",
            "a.*b", "", "Zürich", "😀");
    /** Numbers of custom attributes and attribute operands. */
    public static final List<BigDecimal> ATTRIBUTE_NUMBERS = decimals("0", "1", "2.5", "10", "-3", "100", "0.01",
            "999999999999.99", "0.001");
    /** Money amounts (at most 2 decimals) around the 10000 threshold of the reference rule. */
    public static final List<BigDecimal> AMOUNTS = decimals("0", "0.01", "99.99", "100", "5000.5", "9999.99", "10000",
            "10000.01", "123456.78");
    /** Whole numbers for counts (visits, orders) around small thresholds. */
    public static final List<Long> COUNTS = List.of(0L, 1L, 2L, 3L, 4L, 10L, 100L);
    /** Day spans for inLastDays / notInLastDays. */
    public static final List<Integer> DAY_SPANS = List.of(0, 1, 30, 89, 90, 91, 365, RuleLimits.MAX_DAYS);
    /** Instants around {@link #NOW}: exact day boundaries, one millisecond either side, the future, midnights. */
    public static final List<Instant> INSTANTS = instants();

    /** The largest customer id number: ids are {@code c1..c99999}. */
    public static final int MAX_CUSTOMER_NUMBER = 99_999;

    private static final List<BigDecimal> EXTREME_MONEY = decimals("-1", "-0.01", "10000000000000", "9999999999999.99");
    private static final List<BigDecimal> EXTREME_INTEGERS = decimals("-1", "999999999999999999", "-999999999999999999");
    private static final List<Integer> META_CODE_POINTS = ".*+?^$()[]{}|\\\"".chars().boxed().toList();

    private RandomRules() {
    }

    // ------------------------------------------------------------------ rules

    /** A random valid rule of depth at most 5. */
    public static Rule rule(SplittableRandom r) {
        return rule(r, 5);
    }

    /**
     * A random valid rule of depth at most {@code maxDepth} (1 = a single condition): a condition (weight 3),
     * an and or an or of 2 or 3 children (weight 2 each) or a not (weight 1); children have depth at most
     * {@code maxDepth - 1}.
     */
    public static Rule rule(SplittableRandom r, int maxDepth) {
        if (maxDepth <= 1) {
            return condition(r);
        }
        return switch (choose(r, 3, 2, 2, 1)) {
            case 0 -> condition(r);
            case 1 -> new Rule.And(children(r, maxDepth - 1));
            case 2 -> new Rule.Or(children(r, maxDepth - 1));
            default -> new Rule.Not(rule(r, maxDepth - 1));
        };
    }

    private static List<Rule> children(SplittableRandom r, int maxDepth) {
        return RandomValues.list(r, 2, 3, x -> rule(x, maxDepth));
    }

    /** A random condition over every field type, operator and operand kind (each of the six kinds below equally likely). */
    public static Condition condition(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> stringCondition(r);
            case 1 -> numberCondition(r);
            case 2 -> dateCondition(r);
            case 3 -> tagCondition(r);
            case 4 -> optedOutCondition(r);
            default -> attributeCondition(r);
        };
    }

    /** A condition on name, email, phone or city, with any text operator ({@code in}/{@code notIn}: 1 to 4 texts). */
    public static Condition stringCondition(SplittableRandom r) {
        StandardField f = pick(r, StandardField.NAME, StandardField.EMAIL, StandardField.PHONE, StandardField.CITY);
        Operator op = pick(r, EQ, NE, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IN, NOT_IN, EXISTS);
        return new Condition(f, op, textOperand(r, op, RandomRules::text, 4));
    }

    /** A condition on totalSpent (money operands) or orderCount / visits (whole-number operands), any number operator. */
    public static Condition numberCondition(SplittableRandom r) {
        StandardField f = pick(r, StandardField.TOTAL_SPENT, StandardField.ORDER_COUNT, StandardField.VISITS);
        Operator op = pick(r, EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN, EXISTS);
        return new Condition(f, op, f == StandardField.TOTAL_SPENT
                ? numberOperand(r, op, RandomRules::money, 4)
                : numberOperand(r, op, RandomRules::integer, 4));
    }

    /** A condition on firstOrderAt, lastOrderAt, lastActiveAt or createdAt, any date operator. */
    public static Condition dateCondition(SplittableRandom r) {
        StandardField f = pick(r, StandardField.FIRST_ORDER_AT, StandardField.LAST_ORDER_AT,
                StandardField.LAST_ACTIVE_AT, StandardField.CREATED_AT);
        Operator op = pick(r, BEFORE, AFTER, BETWEEN, IN_LAST_DAYS, NOT_IN_LAST_DAYS, EXISTS);
        return new Condition(f, op, switch (op) {
            case BEFORE, AFTER -> new Operand.Date(ruleInstant(r));
            case BETWEEN -> {
                Instant a = ruleInstant(r);
                Instant b = ruleInstant(r);
                yield a.isAfter(b) ? new Operand.DateRange(b, a) : new Operand.DateRange(a, b);
            }
            case IN_LAST_DAYS, NOT_IN_LAST_DAYS -> new Operand.Days(daySpan(r));
            default -> Operand.None.INSTANCE;
        });
    }

    /** A condition on tags: contains / notContains one tag, containsAny / containsAll of 1 to 3, isEmpty. */
    public static Condition tagCondition(SplittableRandom r) {
        Operator op = pick(r, CONTAINS, NOT_CONTAINS, CONTAINS_ANY, CONTAINS_ALL, IS_EMPTY);
        return new Condition(StandardField.TAGS, op, switch (op) {
            case CONTAINS, NOT_CONTAINS -> new Operand.Text(tagOperand(r));
            case CONTAINS_ANY, CONTAINS_ALL -> new Operand.TextList(RandomValues.list(r, 1, 3, RandomRules::tagOperand));
            default -> Operand.None.INSTANCE;
        });
    }

    /** {@code optedOut = true|false}. */
    public static Condition optedOutCondition(SplittableRandom r) {
        return new Condition(StandardField.OPTED_OUT, EQ, new Operand.Bool(r.nextBoolean()));
    }

    /**
     * A condition on a custom attribute of {@link #ATTRIBUTE_KEYS}, compared as text (weight 4, operands
     * {@link #attributeText}), as a number (weight 4, operands from {@link #ATTRIBUTE_NUMBERS}), as a boolean
     * (weight 2), or {@code exists} (weight 1).
     */
    public static Condition attributeCondition(SplittableRandom r) {
        AttributeField f = new AttributeField(pick(r, ATTRIBUTE_KEYS));
        return switch (choose(r, 4, 4, 2, 1)) {
            case 0 -> {
                Operator op = pick(r, EQ, NE, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IN, NOT_IN);
                yield new Condition(f, op, textOperand(r, op, RandomRules::attributeText, 3));
            }
            case 1 -> {
                Operator op = pick(r, EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN);
                yield new Condition(f, op, numberOperand(r, op, x -> pick(x, ATTRIBUTE_NUMBERS), 3));
            }
            case 2 -> new Condition(f, EQ, new Operand.Bool(r.nextBoolean()));
            default -> new Condition(f, EXISTS, Operand.None.INSTANCE);
        };
    }

    // ------------------------------------------------------------------ customers

    /** A random customer from the shared pools, with a random id {@code c1..c99999}. */
    public static Customer customer(SplittableRandom r) {
        return customer(r, 1 + r.nextInt(MAX_CUSTOMER_NUMBER));
    }

    /**
     * A random customer with id {@code c<number>} and an e-mail address unique per number ({@code <local>.<number>@<domain>},
     * the local part upper-cased one time in three). Name missing 20% of the time, phone 40%, city 20%, last activity
     * 25%, imported history 25%, history from orders 70%; opted out one time in three; up to 3 tags (some upper-cased);
     * up to 4 custom attributes; visits from {@link #COUNTS}, missing 25%; created at an instant of {@link #INSTANTS}.
     */
    public static Customer customer(SplittableRandom r, int number) {
        String local = pick(r, EMAIL_LOCALS);
        String email = (chance(r, 1.0 / 3) ? local.toUpperCase(Locale.ROOT) : local) + "." + number + "@"
                + pick(r, EMAIL_DOMAINS);
        CustomerBuilder b = Customer.builder().id("c" + number).email(email)
                .name(orNull(r, 0.2, x -> pick(x, NAMES)))
                .phone(orNull(r, 0.4, x -> pick(x, PHONES)))
                .city(orNull(r, 0.2, x -> pick(x, CITIES)))
                .tags(customerTags(r))
                .attributes(attributes(r))
                .optedOut(chance(r, 1.0 / 3))
                .visits(pick(r, COUNTS))
                .lastActiveAt(orNull(r, 0.25, x -> pick(x, INSTANTS)));
        if (chance(r, 0.25)) {
            b.noVisits();
        }
        PurchaseHistory imported = orNull(r, 0.25, RandomRules::history);
        if (imported != null) {
            b.imported(imported);
        }
        PurchaseHistory fromOrders = orNull(r, 0.7, RandomRules::history);
        if (fromOrders != null) {
            b.fromOrders(fromOrders);
        }
        return b.createdAt(pick(r, INSTANTS)).build();
    }

    /** {@code count} random customers with distinct ids (and so distinct e-mail addresses), in random id order. */
    public static List<Customer> customers(SplittableRandom r, int count) {
        if (count < 0 || count > MAX_CUSTOMER_NUMBER) {
            throw new IllegalArgumentException("count must be 0.." + MAX_CUSTOMER_NUMBER);
        }
        Map<Integer, Customer> byNumber = new LinkedHashMap<>();
        while (byNumber.size() < count) {
            int number = 1 + r.nextInt(MAX_CUSTOMER_NUMBER);
            if (!byNumber.containsKey(number)) {
                byNumber.put(number, customer(r, number));
            }
        }
        return new ArrayList<>(byNumber.values());
    }

    /** {@code min..max} random customers; ids may repeat (each is an independent {@link #customer}). */
    public static List<Customer> customers(SplittableRandom r, int min, int max) {
        return RandomValues.list(r, min, max, RandomRules::customer);
    }

    /**
     * A purchase history: an amount of {@link #AMOUNTS}, an order count of {@link #COUNTS}, and (three times in
     * four) first and last order instants of {@link #INSTANTS}, the first not after the last; else both missing.
     */
    public static PurchaseHistory history(SplittableRandom r) {
        BigDecimal spent = pick(r, AMOUNTS);
        long orders = pick(r, COUNTS);
        Instant a = pick(r, INSTANTS);
        Instant b = pick(r, INSTANTS);
        boolean dated = !chance(r, 0.25);
        return new PurchaseHistory(Money.of(spent), orders,
                dated ? (a.isAfter(b) ? b : a) : null, dated ? (a.isAfter(b) ? a : b) : null);
    }

    /** Custom attributes over {@link #ATTRIBUTE_KEYS}: 0 to 4 keys, each holding text, a number or a boolean. */
    public static Map<String, AttributeValue> attributes(SplittableRandom r) {
        return RandomValues.map(r, ATTRIBUTE_KEYS.size(), x -> pick(x, ATTRIBUTE_KEYS), RandomRules::attributeValue);
    }

    /** An attribute value: text of {@link #ATTRIBUTE_TEXTS}, a number of {@link #ATTRIBUTE_NUMBERS} or a boolean, equally likely. */
    public static AttributeValue attributeValue(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> new AttributeValue.Text(pick(r, ATTRIBUTE_TEXTS));
            case 1 -> new AttributeValue.Num(pick(r, ATTRIBUTE_NUMBERS));
            default -> new AttributeValue.Bool(r.nextBoolean());
        };
    }

    /** Tag sets of customers: empty, or up to 3 pool tags, a third of them upper-cased (the customer normalises them). */
    public static Set<String> customerTags(SplittableRandom r) {
        return RandomValues.set(r, 3, x -> {
            String t = pick(x, TAGS);
            return chance(x, 1.0 / 3) ? t.toUpperCase(Locale.ROOT) : t;
        });
    }

    // ------------------------------------------------------------------ operands

    /**
     * A text operand: from {@link #TEXTS} (weight 6), {@link #NAMES} (2), {@link #CITIES} (1) or
     * {@link #unicodeText} (2); never longer than the limit.
     */
    public static String text(SplittableRandom r) {
        return switch (choose(r, 6, 2, 1, 2)) {
            case 0 -> pick(r, TEXTS);
            case 1 -> pick(r, NAMES);
            case 2 -> pick(r, CITIES);
            default -> unicodeText(r);
        };
    }

    /**
     * Random text of valid UTF-16 (no lone surrogates), 0 to 8 code points, each from one of seven equally likely
     * blocks: ASCII, Latin-1/Latin Extended-A, Greek, Cyrillic, CJK, emoji, regex metacharacters and the quote.
     */
    public static String unicodeText(SplittableRandom r) {
        int length = r.nextInt(9);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(switch (r.nextInt(7)) {
                case 0 -> r.nextInt(0x20, 0x7F);
                case 1 -> r.nextInt(0xC0, 0x180);
                case 2 -> r.nextInt(0x391, 0x3CA);
                case 3 -> r.nextInt(0x410, 0x450);
                case 4 -> r.nextInt(0x4E00, 0x4E21);
                case 5 -> r.nextInt(0x1F600, 0x1F611);
                default -> pick(r, META_CODE_POINTS);
            });
        }
        return out.toString();
    }

    /** A tag operand as the readers produce it: a pool tag, half the time padded and upper-cased, normalised. */
    public static String tagOperand(SplittableRandom r) {
        String t = pick(r, TAGS);
        return CustomerProfile.normaliseTag(r.nextBoolean() ? t : " " + t.toUpperCase(Locale.ROOT) + " ");
    }

    /** A text operand for custom attributes: {@link #ATTRIBUTE_TEXTS} (weight 3) or {@link #text} (weight 1). */
    public static String attributeText(SplittableRandom r) {
        return choose(r, 3, 1) == 0 ? pick(r, ATTRIBUTE_TEXTS) : text(r);
    }

    /**
     * A money operand: {@link #AMOUNTS} (weight 6), any amount 0.00..20000.00 with 2 decimals (weight 2), or a
     * negative / the largest allowed (10^13) (weight 1).
     */
    public static BigDecimal money(SplittableRandom r) {
        return switch (choose(r, 6, 2, 1)) {
            case 0 -> pick(r, AMOUNTS);
            case 1 -> BigDecimal.valueOf(r.nextLong(2_000_001), 2);
            default -> pick(r, EXTREME_MONEY);
        };
    }

    /** A whole-number operand: {@link #COUNTS} (weight 6), any in -1000..1000 (weight 1), or ±(10^18 - 1) / -1 (weight 1). */
    public static BigDecimal integer(SplittableRandom r) {
        return switch (choose(r, 6, 1, 1)) {
            case 0 -> BigDecimal.valueOf(pick(r, COUNTS));
            case 1 -> BigDecimal.valueOf(r.nextLong(-1000, 1001));
            default -> pick(r, EXTREME_INTEGERS);
        };
    }

    /** An instant for date operands: {@link #INSTANTS} (weight 8) or any millisecond between 1900 and 9999 (weight 1). */
    public static Instant ruleInstant(SplittableRandom r) {
        return choose(r, 8, 1) == 0 ? pick(r, INSTANTS)
                : Instant.ofEpochMilli(r.nextLong(Times.MIN.toEpochMilli(), Times.MAX.toEpochMilli() + 1));
    }

    /** A day count: {@link #DAY_SPANS} (weight 5) or any in 0..{@value RuleLimits#MAX_DAYS} (weight 1). */
    public static int daySpan(SplittableRandom r) {
        return choose(r, 5, 1) == 0 ? pick(r, DAY_SPANS) : r.nextInt(RuleLimits.MAX_DAYS + 1);
    }

    private static Operand textOperand(SplittableRandom r, Operator op,
                                       java.util.function.Function<SplittableRandom, String> texts, int maxList) {
        return switch (op) {
            case IN, NOT_IN -> new Operand.TextList(RandomValues.list(r, 1, maxList, texts));
            case EXISTS -> Operand.None.INSTANCE;
            default -> new Operand.Text(texts.apply(r));
        };
    }

    private static Operand numberOperand(SplittableRandom r, Operator op,
                                         java.util.function.Function<SplittableRandom, BigDecimal> numbers, int maxList) {
        return switch (op) {
            case BETWEEN -> {
                BigDecimal a = numbers.apply(r);
                BigDecimal b = numbers.apply(r);
                yield a.compareTo(b) > 0 ? new Operand.NumRange(b, a) : new Operand.NumRange(a, b);
            }
            case IN, NOT_IN -> new Operand.NumList(RandomValues.list(r, 1, maxList, numbers));
            case EXISTS -> Operand.None.INSTANCE;
            default -> new Operand.Num(numbers.apply(r));
        };
    }

    private static List<BigDecimal> decimals(String... values) {
        return Stream.of(values).map(BigDecimal::new).toList();
    }

    private static List<Instant> instants() {
        List<Instant> out = new ArrayList<>();
        for (int days : new int[] {0, 1, 29, 30, 31, 89, 90, 91, 364, 365, 366, -1, -30}) {
            out.add(NOW.minus(Duration.ofDays(days)));
        }
        Instant ninety = NOW.minus(Duration.ofDays(90));
        out.add(ninety.minusMillis(1));
        out.add(ninety.plusMillis(1));
        out.add(Instant.parse("2025-01-01T00:00:00Z"));
        out.add(Instant.parse("2025-06-15T00:00:00Z"));
        out.add(Instant.parse("2020-02-29T23:59:59.999Z"));
        return List.copyOf(out);
    }
}
