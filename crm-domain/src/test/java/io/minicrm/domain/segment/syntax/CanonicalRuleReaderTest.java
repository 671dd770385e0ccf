package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.testing.RuleFixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.cond;
import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

class CanonicalRuleReaderTest {

    private static List<String> problems(Object tree) {
        return Problems.of(() -> CanonicalRuleReader.read(tree));
    }

    @Test
    void rulesMdExample_readsAsTheReferenceRule() {
        Object tree = map("and", list(
                cond("totalSpent", "gt", 10000),
                map("or", list(cond("visits", "lt", 3), cond("lastOrderAt", "notInLastDays", 90))),
                map("not", cond("tags", "contains", "churned"))));
        Rule rule = CanonicalRuleReader.read(tree);
        assertThat(rule).isEqualTo(new Rule.And(List.of(
                new Condition(StandardField.TOTAL_SPENT, Operator.GT, new Operand.Num(new BigDecimal("10000"))),
                new Rule.Or(List.of(
                        new Condition(StandardField.VISITS, Operator.LT, new Operand.Num(new BigDecimal("3"))),
                        new Condition(StandardField.LAST_ORDER_AT, Operator.NOT_IN_LAST_DAYS, new Operand.Days(90)))),
                new Rule.Not(new Condition(StandardField.TAGS, Operator.CONTAINS, new Operand.Text("churned"))))));
        assertThat(rule).isEqualTo(RuleFixtures.reference());
    }

    @Test
    void badValueDeepInTheTree_isReportedWithItsPath() {
        Object tree = map("and", list(cond("totalSpent", "gt", 10000), map("or", list(cond("visits", "lt", "abc")))));
        assertThat(problems(tree)).containsExactly("/and/1/or/0/value: expected a whole number for field visits, got \"abc\"");
        assertThat(problems(cond("totalSpent", "gt", "abc")))
                .containsExactly("/value: expected a number for field totalSpent, got \"abc\"");
    }

    @Test
    void severalBadLeaves_areAllReportedAtOnce() {
        Object tree = map("or", list(
                cond("vists", "gt", 1),
                cond("visits", "bigger", 1),
                cond("visits", "gt", "1"),
                cond("name", "eq"),
                map("not", cond("tags", "contains", 5))));
        assertThat(problems(tree)).containsExactly(
                "/or/0/field: unknown field \"vists\"; known fields: name, email, phone, city, totalSpent, orderCount,"
                        + " visits, firstOrderAt, lastOrderAt, lastActiveAt, createdAt, tags, optedOut, attributes.<key>",
                "/or/1/op: unknown operator \"bigger\"; for visits use one of eq, ne, gt, gte, lt, lte, between, in, notIn, exists",
                "/or/2/value: expected a whole number for field visits, got \"1\"",
                "/or/3/value: a value is required for eq",
                "/or/4/not/value: expected a string for field tags, got 5");
    }

    @Test
    void unknownKeys_areErrors_notIgnored() {
        Map<String, Object> extra = cond("visits", "gt", 1);
        extra.put("comment", "x");
        assertThat(problems(extra)).containsExactly("/comment: unknown key; a condition has field, op and value");
        assertThat(problems(map("and", list(cond("visits", "gt", 1)), "or", list())))
                .containsExactly("/or: unexpected key beside \"and\"");
    }

    @Test
    void connectives_needAListWithAtLeastOneRule() {
        assertThat(problems(map("and", list()))).containsExactly("/and: \"and\" needs at least one rule");
        assertThat(problems(map("or", map()))).containsExactly("/or: expected a list of rules, got an object");
        assertThat(problems(map("and", list("x")))).containsExactly("/and/0: expected a rule object ({\"and\": [...]},"
                + " {\"or\": [...]}, {\"not\": {...}} or {\"field\", \"op\", \"value\"}), got \"x\"");
        assertThat(problems("x")).hasSize(1).first().asString().startsWith("(root): expected a rule object");
        assertThat(problems(null)).hasSize(1).first().asString().endsWith("got null");
    }

    @Test
    void singleChildConnective_collapsesIntoItsChild_andNotWrapsOneRule() {
        Rule visits = RuleFixtures.dsl("visits > 1");
        assertThat(CanonicalRuleReader.read(map("and", list(cond("visits", "gt", 1))))).isEqualTo(visits);
        assertThat(CanonicalRuleReader.read(map("or", list(cond("visits", "gt", 1))))).isEqualTo(visits);
        assertThat(CanonicalRuleReader.read(map("not", cond("visits", "gt", 1)))).isEqualTo(new Rule.Not(visits));
    }

    @Test
    void fieldAndOperator_mustBeKnownAndFitTogether() {
        assertThat(problems(map("op", "gt", "value", 1))).containsExactly("/field: is required");
        assertThat(problems(map("field", 5, "op", true, "value", 1)))
                .containsExactly("/field: expected a field name, got 5", "/op: expected an operator name, got true");
        assertThat(problems(cond("tags", "gt", 1))).containsExactly("/op: operator gt does not apply to tags (set of strings);"
                + " use one of contains, notContains, containsAny, containsAll, isEmpty");
        assertThat(problems(cond("totalSpent", "greaterThan", 1))).first().asString()
                .startsWith("/op: unknown operator \"greaterThan\"");
        assertThat(problems(cond("$where", "eq", 1))).first().asString().startsWith("/field: unknown field \"$where\"");
        assertThat(problems(cond("attributes.a.b", "eq", 1))).containsExactly(
                "/field: invalid attribute name \"attributes.a.b\"; attribute keys match [A-Za-z][A-Za-z0-9_]{0,63}");
        assertThat(problems(cond("attributes.$gt", "eq", 1))).first().asString().startsWith("/field: invalid attribute name");
        assertThat(CanonicalRuleReader.read(cond("totalOrders", "eq", 1))).as("legacy field aliases resolve to the field")
                .isEqualTo(RuleFixtures.dsl("orderCount = 1"));
    }

    @Test
    void unaryOperators_takeNoValue() {
        assertThat(CanonicalRuleReader.read(cond("tags", "isEmpty"))).isEqualTo(RuleFixtures.dsl("tags is empty"));
        assertThat(CanonicalRuleReader.read(cond("name", "exists", null))).isEqualTo(RuleFixtures.dsl("name exists"));
        assertThat(problems(cond("tags", "isEmpty", 1))).containsExactly("/value: isEmpty takes no value");
    }

    @Test
    void numbers_areExactAndTypedByTheField() {
        assertThat(CanonicalRuleReader.read(cond("totalSpent", "gt", 10000.5)))
                .isEqualTo(new Condition(StandardField.TOTAL_SPENT, Operator.GT, new Operand.Num(new BigDecimal("10000.50"))));
        assertThat(CanonicalRuleReader.read(cond("totalSpent", "gt", new BigDecimal("1E+4"))))
                .isEqualTo(RuleFixtures.dsl("totalSpent > 10000"));
        assertThat(CanonicalRuleReader.read(cond("visits", "eq", 2.0))).isEqualTo(RuleFixtures.dsl("visits = 2"));
        assertThat(problems(cond("totalSpent", "gt", 1.005))).containsExactly("/value: amounts have at most 2 decimals, got 1.005");
        assertThat(problems(cond("visits", "gt", 2.5))).containsExactly("/value: expected a whole number for field visits, got 2.5");
        assertThat(problems(cond("totalSpent", "gt", new BigDecimal("10000000000000.01"))))
                .containsExactly("/value: amount out of range: 10000000000000.01");
        assertThat(CanonicalRuleReader.read(cond("totalSpent", "lte", new BigDecimal("10000000000000"))))
                .isEqualTo(RuleFixtures.dsl("totalSpent <= 10000000000000"));
        assertThat(problems(cond("visits", "gt", "3"))).as("canonical JSON is strict").hasSize(1);
        assertThat(problems(cond("visits", "gt", true))).containsExactly("/value: expected a whole number for field visits, got true");
    }

    @Test
    void hugeOrNonFiniteNumbers_areRejectedCleanly() {
        assertThat(problems(cond("totalSpent", "gt", new BigDecimal("1e1000000000"))))
                .containsExactly("/value: expected a number for field totalSpent, got 1E+1000000000");
        assertThat(problems(cond("totalSpent", "gt", Double.NaN)))
                .containsExactly("/value: expected a number for field totalSpent, got NaN");
        assertThat(problems(cond("visits", "gt", Double.POSITIVE_INFINITY))).hasSize(1);
        assertThat(problems(cond("visits", "gt", BigInteger.TEN.pow(10_000)))).hasSize(1);
        assertThat(problems(cond("visits", "gt", new BigDecimal("1e-1000000000")))).hasSize(1);
        assertThat(problems(cond("visits", "in", list(1, Float.NaN, 3)))).containsExactly(
                "/value/1: expected a whole number for field visits, got NaN");
        assertThat(CanonicalRuleReader.read(cond("visits", "gt", new BigDecimal("999999999999999999"))))
                .isEqualTo(RuleFixtures.dsl("visits > 999999999999999999"));
        assertThat(problems(cond("visits", "gt", new BigDecimal("1000000000000000000")))).hasSize(1);
    }

    @Test
    void ranges_areInclusivePairs_inOrder() {
        assertThat(CanonicalRuleReader.read(cond("visits", "between", list(1, 3)))).isEqualTo(RuleFixtures.dsl("visits between 1 and 3"));
        assertThat(problems(cond("visits", "between", list(3, 1))))
                .containsExactly("/value: the first number is greater than the second");
        assertThat(problems(cond("visits", "between", "x")))
                .containsExactly("/value: expected a list of two numbers [low, high] for field visits, got \"x\"");
        assertThat(problems(cond("visits", "between", list(1, 2, 3)))).hasSize(1);
        assertThat(problems(cond("visits", "between", list("a", "b")))).containsExactly(
                "/value/0: expected a whole number for field visits, got \"a\"",
                "/value/1: expected a whole number for field visits, got \"b\"");
        assertThat(problems(cond("lastOrderAt", "between", list("2025-02-01", "2025-01-01"))))
                .containsExactly("/value: the first date is after the second");
    }

    @Test
    void dates_acceptIsoDatesAndDateTimes_andDayCountsAreBounded() {
        assertThat(CanonicalRuleReader.read(cond("lastOrderAt", "before", "2025-01-31")))
                .isEqualTo(new Condition(StandardField.LAST_ORDER_AT, Operator.BEFORE, new Operand.Date(Instant.parse("2025-01-31T00:00:00Z"))));
        assertThat(CanonicalRuleReader.read(cond("lastOrderAt", "after", "2025-01-31T10:00:00+05:30")))
                .isEqualTo(new Condition(StandardField.LAST_ORDER_AT, Operator.AFTER, new Operand.Date(Instant.parse("2025-01-31T04:30:00Z"))));
        assertThat(CanonicalRuleReader.read(cond("lastOrderAt", "after", "2025-01-31T10:00:00.123456Z")))
                .isEqualTo(new Condition(StandardField.LAST_ORDER_AT, Operator.AFTER, new Operand.Date(Instant.parse("2025-01-31T10:00:00.123Z"))));
        assertThat(problems(cond("lastOrderAt", "before", "2025-13-01"))).containsExactly(
                "/value: expected an ISO-8601 date (2025-01-31) or date-time for field lastOrderAt, got \"2025-13-01\"");
        assertThat(problems(cond("lastOrderAt", "before", "1899-12-31"))).hasSize(1);
        assertThat(problems(cond("lastOrderAt", "before", 20250101))).hasSize(1);
        assertThat(problems(cond("lastOrderAt", "inLastDays", "90"))).containsExactly(
                "/value: expected a whole number of days from 0 to 36500 for field lastOrderAt, got \"90\"");
        assertThat(problems(cond("lastOrderAt", "inLastDays", -1))).hasSize(1);
        assertThat(problems(cond("lastOrderAt", "inLastDays", 36_501))).hasSize(1);
        assertThat(problems(cond("lastOrderAt", "inLastDays", 1.5))).hasSize(1);
        assertThat(CanonicalRuleReader.read(cond("lastOrderAt", "inLastDays", 36_500)))
                .isEqualTo(new Condition(StandardField.LAST_ORDER_AT, Operator.IN_LAST_DAYS, new Operand.Days(36_500)));
    }

    @Test
    void textsAndTags_areBoundedAndTagsNormalised() {
        assertThat(CanonicalRuleReader.read(cond("tags", "contains", "  VIP ")))
                .isEqualTo(new Condition(StandardField.TAGS, Operator.CONTAINS, new Operand.Text("vip")));
        assertThat(CanonicalRuleReader.read(cond("tags", "containsAny", list(" A ", "b"))))
                .isEqualTo(new Condition(StandardField.TAGS, Operator.CONTAINS_ANY, new Operand.TextList(List.of("a", "b"))));
        assertThat(problems(cond("tags", "contains", "   "))).containsExactly("/value: a tag must not be blank");
        assertThat(CanonicalRuleReader.read(cond("name", "eq", "x".repeat(256)))).isInstanceOf(Condition.class);
        assertThat(problems(cond("name", "eq", "x".repeat(257)))).containsExactly("/value: string longer than 256 characters");
        assertThat(CanonicalRuleReader.read(cond("name", "eq", ""))).isEqualTo(RuleFixtures.dsl("name = \"\""));
        assertThat(problems(cond("optedOut", "eq", "true"))).containsExactly("/value: expected true or false for field optedOut, got \"true\"");
    }

    @Test
    void lists_areNonEmpty_andAtMostAThousandItems() {
        List<Object> thousand = new ArrayList<>(Collections.nCopies(1000, "a"));
        assertThat(CanonicalRuleReader.read(cond("name", "in", thousand))).isInstanceOf(Condition.class);
        thousand.add("a");
        assertThat(problems(cond("name", "in", thousand))).containsExactly("/value: list longer than 1000 items");
        assertThat(problems(cond("name", "in", list()))).containsExactly("/value: the list must not be empty");
        assertThat(problems(cond("name", "in", "a"))).containsExactly("/value: expected a list of strings for field name, got \"a\"");
        assertThat(problems(cond("name", "in", list("a", 1, null)))).containsExactly(
                "/value/1: expected a string for field name, got 1", "/value/2: expected a string for field name, got null");
    }

    @Test
    void attributeConditions_areTypedByTheirValue() {
        assertThat(CanonicalRuleReader.read(cond("attributes.flag", "eq", true)))
                .isEqualTo(new Condition(new AttributeField("flag"), Operator.EQ, new Operand.Bool(true)));
        assertThat(CanonicalRuleReader.read(cond("attributes.score", "eq", 5)))
                .isEqualTo(new Condition(new AttributeField("score"), Operator.EQ, new Operand.Num(BigDecimal.valueOf(5))));
        assertThat(CanonicalRuleReader.read(cond("attributes.score", "eq", "5")))
                .isEqualTo(new Condition(new AttributeField("score"), Operator.EQ, new Operand.Text("5")));
        assertThat(CanonicalRuleReader.read(cond("attributes.score", "in", list(1, 2.5))))
                .isEqualTo(new Condition(new AttributeField("score"), Operator.IN,
                        new Operand.NumList(List.of(BigDecimal.ONE, new BigDecimal("2.5")))));
        assertThat(CanonicalRuleReader.read(cond("attributes.plan", "in", list("a", "b"))).toString()).contains("TextList");
        assertThat(problems(cond("attributes.flag", "ne", true)))
                .containsExactly("/value: use eq with true or false for boolean attributes");
        assertThat(problems(cond("attributes.plan", "in", list("a", 1))))
                .containsExactly("/value/1: expected a string for field attributes.plan, got 1");
        assertThat(problems(cond("attributes.score", "gt", "5")))
                .containsExactly("/value: expected a number for field attributes.score, got \"5\"");
        assertThat(problems(cond("attributes.plan", "contains", 5)))
                .containsExactly("/value: expected a string for field attributes.plan, got 5");
        assertThat(problems(cond("attributes.plan", "isEmpty"))).hasSize(1);
    }

    @Test
    void nestingDeeperThanSixteenLevels_isRejected_butSixteenIsFine() {
        Object sixteen = cond("visits", "gt", 1);
        for (int i = 0; i < 15; i++) {
            sixteen = map("not", sixteen);
        }
        Rule rule = CanonicalRuleReader.read(sixteen);
        assertThat(RuleLimits.depth(rule)).isEqualTo(16);
        assertThat(problems(map("not", sixteen))).containsExactly("/not".repeat(16) + ": rule is nested deeper than 16 levels");
    }

    @Test
    void moreThanTwoHundredNodes_isRejected_butTwoHundredIsFine() {
        List<Object> conditions = new ArrayList<>();
        for (int i = 0; i < 199; i++) {
            conditions.add(cond("visits", "eq", i));
        }
        assertThat(RuleLimits.nodes(CanonicalRuleReader.read(map("or", conditions)))).isEqualTo(200);
        conditions.add(cond("visits", "eq", 199));
        assertThat(problems(map("or", conditions))).containsExactly("(root): rule has more than 200 nodes");
    }
}
