package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomRules;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: for random valid rules ({@link RandomRules#rule}: every field type, operator and operand
 * kind, depth up to 5) over 300 random customers ({@link RandomRules#customers}: missing fields (visits
 * included), boundary values, mixed case, unicode, regex metacharacters, empty tag sets, custom attributes of
 * every type), the customers MongoDB matches with the pushed-down filter are exactly those the in-memory
 * evaluator ({@link CompiledRule}) matches, and so are the count, the reachable count and the newest sample of
 * the one-pass preview. The seeds are fixed, so every run checks the same rules; a failure prints
 * the rule, its filter, the seeds and the command that replays it (see {@link Property}).
 */
class RuleDifferentialPropertyTest {
    static final long CUSTOMER_SEED = 20250615L;
    static final long RULE_SEED = 8041977L;
    private static TestMongo.Store db;
    private static List<Customer> customers;
    private int checked;

    @BeforeAll
    static void storeRandomCustomers() {
        customers = RandomRules.customers(new SplittableRandom(CUSTOMER_SEED), 300);
        db = TestMongo.newStore();
        StoredCustomers.insert(db.store(), customers);
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void mongoMatchesExactlyWhatTheEvaluatorMatches() {
        Property.forAll("Mongo filter == CompiledRule", RULE_SEED, 1000, RandomRules::rule, DslPrinter::print,
                this::mongoMatchesExactlyWhatTheEvaluatorMatches);
        assertThat(checked).as("rules checked").isEqualTo(System.getProperty(Property.CASE_PROPERTY, "").isBlank() ? 1000 : 1);
    }

    /** The same comparison with ten times the rules and a random seed each run (tag "slow": {@code -Pslow}). */
    @Test
    @Tag("slow")
    void manyMoreRandomRules_stillMatchExactlyWhatTheEvaluatorMatches() {
        long seed = ThreadLocalRandom.current().nextLong();
        System.out.println("manyMoreRandomRules: base seed " + seed + " (replay: -D" + Property.SEED_PROPERTY + "=" + seed + ")");
        Property.forAll("Mongo filter == CompiledRule, 10,000 rules", seed, 10_000, RandomRules::rule, DslPrinter::print,
                this::mongoMatchesExactlyWhatTheEvaluatorMatches);
    }

    @Test
    void everyKeyOfEveryFilterIsAKnownFieldOrOperator() {
        Property.forAll("filter keys are known", 1234567L, 300, RandomRules::rule, DslPrinter::print, rule -> {
            for (String key : FilterKeys.keysOf(RuleFilter.of(rule, RandomRules.NOW))) {
                assertThat(FilterKeys.isAllowed(key)).as("key %s of the filter of %s", key, DslPrinter.print(rule)).isTrue();
            }
        });
    }

    private void mongoMatchesExactlyWhatTheEvaluatorMatches(Rule rule) {
        CustomerRepository repo = db.store().customers();
        Predicate<Customer> evaluator = CompiledRule.compile(rule, Clock.fixed(RandomRules.NOW, ZoneOffset.UTC))
                .matcherAt(RandomRules.NOW);
        TreeSet<String> expected = new TreeSet<>();
        for (Customer c : customers) {
            if (evaluator.test(c)) {
                expected.add(c.id().value());
            }
        }
        List<CustomerId> ids = repo.matchingIds(rule, RandomRules.NOW, null, 1000);
        List<String> actual = ids.stream().map(CustomerId::value).toList();
        String why = "rule: " + DslPrinter.print(rule) + "\nfilter: " + RuleFilter.of(rule, RandomRules.NOW).toJson();
        assertThat(actual).as(why).containsExactlyElementsOf(expected);
        if (++checked % 5 == 0) { // count and preview run the same filter another way: every fifth rule is enough
            assertThat(repo.count(rule, RandomRules.NOW)).as(why).isEqualTo(expected.size());
            CustomerRepository.RulePreview preview = repo.preview(rule, RandomRules.NOW, 3);
            long reachable = customers.stream().filter(c -> expected.contains(c.id().value()) && !c.optedOut()).count();
            assertThat(preview.count()).as(why).isEqualTo(expected.size());
            assertThat(preview.reachable()).as(why).isEqualTo(reachable);
            assertThat(preview.sample()).as(why).extracting(c -> c.id().value())
                    .containsExactlyElementsOf(expected.descendingSet().stream().limit(3).toList());
        }
    }
}
