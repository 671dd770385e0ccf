package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.testing.RuleFixtures;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

class LegacyRuleReaderTest {

    private static Map<String, Object> rule(String field, String operator, Object value) {
        return map("field", field, "operator", operator, "value", value);
    }

    private static Map<String, Object> group(String condition, Object... rules) {
        return map("condition", condition, "rules", list(rules));
    }

    private static List<String> problems(Object tree) {
        return Problems.of(() -> LegacyRuleReader.read(tree));
    }

    @Test
    void rulesMdExample_readsAsAnAndOfItsGroups_withStringNumbersCoerced() {
        Object groups = list(
                group("AND", rule("totalSpent", "greaterThan", "10000")),
                group("OR", rule("totalOrders", "lessThan", "3"), rule("lastPurchaseDate", "notInLast", "90")));
        assertThat(LegacyRuleReader.read(groups))
                .isEqualTo(RuleFixtures.dsl("totalSpent > 10000 and (orderCount < 3 or lastOrderAt not in last 90 days)"));
    }

    @Test
    void stringValues_areCoercedByTheFieldType() {
        assertThat(LegacyRuleReader.read(list(group("AND", rule("totalSpent", "greaterThanOrEqual", " 10000.50 ")))))
                .isEqualTo(new Condition(StandardField.TOTAL_SPENT, Operator.GTE, new Operand.Num(new BigDecimal("10000.5"))));
        assertThat(LegacyRuleReader.read(list(group("AND", rule("optedOut", "equals", "TRUE")))))
                .isEqualTo(RuleFixtures.dsl("optedOut = true"));
        assertThat(LegacyRuleReader.read(list(group("AND", rule("lastPurchaseDate", "inLast", "30")))))
                .isEqualTo(RuleFixtures.dsl("lastOrderAt in last 30 days"));
        assertThat(LegacyRuleReader.read(list(group("AND", rule("visits", "lessThanOrEqual", 4)))))
                .isEqualTo(RuleFixtures.dsl("visits <= 4"));
        assertThat(LegacyRuleReader.read(list(group("AND", rule("name", "equals", "10")))))
                .as("a string field keeps the text").isEqualTo(RuleFixtures.dsl("name = \"10\""));
    }

    @Test
    void badCoercion_isReportedWithThePathOfTheValue() {
        Object groups = list(
                group("AND", rule("totalSpent", "greaterThan", "10000")),
                group("OR", rule("totalOrders", "lessThan", "three"), rule("lastPurchaseDate", "notInLast", "ninety")));
        assertThat(problems(groups)).containsExactly(
                "/1/rules/0/value: expected a whole number for field orderCount, got \"three\"",
                "/1/rules/1/value: expected a whole number of days from 0 to 36500 for field lastOrderAt, got \"ninety\"");
        assertThat(problems(list(group("AND", rule("totalSpent", "greaterThan", "abc")))))
                .containsExactly("/0/rules/0/value: expected a number for field totalSpent, got \"abc\"");
        assertThat(problems(list(group("AND", rule("optedOut", "equals", "yes")))))
                .containsExactly("/0/rules/0/value: expected true or false for field optedOut, got \"yes\"");
        assertThat(problems(list(group("AND", rule("totalSpent", "greaterThan", "1e1000000000"))))).hasSize(1);
    }

    @Test
    void everyLegacyOperatorName_mapsToItsOperator() {
        assertThat(LegacyRuleReader.read(list(group("AND",
                rule("name", "equals", "a"), rule("name", "notEquals", "b"), rule("visits", "greaterThan", "1"),
                rule("visits", "lessThan", "9"), rule("name", "contains", "c"), rule("tags", "notContains", "VIP"),
                rule("lastActiveAt", "inLast", "7"), rule("lastOrderAt", "notInLast", "90")))))
                .isEqualTo(RuleFixtures.dsl("name = \"a\" and name != \"b\" and visits > 1 and visits < 9 and name contains \"c\""
                        + " and tags not contains \"vip\" and lastActiveAt in last 7 days and lastOrderAt not in last 90 days"));
        assertThat(LegacyRuleReader.read(list(group("and", rule("visits", "gt", "1"), rule("tags", "isEmpty", "")))))
                .as("canonical operator names, lower-case condition, unary with an empty value")
                .isEqualTo(RuleFixtures.dsl("visits > 1 and tags is empty"));
    }

    @Test
    void groupIdsAreAllowed_otherKeysAreNot() {
        Map<String, Object> g = group("AND", rule("visits", "greaterThan", "1"));
        g.put("id", "g1");
        ((Map<String, Object>) ((List<?>) g.get("rules")).get(0)).put("id", "r1");
        assertThat(LegacyRuleReader.read(list(g))).isEqualTo(RuleFixtures.dsl("visits > 1"));
        g.put("not", true);
        ((Map<String, Object>) ((List<?>) g.get("rules")).get(0)).put("op", "x");
        assertThat(problems(list(g))).containsExactly(
                "/0/not: unknown key; a group has condition and rules",
                "/0/rules/0/op: unknown key; a rule has field, operator and value");
    }

    @Test
    void malformedGroups_areAllReported() {
        assertThat(problems(list())).containsExactly("(root): at least one rule group is required");
        assertThat(problems(map())).containsExactly("(root): expected a list of rule groups, got an object");
        assertThat(problems(list("x", group("XOR"), map("rules", list(rule("visits", "bogus", "1"))),
                group("OR", map("operator", "equals", "value", "1"), "y")))).containsExactly(
                "/0: expected a rule group object, got \"x\"",
                "/1/condition: expected AND or OR, got \"XOR\"",
                "/2/condition: is required (AND or OR)",
                "/2/rules/0/operator: unknown operator \"bogus\"",
                "/3/rules/0/field: is required",
                "/3/rules/1: expected a rule object, got \"y\"");
    }

    @Test
    void emptyGroups_addNothing_asTheOriginalFrontendLeavesThem() {
        assertThat(LegacyRuleReader.read(list(group("AND", rule("totalSpent", "greaterThan", "5000")), group("OR"),
                group("AND")))).isEqualTo(RuleFixtures.dsl("totalSpent > 5000"));
        assertThat(LegacyRuleReader.read(list(group("OR"), group("OR", rule("visits", "lessThan", "3"),
                rule("totalOrders", "equals", "0"))))).isEqualTo(RuleFixtures.dsl("visits < 3 or orderCount = 0"));
    }

    @Test
    void onlyEmptyGroups_areAnErrorSayingHowToTargetEveryone() {
        assertThat(problems(list(group("AND"), group("OR")))).containsExactly("(root): every rule group is empty: add at"
                + " least one rule (to target every customer, use the rule createdAt exists)");
        assertThat(problems(list(map("condition", "AND")))).containsExactly("/0/rules: expected a list of rules, got null");
    }

    @Test
    void groupAndConditionCounts_areLimited() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(group("AND", rule("visits", "equals", "1")));
        }
        assertThat(problems(many)).containsExactly("(root): at most 50 rule groups are allowed");
        List<Object> rules = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            rules.add(rule("visits", "equals", String.valueOf(i)));
        }
        assertThat(problems(list(map("condition", "OR", "rules", rules))))
                .containsExactly("/0/rules: rule has more than 200 nodes");
        assertThat(problems(list(map("condition", "OR", "rules", rules.subList(0, 200)))))
                .containsExactly("(root): rule has more than 200 nodes");
        assertThat(RuleLimits.nodes(LegacyRuleReader.read(list(map("condition", "OR", "rules", rules.subList(0, 199))))))
                .isEqualTo(200);
    }
}
