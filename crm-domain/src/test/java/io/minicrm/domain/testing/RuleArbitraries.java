package io.minicrm.domain.testing;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import static io.minicrm.domain.segment.Operator.*;

/**
 * jqwik generators of random <em>valid</em> rules and random customers, for property tests and for
 * differential tests of other evaluators (e.g. a MongoDB filter against {@link io.minicrm.domain.segment.CompiledRule}).
 *
 * <p>Rules cover every field type, every operator of each type and every operand kind (texts, lists,
 * numbers, inclusive ranges, dates, date ranges, day counts, booleans), including custom attributes
 * compared as text, number or boolean. They are exactly what the readers produce: tags normalised,
 * strings at most {@value RuleLimits#MAX_STRING} characters, money with at most 2 decimals, lists
 * non-empty, ranges ordered; depth at most 5 and at most 3 children per node (so within {@link RuleLimits}).
 *
 * <p>Customers include missing values (no name, phone, city, last activity or orders), empty tag sets,
 * mixed-case and non-ASCII text, regex metacharacters, boundary amounts and counts, and custom
 * attributes whose keys ({@link #ATTRIBUTE_KEYS}) hold text, numbers or booleans from one customer to
 * the next, so a condition often meets a value of another type.
 *
 * <p>Rules and customers draw from the same small pools (texts, tags, numbers, instants around
 * {@link #NOW}), so a good share of random rules match some random customers. Evaluate relative
 * dates at {@link #NOW}.
 */
public final class RuleArbitraries {
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

    private RuleArbitraries() {
    }

    // ------------------------------------------------------------------ rules

    /** Random valid rules of depth at most 5. */
    public static Arbitrary<Rule> rules() {
        return rules(5);
    }

    /** Random valid rules of depth at most {@code maxDepth} (1 = a single condition); 2 or 3 children per and/or. */
    public static Arbitrary<Rule> rules(int maxDepth) {
        if (maxDepth <= 1) {
            return conditions().map(c -> c);
        }
        Arbitrary<Rule> child = Arbitraries.lazy(() -> rules(maxDepth - 1));
        return Arbitraries.frequencyOf(
                Tuple.of(3, conditions().map(c -> (Rule) c)),
                Tuple.of(2, child.list().ofMinSize(2).ofMaxSize(3).map(Rule.And::new)),
                Tuple.of(2, child.list().ofMinSize(2).ofMaxSize(3).map(Rule.Or::new)),
                Tuple.of(1, child.map(Rule.Not::new)));
    }

    /** Random conditions over every field type, operator and operand kind. */
    public static Arbitrary<Condition> conditions() {
        return Arbitraries.oneOf(stringConditions(), numberConditions(), dateConditions(), tagConditions(),
                optedOutConditions(), attributeConditions());
    }

    /** Conditions on name, email, phone and city. */
    public static Arbitrary<Condition> stringConditions() {
        Arbitrary<StandardField> fields = Arbitraries.of(StandardField.NAME, StandardField.EMAIL, StandardField.PHONE,
                StandardField.CITY);
        Arbitrary<Operator> ops = Arbitraries.of(EQ, NE, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IN, NOT_IN, EXISTS);
        return Combinators.combine(fields, ops, texts(), texts().list().ofMinSize(1).ofMaxSize(4))
                .as((f, op, text, list) -> new Condition(f, op, textOperand(op, text, list)));
    }

    /** Conditions on totalSpent (money), orderCount and visits (integers). */
    public static Arbitrary<Condition> numberConditions() {
        Arbitrary<Operator> ops = Arbitraries.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN, EXISTS);
        return Arbitraries.of(StandardField.TOTAL_SPENT, StandardField.ORDER_COUNT, StandardField.VISITS)
                .flatMap(f -> {
                    Arbitrary<BigDecimal> n = f == StandardField.TOTAL_SPENT ? moneyOperands() : integerOperands();
                    return Combinators.combine(ops, n, n, n.list().ofMinSize(1).ofMaxSize(4))
                            .as((op, a, b, list) -> new Condition(f, op, numberOperand(op, a, b, list)));
                });
    }

    /** Conditions on firstOrderAt, lastOrderAt, lastActiveAt and createdAt. */
    public static Arbitrary<Condition> dateConditions() {
        Arbitrary<StandardField> fields = Arbitraries.of(StandardField.FIRST_ORDER_AT, StandardField.LAST_ORDER_AT,
                StandardField.LAST_ACTIVE_AT, StandardField.CREATED_AT);
        Arbitrary<Operator> ops = Arbitraries.of(BEFORE, AFTER, BETWEEN, IN_LAST_DAYS, NOT_IN_LAST_DAYS, EXISTS);
        return Combinators.combine(fields, ops, ruleInstants(), ruleInstants(), daySpans())
                .as((f, op, a, b, days) -> new Condition(f, op, switch (op) {
                    case BEFORE, AFTER -> new Operand.Date(a);
                    case BETWEEN -> a.isAfter(b) ? new Operand.DateRange(b, a) : new Operand.DateRange(a, b);
                    case IN_LAST_DAYS, NOT_IN_LAST_DAYS -> new Operand.Days(days);
                    default -> Operand.None.INSTANCE;
                }));
    }

    /** Conditions on tags. */
    public static Arbitrary<Condition> tagConditions() {
        Arbitrary<Operator> ops = Arbitraries.of(CONTAINS, NOT_CONTAINS, CONTAINS_ANY, CONTAINS_ALL, IS_EMPTY);
        return Combinators.combine(ops, tagOperands(), tagOperands().list().ofMinSize(1).ofMaxSize(3))
                .as((op, tag, list) -> new Condition(StandardField.TAGS, op, switch (op) {
                    case CONTAINS, NOT_CONTAINS -> new Operand.Text(tag);
                    case CONTAINS_ANY, CONTAINS_ALL -> new Operand.TextList(list);
                    default -> Operand.None.INSTANCE;
                }));
    }

    /** {@code optedOut = true|false}. */
    public static Arbitrary<Condition> optedOutConditions() {
        return Arbitraries.of(true, false).map(b -> new Condition(StandardField.OPTED_OUT, EQ, new Operand.Bool(b)));
    }

    /** Conditions on custom attributes, compared as text, number or boolean. */
    public static Arbitrary<Condition> attributeConditions() {
        Arbitrary<AttributeField> fields = Arbitraries.of(ATTRIBUTE_KEYS).map(AttributeField::new);
        Arbitrary<Operator> textOperators = Arbitraries.of(EQ, NE, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH, IN, NOT_IN);
        Arbitrary<Operator> numberOperators = Arbitraries.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, IN, NOT_IN);
        Arbitrary<BigDecimal> numbers = Arbitraries.of(ATTRIBUTE_NUMBERS);
        Arbitrary<Condition> text = Combinators.combine(fields, textOperators, attributeTexts(),
                        attributeTexts().list().ofMinSize(1).ofMaxSize(3))
                .as((f, op, t, l) -> new Condition(f, op, textOperand(op, t, l)));
        Arbitrary<Condition> number = Combinators.combine(fields, numberOperators, numbers, numbers,
                        numbers.list().ofMinSize(1).ofMaxSize(3))
                .as((f, op, a, b, l) -> new Condition(f, op, numberOperand(op, a, b, l)));
        Arbitrary<Condition> bool = Combinators.combine(fields, Arbitraries.of(true, false))
                .as((f, b) -> new Condition(f, EQ, new Operand.Bool(b)));
        Arbitrary<Condition> exists = fields.map(f -> new Condition(f, EXISTS, Operand.None.INSTANCE));
        return Arbitraries.frequencyOf(Tuple.of(4, text), Tuple.of(4, number),
                Tuple.of(2, bool), Tuple.of(1, exists));
    }

    // ------------------------------------------------------------------ customers

    /** Random customers from the shared pools; ids {@code c1..c99999}, e-mail addresses unique per id. */
    public static Arbitrary<Customer> customers() {
        Arbitrary<Integer> ids = Arbitraries.integers().between(1, 99_999);
        return Builders.withBuilder(CustomerBuilder::aCustomer)
                .use(Combinators.combine(ids, Arbitraries.of(EMAIL_LOCALS), Arbitraries.of(EMAIL_DOMAINS),
                        Arbitraries.of(false, false, true))
                        .as((n, local, domain, upper) -> new String[] {"c" + n,
                                (upper ? local.toUpperCase(java.util.Locale.ROOT) : local) + "." + n + "@" + domain}))
                .in((b, idAndEmail) -> b.id(idAndEmail[0]).email(idAndEmail[1]))
                .use(Arbitraries.of(NAMES).injectNull(0.2)).in(CustomerBuilder::name)
                .use(Arbitraries.of(PHONES).injectNull(0.4)).in(CustomerBuilder::phone)
                .use(Arbitraries.of(CITIES).injectNull(0.2)).in(CustomerBuilder::city)
                .use(customerTags()).in((b, t) -> b.tags(t))
                .use(customerAttributes()).in(CustomerBuilder::attributes)
                .use(Arbitraries.of(false, false, true)).in(CustomerBuilder::optedOut)
                .use(Arbitraries.of(COUNTS)).in(CustomerBuilder::visits)
                .use(Arbitraries.of(INSTANTS).injectNull(0.25)).in(CustomerBuilder::lastActiveAt)
                .use(histories().injectNull(0.25)).in((b, h) -> h == null ? b : b.imported(h))
                .use(histories().injectNull(0.7)).in((b, h) -> h == null ? b : b.fromOrders(h))
                .use(Arbitraries.of(INSTANTS)).in(CustomerBuilder::createdAt)
                .build(CustomerBuilder::build);
    }

    /** Lists of up to {@code maxSize} customers with distinct ids (and so distinct e-mail addresses). */
    public static Arbitrary<List<Customer>> customerLists(int maxSize) {
        return customers().list().ofMaxSize(maxSize).uniqueElements(Customer::id);
    }

    /** Purchase histories: boundary amounts and counts, first order not after the last (or both missing). */
    public static Arbitrary<PurchaseHistory> histories() {
        return Combinators.combine(Arbitraries.of(AMOUNTS), Arbitraries.of(COUNTS),
                        Arbitraries.of(INSTANTS), Arbitraries.of(INSTANTS), Arbitraries.of(true, true, true, false))
                .as((spent, orders, a, b, dated) -> new PurchaseHistory(Money.of(spent), orders,
                        dated ? (a.isAfter(b) ? b : a) : null, dated ? (a.isAfter(b) ? a : b) : null));
    }

    /** Custom attributes over {@link #ATTRIBUTE_KEYS}: each key absent or holding text, a number or a boolean. */
    public static Arbitrary<Map<String, AttributeValue>> customerAttributes() {
        return Arbitraries.maps(Arbitraries.of(ATTRIBUTE_KEYS), attributeValues()).ofMaxSize(ATTRIBUTE_KEYS.size());
    }

    public static Arbitrary<AttributeValue> attributeValues() {
        return Arbitraries.oneOf(
                Arbitraries.of(ATTRIBUTE_TEXTS).map(AttributeValue.Text::new),
                Arbitraries.of(ATTRIBUTE_NUMBERS).map(AttributeValue.Num::new),
                Arbitraries.of(true, false).map(AttributeValue.Bool::new));
    }

    /** Tag sets of customers: empty, or a few pool tags, some in other cases (the customer normalises them). */
    public static Arbitrary<java.util.Set<String>> customerTags() {
        Arbitrary<String> tag = Arbitraries.of(TAGS).flatMap(t -> Arbitraries.of(t, t, t.toUpperCase(java.util.Locale.ROOT)));
        return tag.set().ofMaxSize(3);
    }

    // ------------------------------------------------------------------ operands

    /** Text operands: mostly pool fragments, sometimes random non-ASCII text; never longer than the limit. */
    public static Arbitrary<String> texts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(TEXTS)),
                Tuple.of(2, Arbitraries.of(NAMES)),
                Tuple.of(1, Arbitraries.of(CITIES)),
                Tuple.of(2, unicodeTexts()));
    }

    /** Random text of valid UTF-16 (no lone surrogates): ASCII, Latin, Greek, Cyrillic, CJK, emoji, regex metacharacters. */
    public static Arbitrary<String> unicodeTexts() {
        Arbitrary<Integer> codePoint = Arbitraries.oneOf(
                Arbitraries.integers().between(0x20, 0x7E),
                Arbitraries.integers().between(0xC0, 0x17F),
                Arbitraries.integers().between(0x391, 0x3C9),
                Arbitraries.integers().between(0x410, 0x44F),
                Arbitraries.integers().between(0x4E00, 0x4E20),
                Arbitraries.integers().between(0x1F600, 0x1F610),
                Arbitraries.of((int) '.', (int) '*', (int) '+', (int) '?', (int) '^', (int) '$', (int) '(', (int) ')',
                        (int) '[', (int) ']', (int) '{', (int) '}', (int) '|', (int) '\\', (int) '"'));
        return codePoint.list().ofMaxSize(8)
                .map(cps -> cps.stream().map(Character::toString).collect(Collectors.joining()));
    }

    /** Tag operands as the readers produce them: pool tags in any case, normalised. */
    public static Arbitrary<String> tagOperands() {
        return Arbitraries.of(TAGS).flatMap(t -> Arbitraries.of(t, " " + t.toUpperCase(java.util.Locale.ROOT) + " "))
                .map(CustomerProfile::normaliseTag);
    }

    static Arbitrary<String> attributeTexts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(ATTRIBUTE_TEXTS)),
                Tuple.of(1, texts()));
    }

    /** Money operands: pool amounts, random amounts with 2 decimals, negatives and the largest allowed (10^13). */
    public static Arbitrary<BigDecimal> moneyOperands() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(AMOUNTS)),
                Tuple.of(2, Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("20000"))
                        .ofScale(2)),
                Tuple.of(1, Arbitraries.of(decimals("-1", "-0.01", "10000000000000", "9999999999999.99"))));
    }

    /** Whole-number operands: pool counts, negatives, and the largest magnitude accepted (10^18 - 1). */
    public static Arbitrary<BigDecimal> integerOperands() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(COUNTS).map(BigDecimal::valueOf)),
                Tuple.of(1, Arbitraries.longs().between(-1000, 1000).map(BigDecimal::valueOf)),
                Tuple.of(1, Arbitraries.of(decimals("-1", "999999999999999999", "-999999999999999999"))));
    }

    /** Instants for date operands: the shared pool, plus any millisecond between 1900 and 9999. */
    public static Arbitrary<Instant> ruleInstants() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(INSTANTS)),
                Tuple.of(1, Arbitraries.longs().between(
                                io.minicrm.domain.shared.Times.MIN.toEpochMilli(),
                                io.minicrm.domain.shared.Times.MAX.toEpochMilli())
                        .map(Instant::ofEpochMilli)));
    }

    public static Arbitrary<Integer> daySpans() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(DAY_SPANS)),
                Tuple.of(1, Arbitraries.integers().between(0, RuleLimits.MAX_DAYS)));
    }

    private static Operand textOperand(Operator op, String text, List<String> list) {
        return switch (op) {
            case IN, NOT_IN -> new Operand.TextList(list);
            case EXISTS -> Operand.None.INSTANCE;
            default -> new Operand.Text(text);
        };
    }

    private static Operand numberOperand(Operator op, BigDecimal a, BigDecimal b, List<BigDecimal> list) {
        return switch (op) {
            case BETWEEN -> a.compareTo(b) > 0 ? new Operand.NumRange(b, a) : new Operand.NumRange(a, b);
            case IN, NOT_IN -> new Operand.NumList(list);
            case EXISTS -> Operand.None.INSTANCE;
            default -> new Operand.Num(a);
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
