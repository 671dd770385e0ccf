package io.minicrm.domain.segment.syntax;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomRules;
import io.minicrm.domain.testing.RandomValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.minicrm.domain.testing.RandomValues.choose;
import static io.minicrm.domain.testing.RandomValues.pick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rule JSON reader and writer against Jackson, a JSON parser everybody trusts, configured as strictly (duplicate
 * keys refused, floats as {@code BigDecimal}, nothing after the value, the same nesting limit): over random rules,
 * random JSON values and random garbage, both accept the same texts with equal trees and refuse the same texts; and
 * the rule readers on any text only ever return a rule or throw {@link InvalidRuleException}, in bounded time.
 */
@Timeout(120)
class JsonTextDifferentialPropertyTest {
    private static final ObjectMapper JACKSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(RuleLimits.MAX_JSON_DEPTH).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Characters that make JSON, break it, or sit at its edges (controls, odd spaces, surrogates, a BOM). */
    private static final String GARBAGE = "{}[]\",:\\ -+.0123456789eEtrufalsnxu'/*#\t\n\r\u0000\u001f\u007f\u00a0\ufeff"
            + "\u2028\ud800\udc00\ud83d\ude00é０";

    // ------------------------------------------------------------------ rules

    @Test
    void ourJsonOfAnyRule_isWhatJacksonReads_andReadsBackToTheRule() {
        Property.forAll("rule JSON text against Jackson", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            String json = CanonicalRuleWriter.toJson(rule);
            assertThat(plain(jacksonTree(json))).as(json).isEqualTo(plain(CanonicalRuleWriter.write(rule)));
            assertThat(RuleReaders.readJson(json)).as(json).isEqualTo(rule);
            assertThat(RuleReaders.readText(json)).as(json).isEqualTo(rule);
        });
    }

    @Test
    void jacksonsJsonOfAnyRule_compactOrPretty_readsBackToTheRule() {
        Property.forAll("Jackson's rule JSON into our reader", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            Map<String, Object> tree = CanonicalRuleWriter.write(rule);
            assertThat(RuleReaders.readJson(write(tree, false))).isEqualTo(rule);
            assertThat(RuleReaders.readJson(write(tree, true))).isEqualTo(rule);
            assertThat(RuleReaders.readJson(write(Map.of("dsl", DslPrinter.print(rule)), false))).isEqualTo(rule);
        });
    }

    // ------------------------------------------------------------------ any JSON value

    @Test
    void anyJsonValue_writtenByJackson_isReadAsJacksonReadsIt() {
        Property.forAll("Jackson's text of any value into our reader", 2000, r -> write(anyTree(r, 0), r.nextBoolean()),
                RoundTripPropertyTest::escaped, json -> {
                    Object ours = JsonTextReader.read(json);
                    assertThat(plain(ours)).isEqualTo(plain(jacksonTree(json)));
                });
    }

    @Test
    void anyJsonValue_writtenByUs_isReadByJacksonAsTheSameValue() {
        Property.forAll("our text of any value into Jackson", 2000, r -> anyTree(r, 0), String::valueOf, tree -> {
            String json = JsonTextWriter.write(tree);
            assertThat(plain(jacksonTree(json))).as(json).isEqualTo(plain(tree));
            assertThat(plain(JsonTextReader.read(json))).as(json).isEqualTo(plain(tree));
        });
    }

    // ------------------------------------------------------------------ garbage

    @Test
    void randomGarbage_isAcceptedOrRefusedExactlyAsJacksonDoes() {
        int[] accepted = new int[2];
        Property.forAll("garbage against Jackson", 5000, JsonTextDifferentialPropertyTest::garbage,
                RoundTripPropertyTest::escaped, text -> accepted[agreesWithJackson(text) ? 1 : 0]++);
        assertThat(accepted[1]).as("accepted by both: the garbage is near enough to JSON to test acceptance").isGreaterThan(500);
        assertThat(accepted[0]).as("refused by both").isGreaterThan(2000);
    }

    @Test
    void mutatedRuleJson_isAcceptedOrRefusedExactlyAsJacksonDoes_andReadsToARuleOrInvalidRuleException() {
        Property.forAll("mutated rule JSON", 2000, r -> mutate(r, CanonicalRuleWriter.toJson(RandomRules.rule(r))),
                RoundTripPropertyTest::escaped, text -> {
                    agreesWithJackson(text);
                    onlyRuleOrInvalid(() -> RuleReaders.readJson(text));
                    onlyRuleOrInvalid(() -> RuleReaders.readText(text));
                });
    }

    @Test
    void deepAndWideText_isReadOrRefusedQuickly_neverWithAnotherError() {
        for (String text : List.of("[".repeat(1_000_000), "{\"a\":".repeat(200_000), "[" + "1,".repeat(400_000) + "1]",
                "\"" + "\\u0041".repeat(160_000) + "\"", "[" + "\"x\",".repeat(200_000) + "]",
                "{\"dsl\": \"" + "(".repeat(99_000) + "\"}", "-" + "9".repeat(999_000),
                "{\"or\": [" + "{\"field\": \"visits\", \"op\": \"gt\", \"value\": 1},".repeat(999) + "{}]}")) {
            onlyRuleOrInvalid(() -> RuleReaders.readJson(text));
            onlyRuleOrInvalid(() -> RuleReaders.readText(text));
        }
    }

    /** Checks that we and Jackson agree on {@code text}; whether we accepted it. */
    private static boolean agreesWithJackson(String text) {
        Optional<Object> ours;
        try {
            ours = Optional.of(box(JsonTextReader.read(text)));
        } catch (InvalidRuleException e) {
            ours = Optional.empty();
        }
        Optional<Object> theirs = jackson(text);
        if (ours.isEmpty() && theirs.isPresent() && holdsLoneSurrogate(unbox(theirs.get()))) {
            // the one deliberate difference: Jackson keeps half a surrogate pair in a value; we refuse it as not Unicode
            assertThat(refusal(text)).contains("half of a surrogate pair");
            return false;
        }
        if (ours.isPresent() != theirs.isPresent()) {
            fail((ours.isPresent() ? "we accept, Jackson refuses" : "Jackson accepts, we refuse: " + refusal(text)));
        }
        if (ours.isPresent()) {
            assertThat(plain(unbox(ours.get()))).isEqualTo(plain(unbox(theirs.get())));
        }
        return ours.isPresent();
    }

    private static boolean holdsLoneSurrogate(Object v) {
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().anyMatch(e -> holdsLoneSurrogate(e.getKey()) || holdsLoneSurrogate(e.getValue()));
        }
        if (v instanceof List<?> list) {
            return list.stream().anyMatch(JsonTextDifferentialPropertyTest::holdsLoneSurrogate);
        }
        return v instanceof String s && !RoundTripPropertyTest.isUnicode(s);
    }

    private static String refusal(String text) {
        try {
            JsonTextReader.read(text);
            return "(accepted)";
        } catch (InvalidRuleException e) {
            return e.getMessage();
        }
    }

    private static void onlyRuleOrInvalid(Supplier<Rule> read) {
        try {
            Rule rule = read.get();
            assertThat(RuleLimits.check(rule)).isEmpty();
        } catch (InvalidRuleException e) {
            assertThat(e.problems()).isNotEmpty();
        }
    }

    /** Random text: pure garbage, or a valid JSON value with a few edits. */
    static String garbage(SplittableRandom r) {
        return switch (choose(r, 2, 3, 1)) {
            case 0 -> RandomValues.stringOf(r, GARBAGE, 0, 30);
            case 1 -> mutate(r, write(anyTree(r, 0), r.nextBoolean()));
            default -> mutate(r, pick(r, "[]", "{}", "0", "-0.5e+3", "\"\\ud83d\\ude00\"", "{\"a\":[1,{\"b\":null}]}",
                    "[".repeat(RuleLimits.MAX_JSON_DEPTH) + "]".repeat(RuleLimits.MAX_JSON_DEPTH),
                    "[".repeat(RuleLimits.MAX_JSON_DEPTH + 1) + "]".repeat(RuleLimits.MAX_JSON_DEPTH + 1)));
        };
    }

    /** {@code text} with 1 to 4 random edits: a character inserted, deleted or replaced, a slice doubled, the end cut. */
    static String mutate(SplittableRandom r, String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + r.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = r.nextInt(sb.length() + 1);
            char c = GARBAGE.charAt(r.nextInt(GARBAGE.length()));
            switch (choose(r, 3, 3, 3, 1, 1)) {
                case 0 -> sb.insert(at, c);
                case 1 -> {
                    if (at < sb.length()) {
                        sb.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < sb.length()) {
                        sb.setCharAt(at, c);
                    }
                }
                case 3 -> {
                    int end = Math.min(sb.length(), at + r.nextInt(10));
                    sb.insert(at, sb.substring(at, end));
                }
                default -> sb.setLength(at);
            }
        }
        return sb.toString();
    }

    /** A random JSON value: scalars of every kind (texts with any characters, numbers in every form), nested up to 5. */
    static Object anyTree(SplittableRandom r, int depth) {
        int kind = depth >= 5 ? choose(r, 1, 1, 3, 3) : choose(r, 1, 1, 3, 3, 2, 2);
        return switch (kind) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextBoolean() ? unicode(RandomValues.anyString(r, 12)) : pick(r, "", "and", "field", "value", "😀", "\u0000");
            case 3 -> anyNumber(r);
            case 4 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    list.add(anyTree(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.put(r.nextBoolean() ? unicode(RandomValues.anyString(r, 6)) : pick(r, "and", "or", "not", "dsl", "a"),
                            anyTree(r, depth + 1));
                }
                yield map;
            }
        };
    }

    /** {@code s} with every half of a surrogate pair on its own replaced by {@code ?}: Unicode text. */
    private static String unicode(String s) {
        StringBuilder sb = new StringBuilder(s);
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                sb.setCharAt(i, '?');
            }
        }
        return sb.toString();
    }

    private static Object anyNumber(SplittableRandom r) {
        return switch (choose(r, 3, 2, 2, 1)) {
            case 0 -> RandomValues.anyLong(r);
            case 1 -> RandomValues.anyBigDecimal(r);
            case 2 -> BigDecimal.valueOf(r.nextInt(-1000, 1000), r.nextInt(0, 4));
            default -> new BigInteger(RandomValues.stringOf(r, "0123456789", 19, 40)).add(BigInteger.ONE);
        };
    }

    // ------------------------------------------------------------------ Jackson and comparison

    /** Jackson's tree of {@code text}, which Jackson must accept. */
    static Object jacksonTree(String text) {
        return unbox(jackson(text).orElseThrow(() -> new AssertionError("Jackson refuses " + text)));
    }

    /** Jackson's tree of {@code text} (JSON null as a stand-in object), or empty when Jackson refuses it. */
    static Optional<Object> jackson(String text) {
        try {
            return Optional.ofNullable(JACKSON.readValue(text, Object.class)).or(() -> Optional.of(NULL));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty(); // Jackson refuses some numbers with a NumberFormatException
        }
    }

    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static Object box(Object value) {
        return value == null ? NULL : value;
    }

    private static Object unbox(Object value) {
        return value == NULL ? null : value;
    }

    static String write(Object tree, boolean pretty) {
        try {
            return pretty ? JACKSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) : JACKSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tree with every number as an exact {@code BigDecimal} without trailing zeros, so {@code Integer 5},
     * {@code Long 5} and {@code 5.0} compare equal (JSON numbers are values; only the value must survive).
     */
    static Object plain(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k, plain(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return io.minicrm.domain.shared.Numbers.normalise(BigDecimal.valueOf(((Number) v).longValue()));
        }
        if (v instanceof BigInteger b) {
            return io.minicrm.domain.shared.Numbers.normalise(new BigDecimal(b));
        }
        if (v instanceof BigDecimal d) {
            return io.minicrm.domain.shared.Numbers.normalise(d);
        }
        if (v instanceof Number && !(v instanceof BigDecimal)) {
            throw new AssertionError("not an exact number: " + v.getClass());
        }
        return v;
    }
}
