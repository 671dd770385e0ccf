package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.segment.CompiledRule;
import io.minicrm.domain.segment.DslPrinter;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.testing.RuleArbitraries;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test: for random valid rules over a few hundred random customers (missing fields,
 * boundary values, mixed case, unicode, regex metacharacters, empty tag sets, custom attributes of
 * every type), the customers MongoDB matches with the pushed-down filter are exactly those the
 * in-memory evaluator ({@link CompiledRule}) matches. The seed is fixed (printed by jqwik on failure).
 */
class RuleDifferentialProperties {
    static final long CUSTOMER_SEED = 20250615L;
    private static TestMongo.Store db;
    private static List<Customer> customers;
    private static int tries;

    @BeforeContainer
    static void storeRandomCustomers() {
        Arbitrary<List<Customer>> lists = RuleArbitraries.customers().list().ofMinSize(300).ofMaxSize(300)
                .uniqueElements(Customer::id);
        customers = lists.generator(1000).next(new Random(CUSTOMER_SEED)).value();
        db = TestMongo.newStore();
        StoredCustomers.insert(db.store(), customers);
    }

    @AfterContainer
    static void drop() {
        db.close();
    }

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    @Property(tries = 1000, seed = "8041977", generation = net.jqwik.api.GenerationMode.RANDOMIZED)
    void mongoMatchesExactlyWhatTheEvaluatorMatches(@ForAll("rules") Rule rule) {
        CustomerRepository repo = db.store().customers();
        Predicate<Customer> evaluator = CompiledRule.compile(rule, Clock.fixed(RuleArbitraries.NOW, ZoneOffset.UTC))
                .matcherAt(RuleArbitraries.NOW);
        TreeSet<String> expected = new TreeSet<>();
        for (Customer c : customers) {
            if (evaluator.test(c)) {
                expected.add(c.id().value());
            }
        }
        List<CustomerId> ids = repo.matchingIds(rule, RuleArbitraries.NOW, null, 1000);
        List<String> actual = ids.stream().map(CustomerId::value).toList();
        String why = "rule: " + DslPrinter.print(rule) + "\nfilter: " + RuleFilter.of(rule, RuleArbitraries.NOW).toJson();
        assertThat(actual).as(why).containsExactlyElementsOf(expected);
        if (++tries % 5 == 0) { // the count runs the same filter through countDocuments: every fifth rule is enough
            assertThat(repo.count(rule, RuleArbitraries.NOW)).as(why).isEqualTo(expected.size());
        }
    }

    /** The same comparison with ten times the rules and a random seed each run (tag "slow": {@code -Pslow}). */
    @Property(tries = 10_000)
    @Tag("slow")
    void manyMoreRandomRules_stillMatchExactlyWhatTheEvaluatorMatches(@ForAll("rules") Rule rule) {
        mongoMatchesExactlyWhatTheEvaluatorMatches(rule);
    }

    @Property(tries = 300, seed = "1234567")
    void everyKeyOfEveryFilterIsAKnownFieldOrOperator(@ForAll("rules") Rule rule) {
        for (String key : FilterKeys.keysOf(RuleFilter.of(rule, RuleArbitraries.NOW))) {
            assertThat(FilterKeys.isAllowed(key)).as("key %s of the filter of %s", key, DslPrinter.print(rule)).isTrue();
        }
    }
}
