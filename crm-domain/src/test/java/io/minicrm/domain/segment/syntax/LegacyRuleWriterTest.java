package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.ValidationException;
import io.minicrm.domain.testing.RuleFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyRuleWriterTest {

    @Test
    void referenceRule_isWrittenAsAnAndGroupAndAnOrGroup_withLegacyNames() {
        Rule rule = RuleFixtures.dsl("totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)");
        List<Map<String, Object>> groups = LegacyRuleWriter.write(rule);
        assertThat(groups).isEqualTo(list(
                map("condition", "AND", "rules", list(map("field", "totalSpent", "operator", "greaterThan", "value", "10000"))),
                map("condition", "OR", "rules", list(
                        map("field", "visits", "operator", "lessThan", "value", "3"),
                        map("field", "lastPurchaseDate", "operator", "notInLast", "value", "90")))));
        assertThat(LegacyRuleReader.read(groups)).isEqualTo(rule);
    }

    @Test
    void negatedConditions_becomeTheirLegacyOpposites() {
        List<Map<String, Object>> groups = LegacyRuleWriter.write(RuleFixtures.dsl("not name = \"x\" and not tags contains \"vip\""));
        assertThat(groups).isEqualTo(list(map("condition", "AND", "rules", list(
                map("field", "name", "operator", "notEquals", "value", "x"),
                map("field", "tags", "operator", "notContains", "value", "vip")))));
    }

    @Test
    void numericAttributeCondition_keepsItsNumber_soItStillComparesAsANumber() {
        Rule rule = RuleFixtures.dsl("attributes.score = 10 and attributes.plan = \"10\" and attributes.ratio > 2.5");
        List<Map<String, Object>> groups = LegacyRuleWriter.write(rule);
        assertThat(LegacyRuleReader.read(groups)).isEqualTo(rule);
    }

    @Test
    void negatedBooleanAttribute_hasNoLegacyForm() {
        assertThatThrownBy(() -> LegacyRuleWriter.write(RuleFixtures.dsl("not attributes.flag = true")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("boolean");
        assertThatThrownBy(() -> LegacyRuleWriter.write(RuleFixtures.dsl("not optedOut = true")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("boolean");
    }

    @Test
    void operatorsWithoutLegacyName_andDeepNesting_areRejectedWithAReason() {
        assertThatThrownBy(() -> LegacyRuleWriter.write(RuleFixtures.dsl("name starts with \"a\"")))
                .isInstanceOf(ValidationException.class)
                .hasMessage("(root): the rule does not fit the legacy rule groups: operator startsWith has no legacy name");
        assertThatThrownBy(() -> LegacyRuleWriter.write(RuleFixtures.dsl("a = 1 or (visits = 1 and (visits = 2 or visits = 3))".replace("a = 1", "visits = 0"))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("plain conditions");
        assertThatThrownBy(() -> LegacyRuleWriter.write(RuleFixtures.dsl("not visits > 3")))
                .isInstanceOf(ValidationException.class).hasMessageContaining("\"not\" around gt");
    }
}
