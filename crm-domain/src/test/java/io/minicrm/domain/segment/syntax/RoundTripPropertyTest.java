package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.shared.ValidationException;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomRules;
import io.minicrm.domain.testing.RandomValues;
import io.minicrm.domain.testing.RuleFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** print/parse and write/read give back the same rule, for every spelling. */
class RoundTripPropertyTest {

    @Test
    void dslPrintThenParse_givesTheSameRule() {
        Property.forAll("DSL print then parse", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            String text = DslPrinter.print(rule);
            assertThat(DslParser.parse(text)).as(text).isEqualTo(rule);
        });
    }

    @Test
    void canonicalWriteThenRead_givesTheSameRule() {
        Property.forAll("canonical write then read", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            Map<String, Object> tree = CanonicalRuleWriter.write(rule);
            assertThat(CanonicalRuleReader.read(tree)).as(tree.toString()).isEqualTo(rule);
            assertThat(RuleReaders.readAny(tree)).isEqualTo(rule);
        });
    }

    @Test
    void canonicalTreeAsAJsonParserTypesIt_readsBackToTheSameRule() {
        Property.forAll("canonical tree typed as JSON", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            // Jackson's default typing: ints as Integer, other whole numbers as Long, fractions as Double
            Object json = retype(CanonicalRuleWriter.write(rule));
            assertThat(CanonicalRuleReader.read(json)).as(json.toString()).isEqualTo(rule);
        });
    }

    @Test
    void dslTextWrappedAsDslObject_readsBackToTheSameRule() {
        Property.forAll("DSL text as {dsl: ...} and as a string", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            assertThat(RuleReaders.readAny(Map.of("dsl", DslPrinter.print(rule)))).isEqualTo(rule);
            assertThat(RuleReaders.readAny(DslPrinter.print(rule))).isEqualTo(rule);
        });
    }

    @Test
    void anyStringValue_survivesQuoting_unlessItHoldsALoneSurrogate() {
        Property.forAll("any string survives quoting", 2000, RoundTripPropertyTest::anyText, RoundTripPropertyTest::escaped,
                text -> {
                    Rule rule = new Condition(StandardField.NAME, Operator.CONTAINS, new Operand.Text(text));
                    if (isUnicode(text)) {
                        assertThat(DslParser.parse(DslPrinter.print(rule))).isEqualTo(rule);
                        assertThat(CanonicalRuleReader.read(CanonicalRuleWriter.write(rule))).isEqualTo(rule);
                        assertThat(RuleReaders.readJson(CanonicalRuleWriter.toJson(rule))).isEqualTo(rule);
                    } else {
                        // half a surrogate pair is no character: a store would write it as "?" and match other text
                        assertThatThrownBy(() -> DslParser.parse(DslPrinter.print(rule)))
                                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("half of a surrogate pair");
                        assertThatThrownBy(() -> CanonicalRuleReader.read(CanonicalRuleWriter.write(rule)))
                                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("/value: the text holds \\u");
                    }
                });
    }

    /** Whether every surrogate in {@code text} is half of a pair. */
    static boolean isUnicode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** A legacy-shaped rule that the legacy writer accepts, and 1 to 10 customers. */
    record LegacyCase(Rule rule, List<Customer> customers) {
        @Override
        public String toString() {
            return DslPrinter.print(rule) + "\n(for " + customers.size() + " random customers; the failure names the customer)";
        }
    }

    @Test
    void legacyWriteThenRead_selectsTheSameCustomers() {
        long now = RandomRules.NOW.toEpochMilli();
        Property.forAll("legacy write then read", 1000,
                r -> new LegacyCase(legacyShapedThatFits(r), RandomRules.customers(r, 1, 10)), c -> {
                    List<Map<String, Object>> legacy = LegacyRuleWriter.write(c.rule());
                    Rule back = LegacyRuleReader.read(legacy);
                    CompiledRule original = RuleFixtures.compile(c.rule(), RandomRules.NOW);
                    CompiledRule reread = RuleFixtures.compile(back, RandomRules.NOW);
                    for (Customer customer : c.customers()) {
                        assertThat(reread.matches(customer, now)).as("%s%n-> %s%n-> %s%nfor %s",
                                DslPrinter.print(c.rule()), legacy, DslPrinter.print(back), customer)
                                .isEqualTo(original.matches(customer, now));
                    }
                });
    }

    @Test
    void mostLegacyShapedRules_fitTheLegacyFormat_soTheRoundTripIsNotVacuous() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        int fits = 0;
        for (int i = 0; i < 500; i++) {
            fits += fitsLegacy(legacyShaped(r)) ? 1 : 0;
        }
        assertThat(fits).isGreaterThan(250);
    }

    /** Draws legacy-shaped rules until the legacy writer accepts one (most fit; see the test above). */
    static Rule legacyShapedThatFits(SplittableRandom r) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            Rule rule = legacyShaped(r);
            if (fitsLegacy(rule)) {
                return rule;
            }
        }
        throw new IllegalStateException("no legacy-shaped rule fits the legacy format in 1000 attempts");
    }

    private static boolean fitsLegacy(Rule rule) {
        try {
            LegacyRuleWriter.write(rule);
            return true;
        } catch (ValidationException doesNotFit) {
            return false;
        }
    }

    /**
     * A rule of the legacy shape: an and of 1 to 4 groups, each a (possibly negated, 1 in 5) condition with a
     * legacy operator, or an and / or of 2 to 4 such conditions (the three group kinds equally likely).
     */
    static Rule legacyShaped(SplittableRandom r) {
        return Rule.and(RandomValues.list(r, 1, 4, x -> switch (x.nextInt(3)) {
            case 0 -> maybeNegatedLegacyCondition(x);
            case 1 -> new Rule.Or(RandomValues.list(x, 2, 4, RoundTripPropertyTest::maybeNegatedLegacyCondition));
            default -> new Rule.And(RandomValues.list(x, 2, 4, RoundTripPropertyTest::maybeNegatedLegacyCondition));
        }));
    }

    private static Rule maybeNegatedLegacyCondition(SplittableRandom r) {
        Condition c;
        do {
            c = RandomRules.condition(r);
        } while (c.op().legacyName().isEmpty());
        return RandomValues.choose(r, 4, 1) == 0 ? c : new Rule.Not(c);
    }

    /** Any UTF-16 text up to the length limit (control characters, lone surrogates, ...), or short quote/backslash soup. */
    static String anyText(SplittableRandom r) {
        return r.nextBoolean() ? RandomValues.anyString(r, RuleLimits.MAX_STRING)
                : RandomValues.stringOf(r, "\"\\\n\t\r\u0000\u007f\ud800\udc00 ab", 20);
    }

    /** The text with every char outside printable ASCII as a \\uXXXX escape, so a failure message shows it exactly. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            if (ch >= 0x20 && ch < 0x7F && ch != '\\' && ch != '"') {
                out.append(ch);
            } else {
                out.append(String.format("\\u%04x", (int) ch));
            }
        }
        return out.append("\" (").append(text.length()).append(" chars)").toString();
    }

    private static Object retype(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, retype(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(retype(x)));
            return out;
        }
        if (v instanceof Long n) {
            return n == n.intValue() ? (Object) n.intValue() : n;
        }
        if (v instanceof BigDecimal d) {
            double x = d.doubleValue();
            return new BigDecimal(Double.toString(x)).compareTo(d) == 0 ? (Object) x : d;
        }
        return v;
    }
}
