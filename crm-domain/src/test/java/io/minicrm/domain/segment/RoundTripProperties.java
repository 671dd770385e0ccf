package io.minicrm.domain.segment;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.shared.ValidationException;
import io.minicrm.domain.testing.RuleArbitraries;
import io.minicrm.domain.testing.Rules;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/** print/parse and write/read give back the same rule, for every spelling. */
class RoundTripProperties {

    @Property(tries = 500)
    void dslPrintThenParse_givesTheSameRule(@ForAll("rules") Rule rule) {
        String text = DslPrinter.print(rule);
        assertThat(DslParser.parse(text)).as(text).isEqualTo(rule);
    }

    @Property(tries = 500)
    void canonicalWriteThenRead_givesTheSameRule(@ForAll("rules") Rule rule) {
        Map<String, Object> tree = CanonicalRuleWriter.write(rule);
        assertThat(CanonicalRuleReader.read(tree)).as(tree.toString()).isEqualTo(rule);
        assertThat(RuleReaders.readAny(tree)).isEqualTo(rule);
    }

    @Property(tries = 300)
    void canonicalTreeAsAJsonParserTypesIt_readsBackToTheSameRule(@ForAll("rules") Rule rule) {
        // Jackson's default typing: ints as Integer, other whole numbers as Long, fractions as Double
        Object json = retype(CanonicalRuleWriter.write(rule));
        assertThat(CanonicalRuleReader.read(json)).as(json.toString()).isEqualTo(rule);
    }

    @Property(tries = 300)
    void dslTextWrappedAsDslObject_readsBackToTheSameRule(@ForAll("rules") Rule rule) {
        assertThat(RuleReaders.readAny(Map.of("dsl", DslPrinter.print(rule)))).isEqualTo(rule);
        assertThat(RuleReaders.readAny(DslPrinter.print(rule))).isEqualTo(rule);
    }

    @Property(tries = 500)
    void anyStringValue_survivesDslQuoting(@ForAll("anyText") String text) {
        Rule rule = new Condition(StandardField.NAME, Operator.CONTAINS, new Operand.Text(text));
        assertThat(DslParser.parse(DslPrinter.print(rule))).isEqualTo(rule);
        assertThat(CanonicalRuleReader.read(CanonicalRuleWriter.write(rule))).isEqualTo(rule);
    }

    @Property(tries = 500)
    void legacyWriteThenRead_selectsTheSameCustomers(@ForAll("legacyShaped") Rule rule,
                                                     @ForAll("customers") List<Customer> customers) {
        List<Map<String, Object>> legacy;
        try {
            legacy = LegacyRuleWriter.write(rule);
        } catch (ValidationException doesNotFit) {
            Assume.that(false);
            return;
        }
        Rule back = LegacyRuleReader.read(legacy);
        CompiledRule original = Rules.compile(rule, RuleArbitraries.NOW);
        CompiledRule reread = Rules.compile(back, RuleArbitraries.NOW);
        long now = RuleArbitraries.NOW.toEpochMilli();
        for (Customer c : customers) {
            assertThat(reread.matches(c, now)).as("%s%n-> %s%n-> %s%nfor %s", DslPrinter.print(rule), legacy,
                    DslPrinter.print(back), c).isEqualTo(original.matches(c, now));
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    /** Rules of the legacy shape: an and of groups, each an and/or of (possibly negated) conditions with legacy operators. */
    @Provide
    Arbitrary<Rule> legacyShaped() {
        Arbitrary<Rule> plain = RuleArbitraries.conditions().filter(c -> c.op().legacyName().isPresent()).map(c -> c);
        Arbitrary<Rule> maybeNegated = Arbitraries.frequencyOf(Tuple.of(4, plain), Tuple.of(1, plain.map(Rule.Not::new)));
        Arbitrary<Rule> group = Arbitraries.oneOf(maybeNegated,
                maybeNegated.list().ofMinSize(2).ofMaxSize(4).map(Rule.Or::new),
                maybeNegated.list().ofMinSize(2).ofMaxSize(4).map(Rule.And::new));
        return group.list().ofMinSize(1).ofMaxSize(4).map(Rule::and);
    }

    @Provide
    Arbitrary<List<Customer>> customers() {
        return RuleArbitraries.customers().list().ofMinSize(1).ofMaxSize(10);
    }

    /** Any UTF-16 text up to the length limit: control characters, lone surrogates, quotes, backslashes. */
    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(RuleLimits.MAX_STRING),
                Arbitraries.strings().withChars("\"\\\n\t\r\u0000\u007f\ud800\udc00 ab").ofMaxLength(20));
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
