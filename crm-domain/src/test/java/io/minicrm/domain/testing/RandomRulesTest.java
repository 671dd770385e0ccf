package io.minicrm.domain.testing;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslPrinter;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared generators produce valid rules, varied customers, and pairs that match often enough to be useful. */
class RandomRulesTest {

    @Test
    void generatedRules_areWhatTheReadersWouldAccept() {
        Property.forAll("generated rules are valid", 1000, RandomRules::rule, DslPrinter::print, rule -> {
            assertThat(RuleLimits.check(rule)).isEmpty();
            assertThat(RuleLimits.depth(rule)).isLessThanOrEqualTo(5);
            assertThat(CanonicalRuleReader.read(CanonicalRuleWriter.write(rule))).isEqualTo(rule);
        });
    }

    @Test
    void randomRules_matchSomeRandomCustomersButNotAll() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        List<Rule> rules = IntStream.range(0, 300).mapToObj(i -> RandomRules.rule(r)).toList();
        List<Customer> customers = RandomRules.customers(r, 100);
        long now = RandomRules.NOW.toEpochMilli();
        int pairs = 0;
        int matches = 0;
        int rulesMatchingSome = 0;
        int rulesRejectingSome = 0;
        for (Rule rule : rules) {
            CompiledRule compiled = RuleFixtures.compile(rule, RandomRules.NOW);
            int m = (int) customers.stream().filter(c -> compiled.matches(c, now)).count();
            pairs += customers.size();
            matches += m;
            rulesMatchingSome += m > 0 ? 1 : 0;
            rulesRejectingSome += m < customers.size() ? 1 : 0;
        }
        assertThat((double) matches / pairs).isBetween(0.15, 0.85);
        assertThat(rulesMatchingSome).isGreaterThan(rules.size() / 2);
        assertThat(rulesRejectingSome).isGreaterThan(rules.size() / 2);
    }

    @Test
    void randomConditions_coverEveryOperatorOfEveryFieldType_andEveryOperandKind() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        List<io.minicrm.domain.segment.Condition> conditions = IntStream.range(0, 2000)
                .mapToObj(i -> RandomRules.condition(r)).toList();
        Set<String> leaves = conditions.stream().map(c -> c.field().type() + " " + c.op()).collect(Collectors.toSet());
        Set<String> all = Arrays.stream(FieldType.values())
                .flatMap(t -> Signatures.operatorsFor(t).stream().map(op -> t + " " + op))
                .collect(Collectors.toSet());
        assertThat(leaves).as("every operator of every field type").isEqualTo(all);
        assertThat(conditions.stream().map(c -> c.operand().getClass().getSimpleName()).collect(Collectors.toSet()))
                .as("every operand kind").containsExactlyInAnyOrder("None", "Text", "TextList", "Num", "NumList",
                        "NumRange", "Bool", "Date", "DateRange", "Days");
        assertThat(conditions).as("attribute conditions on every key").extracting(c -> c.field().path())
                .contains("attributes.plan", "attributes.score", "attributes.flag", "attributes.region");
    }

    @Test
    void randomRules_reachDepthFive_withTwoOrThreeChildrenPerNode() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        List<Rule> rules = IntStream.range(0, 500).mapToObj(i -> RandomRules.rule(r)).toList();
        assertThat(rules.stream().mapToInt(RuleLimits::depth).max().orElseThrow()).isEqualTo(5);
        assertThat(rules).anyMatch(x -> x instanceof Rule.And).anyMatch(x -> x instanceof Rule.Or)
                .anyMatch(x -> x instanceof Rule.Not).anyMatch(x -> x instanceof io.minicrm.domain.segment.Condition);
        assertThat(rules).allSatisfy(RandomRulesTest::twoOrThreeChildren);
        assertThat(RandomRules.rule(r, 1)).isInstanceOf(io.minicrm.domain.segment.Condition.class);
    }

    @Test
    void randomCustomers_includeMissingValuesEmptyTagsAndEveryAttributeType() {
        SplittableRandom r = new SplittableRandom(Property.DEFAULT_SEED);
        List<Customer> customers = IntStream.range(0, 300).mapToObj(i -> RandomRules.customer(r)).toList();
        assertThat(customers).anyMatch(c -> c.name() == null).anyMatch(c -> c.city() == null)
                .anyMatch(c -> c.phone() == null).anyMatch(c -> c.lastActiveAt() == null)
                .anyMatch(c -> c.lastOrderAt() == null).anyMatch(c -> c.lastOrderAt() != null)
                .anyMatch(c -> c.tags().isEmpty()).anyMatch(c -> c.tags().size() == 3)
                .anyMatch(c -> c.totalSpentMinor() == 0)
                .anyMatch(c -> c.totalSpentMinor() == 1_000_000)
                .anyMatch(c -> c.attributes().get("plan") instanceof AttributeValue.Text)
                .anyMatch(c -> c.attributes().get("plan") instanceof AttributeValue.Num)
                .anyMatch(c -> c.attributes().get("plan") instanceof AttributeValue.Bool)
                .anyMatch(c -> c.attributes().get("plan") == null)
                .anyMatch(c -> c.name() != null && !c.name().chars().allMatch(ch -> ch < 128))
                .anyMatch(Customer::optedOut).anyMatch(c -> !c.optedOut());
    }

    @Test
    void customerLists_haveDistinctIdsAndEmails() {
        Property.forAll("customer lists have distinct ids", 50, r -> RandomRules.customers(r, r.nextInt(31)),
                customers -> {
                    assertThat(customers.stream().map(Customer::id).distinct().count()).isEqualTo(customers.size());
                    assertThat(customers.stream().map(Customer::email).distinct().count()).isEqualTo(customers.size());
                });
        assertThat(RandomRules.customers(new SplittableRandom(1), 300)).hasSize(300);
    }

    @Test
    void theSameSeed_givesTheSameRulesAndCustomers() {
        SplittableRandom a = new SplittableRandom(7);
        SplittableRandom b = new SplittableRandom(7);
        assertThat(IntStream.range(0, 50).mapToObj(i -> RandomRules.rule(a)).toList())
                .isEqualTo(IntStream.range(0, 50).mapToObj(i -> RandomRules.rule(b)).toList());
        assertThat(RandomRules.customers(a, 50)).isEqualTo(RandomRules.customers(b, 50));
    }

    private static boolean twoOrThreeChildren(Rule rule) {
        if (rule instanceof Rule.And and) {
            return and.rules().size() >= 2 && and.rules().size() <= 3 && and.rules().stream().allMatch(RandomRulesTest::twoOrThreeChildren);
        }
        if (rule instanceof Rule.Or or) {
            return or.rules().size() >= 2 && or.rules().size() <= 3 && or.rules().stream().allMatch(RandomRulesTest::twoOrThreeChildren);
        }
        if (rule instanceof Rule.Not not) {
            return twoOrThreeChildren(not.rule());
        }
        return true;
    }
}
