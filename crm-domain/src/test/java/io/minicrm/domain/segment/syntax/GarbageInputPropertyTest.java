package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.ValidationException;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RandomValues.pick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random garbage into every reader only ever yields a rule (valid and within limits) or an
 * {@link InvalidRuleException} / {@link ValidationException}: never a ClassCastException,
 * NumberFormatException, ArithmeticException, StackOverflowError or a hang.
 */
class GarbageInputPropertyTest {
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
    private static final List<String> DSL_SYMBOLS = List.of("(", ")", "[", "]", ",", "=", "==", "!=", ">", ">=", "<",
            "<=", "\"", "\"a\"", "\"\\u12\"", "\"\\q\"", "\\", "1", "-1", "1.005", "1e1000000000", "99999999999999999999",
            "2025-01-01", "2025-01-01T10:00:00Z", "last", "days", "day", "any", "all", "is", "empty", "starts", "with",
            "ends", "\n", "\t", "é", "😀", "\ud800");
    private static final List<String> LEGACY_RULE_KEYS = List.of("field", "operator", "value", "id", "op");
    private static final List<String> LEGACY_GROUP_KEYS = List.of("condition", "rules", "id", "x");
    private static final List<String> PROFILE_KEYS = List.of("email", "name", "phone", "city", "tags", "visits",
            "lastActiveAt", "optedOut", "attributes", "totalSpent", "totalOrders", "orderCount", "firstPurchaseDate",
            "lastOrderAt", "orderId", "customerId", "customerEmail", "amount", "currency", "items", "status", "orderedAt", "x");

    @Test
    void randomTrees_intoTheCanonicalReader_giveARuleOrInvalidRuleException() {
        Property.forAll("canonical reader on garbage", 1000, GarbageInputPropertyTest::trees,
                tree -> onlyRuleOrInvalid(() -> CanonicalRuleReader.read(tree)));
    }

    @Test
    void randomTrees_intoTheLegacyReader_giveARuleOrInvalidRuleException() {
        Property.forAll("legacy reader on garbage", 1000, GarbageInputPropertyTest::legacyTrees,
                tree -> onlyRuleOrInvalid(() -> LegacyRuleReader.read(tree)));
    }

    @Test
    void randomTrees_intoReadAny_giveARuleOrInvalidRuleException() {
        Property.forAll("readAny on garbage", 1000, GarbageInputPropertyTest::anyTrees,
                tree -> onlyRuleOrInvalid(() -> RuleReaders.readAny(tree)));
    }

    @Test
    void randomText_intoTheDslParser_givesARuleOrInvalidRuleException() {
        Property.forAll("DSL parser on garbage", 1000, GarbageInputPropertyTest::dslText,
                RoundTripPropertyTest::escaped, text -> onlyRuleOrInvalid(() -> DslParser.parse(text)));
    }

    @Test
    void randomTrees_intoCustomerAndOrderReaders_giveOnlyValidationExceptions() {
        Property.forAll("customer and order readers on garbage", 500, GarbageInputPropertyTest::profileTrees, tree -> {
            onlyValidation(() -> CustomerProfileReader.json().read(tree));
            onlyValidation(() -> CustomerProfileReader.text().read(tree));
            onlyValidation(() -> OrderRequestReader.json("USD").read(tree, null));
            onlyValidation(() -> OrderRequestReader.text("USD").read(tree, "key-1"));
            if (tree instanceof Map<?, ?> m) {
                onlyValidation(() -> Attributes.fromPlain(m));
            }
        });
    }

    @Test
    void garbageGenerators_reachEveryShape() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        List<Object> trees = java.util.stream.IntStream.range(0, 500).mapToObj(i -> tree(r)).toList();
        assertThat(trees).anyMatch(t -> t instanceof Map<?, ?>).anyMatch(t -> t instanceof List<?>)
                .anyMatch(t -> t == null).anyMatch(t -> t instanceof String).anyMatch(t -> t instanceof Double)
                .anyMatch(t -> t instanceof BigDecimal).anyMatch(t -> depth(t) == 4)
                .anyMatch(t -> t instanceof Map<?, ?> m && m.keySet().stream().anyMatch(k -> !(k instanceof String)));
        assertThat(java.util.stream.IntStream.range(0, 200).mapToObj(i -> dslText(r)))
                .anyMatch(String::isEmpty).anyMatch(t -> t.contains("and")).anyMatch(t -> t.length() > 40);
    }

    static void onlyRuleOrInvalid(Supplier<Rule> read) {
        Rule rule;
        try {
            rule = read.get();
        } catch (InvalidRuleException e) {
            assertThat(e.problems()).isNotEmpty();
            // a path is empty or a pointer from the root; keys may hold line separators, so DOTALL
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.path()).matches("(?s)(/.*)?"));
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

    /** A random tree, a condition-shaped map with a random value, or an and/or of up to 4 such conditions. */
    static Object trees(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> tree(r);
            case 1 -> conditionWith(r, tree(r));
            default -> map(pick(r, "and", "or"),
                    RandomValues.<Object>list(r, 0, 4, x -> conditionWith(x, tree(x))));
        };
    }

    /** Legacy-ish input: a random tree, or a list of up to 4 groups with random keys or a condition and rules. */
    static Object legacyTrees(SplittableRandom r) {
        Function<SplittableRandom, Object> rule = x -> new LinkedHashMap<Object, Object>(
                RandomValues.map(x, 4, y -> pick(y, LEGACY_RULE_KEYS), GarbageInputPropertyTest::tree));
        Function<SplittableRandom, Object> group = x -> x.nextBoolean()
                ? new LinkedHashMap<Object, Object>(RandomValues.map(x, 3, y -> pick(y, LEGACY_GROUP_KEYS),
                        y -> y.nextBoolean() ? tree(y) : RandomValues.list(y, 0, 3, rule)))
                : map("condition", pick(x, "AND", "OR", "and", "xor"), "rules", RandomValues.list(x, 0, 3, rule));
        return r.nextBoolean() ? tree(r) : RandomValues.list(r, 0, 4, group);
    }

    /** Input for readAny: canonical or legacy garbage, DSL-like text, or {"dsl": text or tree}. */
    static Object anyTrees(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> trees(r);
            case 1 -> legacyTrees(r);
            case 2 -> dslText(r);
            case 3 -> map("dsl", dslText(r));
            default -> map("dsl", tree(r));
        };
    }

    /** A random tree, or a map of up to 8 customer/order keys to random trees. */
    static Object profileTrees(SplittableRandom r) {
        return r.nextBoolean() ? tree(r)
                : new LinkedHashMap<Object, Object>(RandomValues.map(r, 8, x -> pick(x, PROFILE_KEYS), GarbageInputPropertyTest::tree));
    }

    /** DSL-like text: random unicode, bracket soup, and sequences of DSL tokens (joined by spaces or not). */
    static String dslText(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> RandomValues.anyString(r, 60);
            case 1 -> RandomValues.stringOf(r, "()[]{}\"\\,=<>! andornt1", 60);
            case 2 -> String.join(" ", RandomValues.list(r, 0, 25, GarbageInputPropertyTest::dslToken));
            default -> String.join("", RandomValues.list(r, 0, 25, GarbageInputPropertyTest::dslToken));
        };
    }

    private static String dslToken(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> pick(r, WORDS);
            case 1 -> pick(r, DSL_SYMBOLS);
            default -> RandomValues.anyString(r, 5);
        };
    }

    /** Cycle-free random trees of depth 0 to 4: maps (also with non-String keys), lists and every kind of scalar. */
    static Object tree(SplittableRandom r) {
        return tree(r, r.nextInt(5));
    }

    private static Object tree(SplittableRandom r, int depth) {
        if (depth == 0) {
            return leaf(r);
        }
        return switch (r.nextInt(3)) {
            case 0 -> RandomValues.<Object>list(r, 0, 4, x -> tree(x, depth - 1));
            case 1 -> new LinkedHashMap<Object, Object>(RandomValues.map(r, 4, GarbageInputPropertyTest::key, x -> tree(x, depth - 1)));
            default -> {
                Object inner = tree(r, depth - 1);
                yield map(WORDS.get(Math.floorMod(String.valueOf(inner).hashCode(), 10)), inner);
            }
        };
    }

    private static Object key(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, WORDS);
            case 1 -> r.nextInt(-2, 3);
            case 2 -> pick(r, true, 1.5, 'c');
            default -> RandomValues.anyString(r, 3);
        };
    }

    private static Object leaf(SplittableRandom r) {
        return switch (r.nextInt(9)) {
            case 0 -> pick(r, WORDS);
            case 1 -> RandomValues.anyString(r, 20);
            case 2 -> RandomValues.stringOf(r, "abcdefghijklmnopqrstuvwxyz ABC.*\"\\é😀", 300, 300);
            case 3 -> RandomValues.anyInt(r);
            case 4 -> RandomValues.anyLong(r);
            case 5 -> RandomValues.anyDouble(r);
            case 6 -> RandomValues.anyBigDecimal(r);
            case 7 -> pick(r, ODD_SCALARS);
            default -> null;
        };
    }

    private static int depth(Object tree) {
        if (tree instanceof Map<?, ?> m) {
            return 1 + m.values().stream().mapToInt(GarbageInputPropertyTest::depth).max().orElse(0);
        }
        if (tree instanceof List<?> l) {
            return 1 + l.stream().mapToInt(GarbageInputPropertyTest::depth).max().orElse(0);
        }
        return 0;
    }

    static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** {"field": a standard field or attributes.plan, "op": any operator's wire name, "value": the given value}. */
    private static Object conditionWith(SplittableRandom r, Object value) {
        String field = r.nextBoolean() ? pick(r, StandardField.values()).path() : "attributes.plan";
        return map("field", field, "op", pick(r, Operator.values()).wire(), "value", value);
    }
}
