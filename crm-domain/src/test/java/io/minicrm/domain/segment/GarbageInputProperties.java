package io.minicrm.domain.segment;

import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random garbage into every reader only ever yields a rule (valid and within limits) or an
 * {@link InvalidRuleException} / {@link ValidationException}: never a ClassCastException,
 * NumberFormatException, ArithmeticException, StackOverflowError or a hang.
 */
class GarbageInputProperties {
    static final List<String> WORDS = List.of("and", "or", "not", "field", "op", "value", "condition", "rules",
            "operator", "dsl", "AND", "OR", "id", "name", "email", "visits", "totalSpent", "totalOrders", "tags",
            "lastOrderAt", "lastPurchaseDate", "optedOut", "attributes.plan", "attributes.", "attributes.a.b", "$where",
            "eq", "ne", "gt", "lt", "between", "in", "notIn", "exists", "contains", "containsAny", "isEmpty",
            "inLastDays", "notInLastDays", "before", "greaterThan", "notInLast", "equals", "10000", "1e1000000000",
            "-1", "NaN", "2025-01-01", "2025-13-45T99:99:99Z", "true", "", " ");

    private static final BigInteger TEN_THOUSAND_DIGITS = BigInteger.TEN.pow(10_000).add(BigInteger.ONE);
    /** NaN, infinities, 1e1000000000 as BigDecimal, a 10000-digit BigInteger, odd Number and Object types. */
    static final List<Object> ODD_SCALARS = java.util.Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, Float.NaN, Double.MIN_VALUE, Double.MAX_VALUE, Long.MIN_VALUE, (short) 3,
            (byte) -1, new BigDecimal("1e1000000000"), new BigDecimal("-1e1000000000"), new BigDecimal("1e-1000000000"),
            TEN_THOUSAND_DIGITS, new BigDecimal(BigInteger.TEN.pow(200), 195), true, false, 'x', new Object(), List.of(),
            Map.of(), null);

    @Property(tries = 200)
    void randomTrees_intoTheCanonicalReader_giveARuleOrInvalidRuleException(@ForAll("trees") Object tree) {
        onlyRuleOrInvalid(() -> CanonicalRuleReader.read(tree));
    }

    @Property(tries = 200)
    void randomTrees_intoTheLegacyReader_giveARuleOrInvalidRuleException(@ForAll("legacyTrees") Object tree) {
        onlyRuleOrInvalid(() -> LegacyRuleReader.read(tree));
    }

    @Property(tries = 200)
    void randomTrees_intoReadAny_giveARuleOrInvalidRuleException(@ForAll("anyTrees") Object tree) {
        onlyRuleOrInvalid(() -> RuleReaders.readAny(tree));
    }

    @Property(tries = 200)
    void randomText_intoTheDslParser_givesARuleOrInvalidRuleException(@ForAll("dslText") String text) {
        onlyRuleOrInvalid(() -> DslParser.parse(text));
    }

    @Property(tries = 100)
    void randomTrees_intoCustomerAndOrderReaders_giveOnlyValidationExceptions(@ForAll("profileTrees") Object tree) {
        onlyValidation(() -> CustomerProfileReader.json().read(tree));
        onlyValidation(() -> CustomerProfileReader.text().read(tree));
        onlyValidation(() -> OrderRequestReader.json("USD").read(tree, null));
        onlyValidation(() -> OrderRequestReader.text("USD").read(tree, "key-1"));
        if (tree instanceof Map<?, ?> m) {
            onlyValidation(() -> Attributes.fromPlain(m));
        }
    }

    static void onlyRuleOrInvalid(Supplier<Rule> read) {
        Rule rule;
        try {
            rule = read.get();
        } catch (InvalidRuleException e) {
            assertThat(e.problems()).isNotEmpty();
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).matches("(/.*)?"));
            return;
        }
        assertThat(RuleLimits.check(rule)).isEmpty();
        assertThat(DslParser.parse(DslPrinter.print(rule))).isEqualTo(rule);
        assertThat(CanonicalRuleReader.read(CanonicalRuleWriter.write(rule))).isEqualTo(rule);
    }

    static void onlyValidation(Runnable read) {
        try {
            read.run();
        } catch (ValidationException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<Object> trees() {
        return Arbitraries.oneOf(tree(), conditionWith(tree()), Arbitraries.of("and", "or").flatMap(k ->
                conditionWith(tree()).list().ofMaxSize(4).map(l -> map(k, new ArrayList<Object>(l)))));
    }

    @Provide
    Arbitrary<Object> legacyTrees() {
        Arbitrary<Object> rule = Arbitraries.maps(Arbitraries.of("field", "operator", "value", "id", "op"), tree())
                .ofMaxSize(4).map(m -> new LinkedHashMap<Object, Object>(m));
        Arbitrary<Object> group = Arbitraries.oneOf(
                Arbitraries.maps(Arbitraries.of("condition", "rules", "id", "x"),
                        Arbitraries.oneOf(tree(), rule.list().ofMaxSize(3).map(l -> new ArrayList<Object>(l)))).ofMaxSize(3)
                        .map(m -> new LinkedHashMap<Object, Object>(m)),
                Arbitraries.of("AND", "OR", "and", "xor").flatMap(c -> rule.list().ofMaxSize(3)
                        .map(l -> map("condition", c, "rules", new ArrayList<Object>(l)))));
        return Arbitraries.oneOf(tree(), group.list().ofMaxSize(4).map(l -> new ArrayList<Object>(l)));
    }

    @Provide
    Arbitrary<Object> anyTrees() {
        return Arbitraries.oneOf(trees(), legacyTrees(), dslText().map(t -> (Object) t),
                dslText().map(t -> map("dsl", t)), tree().map(t -> map("dsl", t)));
    }

    @Provide
    Arbitrary<Object> profileTrees() {
        Arbitrary<Object> keys = Arbitraries.of("email", "name", "phone", "city", "tags", "visits", "lastActiveAt",
                "optedOut", "attributes", "totalSpent", "totalOrders", "orderCount", "firstPurchaseDate", "lastOrderAt",
                "orderId", "customerId", "customerEmail", "amount", "currency", "items", "status", "orderedAt", "x");
        return Arbitraries.oneOf(tree(), Arbitraries.maps(keys, tree()).ofMaxSize(8).map(m -> new LinkedHashMap<Object, Object>(m)));
    }

    /** DSL-like text: random unicode, bracket soup, and sequences of DSL tokens. */
    @Provide
    Arbitrary<String> dslText() {
        Arbitrary<String> token = Arbitraries.oneOf(Arbitraries.of(WORDS), Arbitraries.of("(", ")", "[", "]", ",", "=",
                        "==", "!=", ">", ">=", "<", "<=", "\"", "\"a\"", "\"\\u12\"", "\"\\q\"", "\\", "1", "-1", "1.005",
                        "1e1000000000", "99999999999999999999", "2025-01-01", "2025-01-01T10:00:00Z", "last", "days", "day",
                        "any", "all", "is", "empty", "starts", "with", "ends", "\n", "\t", "é", "😀", "\ud800"),
                Arbitraries.strings().all().ofMaxLength(5));
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings().withChars("()[]{}\"\\,=<>! andornt1").ofMaxLength(60),
                token.list().ofMaxSize(25).map(l -> String.join(" ", l)),
                token.list().ofMaxSize(25).map(l -> String.join("", l)));
    }

    /** Cycle-free random trees of maps (also with non-String keys), lists and every kind of scalar. */
    static Arbitrary<Object> tree() {
        return Arbitraries.recursive(GarbageInputProperties::leaves, GarbageInputProperties::containers, 0, 4);
    }

    private static Arbitrary<Object> containers(Arbitrary<Object> inner) {
        Arbitrary<Object> keys = Arbitraries.oneOf(Arbitraries.of(WORDS).map(w -> (Object) w),
                Arbitraries.integers().between(-2, 2).map(i -> (Object) i), Arbitraries.of(true, 1.5, 'c').map(x -> (Object) x),
                Arbitraries.strings().ofMaxLength(3).map(s -> (Object) s));
        return Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<Object>(l)),
                Arbitraries.maps(keys, inner).ofMaxSize(4).map(m -> (Object) new LinkedHashMap<Object, Object>(m)),
                inner.map(x -> map(WORDS.get(Math.abs(String.valueOf(x).hashCode()) % 10), x)));
    }

    private static Arbitrary<Object> leaves() {
        return Arbitraries.oneOf(
                Arbitraries.of(WORDS).map(w -> (Object) w),
                Arbitraries.strings().all().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.strings().ofLength(300).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.bigDecimals().map(d -> (Object) d),
                Arbitraries.of(ODD_SCALARS),
                Arbitraries.just(null));
    }

    static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Arbitrary<Object> conditionWith(Arbitrary<Object> values) {
        return net.jqwik.api.Combinators.combine(
                Arbitraries.of(StandardField.values()).map(FieldRef::path)
                        .injectDuplicates(0.1).map(f -> f).flatMap(f -> Arbitraries.of(f, "attributes.plan")),
                Arbitraries.of(Operator.values()).map(Operator::wire), values)
                .as((f, op, v) -> (Object) map("field", f, "op", op, "value", v));
    }

    static String describe(Object o) {
        return o instanceof List<?> l ? l.stream().map(GarbageInputProperties::describe).collect(Collectors.joining(",", "[", "]"))
                : String.valueOf(o);
    }
}
