package io.minicrm.domain.testing;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.CanonicalRuleReader;
import io.minicrm.domain.segment.CanonicalRuleWriter;
import io.minicrm.domain.segment.CompiledRule;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared generators produce valid rules, varied customers, and pairs that match often enough to be useful. */
class RuleArbitrariesTest {

    @Property(tries = 300)
    void generatedRules_areWhatTheReadersWouldAccept(@ForAll("rules") Rule rule) {
        assertThat(RuleLimits.check(rule)).isEmpty();
        assertThat(RuleLimits.depth(rule)).isLessThanOrEqualTo(5);
        assertThat(CanonicalRuleReader.read(CanonicalRuleWriter.write(rule))).isEqualTo(rule);
    }

    @Test
    void randomRules_matchSomeRandomCustomersButNotAll() {
        List<Rule> rules = RuleArbitraries.rules().sampleStream().limit(300).toList();
        List<Customer> customers = RuleArbitraries.customers().sampleStream().limit(100).toList();
        long now = RuleArbitraries.NOW.toEpochMilli();
        int pairs = 0;
        int matches = 0;
        int rulesMatchingSome = 0;
        int rulesRejectingSome = 0;
        for (Rule rule : rules) {
            CompiledRule compiled = Rules.compile(rule, RuleArbitraries.NOW);
            int m = (int) customers.stream().filter(c -> compiled.matches(c, now)).count();
            pairs += customers.size();
            matches += m;
            rulesMatchingSome += m > 0 ? 1 : 0;
            rulesRejectingSome += m < customers.size() ? 1 : 0;
        }
        assertThat((double) matches / pairs).isBetween(0.15, 0.85);
        assertThat(rulesMatchingSome).isGreaterThan(rules.size() / 2);
        assertThat(rulesRejectingSome).isGreaterThan(rules.size() / 2);
        Set<String> leaves = RuleArbitraries.conditions().sampleStream().limit(2000)
                .map(c -> c.field().type() + " " + c.op()).collect(Collectors.toSet());
        Set<String> all = java.util.Arrays.stream(io.minicrm.domain.segment.FieldType.values())
                .flatMap(t -> io.minicrm.domain.segment.Signatures.operatorsFor(t).stream().map(op -> t + " " + op))
                .collect(Collectors.toSet());
        assertThat(leaves).as("every operator of every field type").isEqualTo(all);
    }

    @Test
    void randomCustomers_includeMissingValuesEmptyTagsAndEveryAttributeType() {
        List<Customer> customers = RuleArbitraries.customers().sampleStream().limit(300).toList();
        assertThat(customers).anyMatch(c -> c.name() == null).anyMatch(c -> c.city() == null)
                .anyMatch(c -> c.phone() == null).anyMatch(c -> c.lastActiveAt() == null)
                .anyMatch(c -> c.lastOrderAt() == null).anyMatch(c -> c.lastOrderAt() != null)
                .anyMatch(c -> c.tags().isEmpty()).anyMatch(c -> c.totalSpentMinor() == 0)
                .anyMatch(c -> c.totalSpentMinor() == 1_000_000)
                .anyMatch(c -> c.attributes().get("plan") instanceof io.minicrm.domain.customer.AttributeValue.Text)
                .anyMatch(c -> c.attributes().get("plan") instanceof io.minicrm.domain.customer.AttributeValue.Num)
                .anyMatch(c -> c.attributes().get("plan") instanceof io.minicrm.domain.customer.AttributeValue.Bool);
    }

    @Property(tries = 50)
    void customerLists_haveDistinctIdsAndEmails(@ForAll @From("customerLists") List<Customer> customers) {
        assertThat(customers.stream().map(Customer::id).distinct().count()).isEqualTo(customers.size());
        assertThat(customers.stream().map(Customer::email).distinct().count()).isEqualTo(customers.size());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<Customer>> customerLists() {
        return RuleArbitraries.customerLists(30);
    }

    static boolean isCondition(Rule r) {
        return r instanceof Condition;
    }
}
