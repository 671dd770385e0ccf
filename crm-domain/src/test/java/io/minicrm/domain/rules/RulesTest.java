package io.minicrm.domain.rules;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.shared.Problem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule engine's front door, used as an embedding application would: text in, text out, customers matched. */
class RulesTest {
    private static final String DSL = "totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)"
            + " and not tags contains \"churned\"";
    private static final String JSON = "{\"and\":[{\"field\":\"totalSpent\",\"op\":\"gt\",\"value\":10000},"
            + "{\"or\":[{\"field\":\"visits\",\"op\":\"lt\",\"value\":3},"
            + "{\"field\":\"lastOrderAt\",\"op\":\"notInLastDays\",\"value\":90}]},"
            + "{\"not\":{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"churned\"}}]}";
    private static final String LEGACY = "[{\"condition\": \"AND\", \"rules\": [{\"field\": \"totalSpent\","
            + " \"operator\": \"greaterThan\", \"value\": \"10000\"}]}, {\"condition\": \"OR\", \"rules\": ["
            + "{\"field\": \"visits\", \"operator\": \"lessThan\", \"value\": \"3\"},"
            + " {\"field\": \"lastPurchaseDate\", \"operator\": \"notInLast\", \"value\": \"90\"}]},"
            + " {\"condition\": \"AND\", \"rules\": [{\"field\": \"tags\", \"operator\": \"notContains\", \"value\": \"churned\"}]}]";

    @Test
    void everySpelling_parsesToTheSameRule_andPrintsBothWays() {
        Rule rule = Rules.parseDsl(DSL);
        assertThat(Rules.toDsl(rule)).isEqualTo(DSL);
        assertThat(Rules.toJson(rule)).isEqualTo(JSON);
        assertThat(Rules.parseJson(JSON)).isEqualTo(rule);
        assertThat(Rules.parse(DSL)).isEqualTo(rule);
        assertThat(Rules.parse(JSON)).isEqualTo(rule);
        assertThat(Rules.parse("{\"dsl\": \"" + DSL.replace("\"", "\\\"") + "\"}")).isEqualTo(rule);
        assertThat(Rules.fromTree(Rules.toTree(rule))).isEqualTo(rule);
        assertThat(Rules.toDsl(Rules.parse(LEGACY))).as("not contains is the legacy spelling of not (contains)")
                .isEqualTo("totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)"
                        + " and tags not contains \"churned\"");
    }

    @Test
    void customersBuiltWithNamedValues_matchAsTheRuleSays() {
        Instant now = Instant.parse("2025-06-15T12:00:00Z");
        Rule rule = Rules.parse(DSL);
        Customer loyal = Customer.builder().email("ann@example.com").totalSpent("12000.50").visits(2).build();
        Customer lapsed = Customer.builder().email("bob@example.com").totalSpent(20_000).visits(9)
                .lastOrderAt(now.minus(Duration.ofDays(120))).build();
        Customer active = Customer.builder().email("cy@example.com").totalSpent(20_000).visits(9)
                .lastOrderAt(now.minus(Duration.ofDays(3))).build();
        Customer churned = Customer.builder().email("di@example.com").totalSpent(20_000).visits(1).tags("Churned").build();
        Customer unknownVisits = Customer.builder().email("ed@example.com").totalSpent(20_000)
                .lastOrderAt(now.minus(Duration.ofDays(3))).build();
        assertThat(Rules.matches(rule, loyal, now)).isTrue();
        assertThat(Rules.matches(rule, lapsed, now)).as("no order in 90 days").isTrue();
        assertThat(Rules.matches(rule, active, now)).isFalse();
        assertThat(Rules.matches(rule, churned, now)).isFalse();
        assertThat(Rules.matches(rule, unknownVisits, now)).as("visits < 3 is false when visits are unknown").isFalse();
        assertThat(Rules.matches("city = \"Pune\"", Customer.builder().city("PUNE").build())).isTrue();
        assertThat(Rules.matches("visits exists", Customer.builder().build())).isFalse();
    }

    @Test
    void aCompiledRule_countsRelativeDatesFromItsClock() {
        Instant now = Instant.parse("2025-06-15T12:00:00Z");
        CompiledRule recent = Rules.compile(Rules.parse("lastOrderAt in last 30 days"), Clock.fixed(now, ZoneOffset.UTC));
        assertThat(recent.matches(Customer.builder().lastOrderAt(now.minus(Duration.ofDays(29))).build())).isTrue();
        assertThat(recent.matches(Customer.builder().lastOrderAt(now.minus(Duration.ofDays(31))).build())).isFalse();
        assertThat(Rules.compile(Rules.parse("createdAt in last 1 days")).matches(Customer.builder().build()))
                .as("system clock; created now by default").isTrue();
    }

    @Test
    void badRules_throwInvalidRuleException_withEveryProblemLocated() {
        assertThatThrownBy(() -> Rules.parse("totalSpent >")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("line 1, column 13");
        InvalidRuleException e = (InvalidRuleException) org.assertj.core.api.Assertions.catchThrowable(() -> Rules.parse(
                "{\"or\": [\n {\"field\": \"visitz\", \"op\": \"gt\", \"value\": 3},\n {\"field\": \"city\", \"op\": \"eq\"}\n]}"));
        assertThat(e.problems()).extracting(Problem::path).containsExactly("/or/0/field", "/or/1/value");
        assertThat(e.problems()).extracting(Problem::message).allMatch(m -> m.startsWith("line "));
        assertThatThrownBy(() -> Rules.parseJson("totalSpent > 3")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("unknown word 'totalSpent'");
        assertThatThrownBy(() -> Rules.parseDsl("{}")).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Rules.fromTree(List.of(Map.of()))).isInstanceOf(InvalidRuleException.class);
        assertThatThrownBy(() -> Rules.toJson(null)).isInstanceOf(NullPointerException.class);
    }
}
