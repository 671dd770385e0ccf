package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static io.minicrm.domain.testing.RuleFixtures.cond;
import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs built to break parsers: extreme nesting, extreme numbers, odd key types. Each must fail cleanly and fast. */
@Timeout(10)
class HostileInputTest {
    private static final int DEEP = 100_000;

    private static Object deepLists() {
        Object o = "x";
        for (int i = 0; i < DEEP; i++) {
            List<Object> l = new ArrayList<>();
            l.add(o);
            o = l;
        }
        return o;
    }

    private static Object deepAnds() {
        Object o = cond("visits", "gt", 1);
        for (int i = 0; i < DEEP; i++) {
            o = map("and", list(o));
        }
        return o;
    }

    private static Object deepNots() {
        Object o = cond("visits", "gt", 1);
        for (int i = 0; i < DEEP; i++) {
            o = map("not", o);
        }
        return o;
    }

    /** A list nested 100000 deep whose hashCode is constant, so it can be a HashMap key; its toString would recurse 100000 deep. */
    private static Object deepKey() {
        Object o = "x";
        for (int i = 0; i < DEEP; i++) {
            List<Object> l = new ArrayList<>() {
                @Override
                public int hashCode() {
                    return 1;
                }

                @Override
                public boolean equals(Object other) {
                    return this == other;
                }
            };
            l.add(o);
            o = l;
        }
        return o;
    }

    @Test
    void hundredThousandDeepTrees_areRejectedWithoutRecursingIntoThem() {
        for (Object tree : List.of(deepLists(), deepAnds(), deepNots(), map("and", deepLists()), cond("visits", "in", deepLists()))) {
            assertThatThrownBy(() -> CanonicalRuleReader.read(tree)).isInstanceOf(InvalidRuleException.class);
            assertThatThrownBy(() -> LegacyRuleReader.read(tree)).isInstanceOf(InvalidRuleException.class);
            assertThatThrownBy(() -> RuleReaders.readAny(tree)).isInstanceOf(InvalidRuleException.class);
            assertThatThrownBy(() -> LegacyRuleReader.read(list(map("condition", "AND", "rules", list(map("field", "visits",
                    "operator", "equals", "value", tree)))))).isInstanceOf(InvalidRuleException.class);
        }
        assertThat(Problems.of(() -> CanonicalRuleReader.read(cond("visits", "gt", BigInteger.TEN.pow(10_000)))))
                .containsExactly("/value: expected a whole number for field visits, got a number of about 10001 digits");
        assertThat(Problems.of(() -> CanonicalRuleReader.read(deepAnds()))).containsExactly(
                "/and/0".repeat(16) + ": rule is nested deeper than 16 levels");
    }

    @Test
    void hundredThousandOpeningBrackets_areASyntaxError() {
        assertThatThrownBy(() -> DslParser.parse("(".repeat(DEEP))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> DslParser.parse("visits in " + "[".repeat(DEEP - 20))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> DslParser.parse("\"".repeat(DEEP))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> DslParser.parse("name = \"" + "\\\\".repeat(DEEP / 2 - 10) + "\""))
                .isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> RuleReaders.readAny(map("dsl", "(".repeat(DEEP)))).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void nonStringAndDeeplyNestedMapKeys_areReportedBriefly() {
        Map<Object, Object> condition = new LinkedHashMap<>(cond("visits", "gt", 1));
        condition.put(7, "x");
        condition.put(deepKey(), "y");
        condition.put(null, "z");
        assertThat(Problems.of(() -> CanonicalRuleReader.read(condition))).containsExactly(
                "/7: unknown key; a condition has field, op and value",
                "/a list: unknown key; a condition has field, op and value",
                "/null: unknown key; a condition has field, op and value");
        Map<Object, Object> group = new LinkedHashMap<>(map("condition", "AND", "rules", list(cond("visits", "gt", 1))));
        group.put(deepKey(), 1);
        assertThat(Problems.of(() -> LegacyRuleReader.read(list(group)))).contains(
                "/0/a list: unknown key; a group has condition and rules");
        Map<Object, Object> profile = new LinkedHashMap<>(map("email", "a@example.com"));
        profile.put(deepKey(), 1);
        profile.put("x".repeat(10_000), 1);
        assertThatThrownBy(() -> CustomerProfileReader.json().read(profile)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.path())
                        .containsExactly("/a list", "/" + "x".repeat(64) + "..."));
        assertThatThrownBy(() -> OrderRequestReader.json("USD").read(profile, null)).isInstanceOf(ValidationException.class);
        Map<Object, Object> attributes = new LinkedHashMap<>();
        attributes.put(deepKey(), 1);
        assertThatThrownBy(() -> Attributes.fromPlain(attributes)).isInstanceOf(ValidationException.class)
                .hasMessage("/a list: attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}");
    }

    @Test
    void extremeNumbers_areRejectedForEveryNumericField() {
        List<Object> extremes = list(new BigDecimal("1e1000000000"), new BigDecimal("-1e1000000000"),
                new BigDecimal("1e-1000000000"), BigInteger.TEN.pow(10_000),
                new BigDecimal(BigInteger.TEN.pow(10_000).add(BigInteger.ONE), 9_990), Double.NaN, Double.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Double.MAX_VALUE, "1e1000000000");
        for (String field : List.of("totalSpent", "visits", "orderCount", "attributes.score")) {
            for (Object x : extremes) {
                assertThatThrownBy(() -> CanonicalRuleReader.read(cond(field, "gt", x))).isInstanceOf(InvalidRuleException.class);
                assertThatThrownBy(() -> CanonicalRuleReader.read(cond(field, "between", list(0, x)))).isInstanceOf(InvalidRuleException.class);
                assertThatThrownBy(() -> LegacyRuleReader.read(list(map("condition", "AND", "rules",
                        list(map("field", field, "operator", "greaterThan", "value", x)))))).isInstanceOf(InvalidRuleException.class);
            }
        }
        for (Object x : extremes) {
            assertThatThrownBy(() -> CanonicalRuleReader.read(cond("lastOrderAt", "inLastDays", x))).isInstanceOf(InvalidRuleException.class);
        }
        assertThatThrownBy(() -> DslParser.parse("visits > 1e1000000000")).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> DslParser.parse("visits > " + "9".repeat(10_000))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> DslParser.parse("lastOrderAt in last 1e1000000000 days")).isInstanceOf(InvalidRuleException.class);
    }

    @Test
    void extremeNumbers_inCustomerAndOrderInput_areValidationErrors() {
        for (Object x : list(new BigDecimal("1e1000000000"), new BigDecimal("1e-1000000000"), BigInteger.TEN.pow(10_000),
                Double.NaN, "1e1000000000", "NaN")) {
            assertThatThrownBy(() -> CustomerProfileReader.json().read(map("email", "a@example.com", "visits", x,
                    "totalSpent", x))).isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> OrderRequestReader.json("USD").read(map("customerId", "c1", "amount", x), null))
                    .isInstanceOf(ValidationException.class);
            if (x instanceof String s) {
                assertThat(Attributes.fromPlain(map("score", x)).get("score"))
                        .isEqualTo(new io.minicrm.domain.customer.AttributeValue.Text(s));
            } else {
                assertThatThrownBy(() -> Attributes.fromPlain(map("score", x))).isInstanceOf(ValidationException.class);
            }
        }
    }
}
