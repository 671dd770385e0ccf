package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomRules;
import io.minicrm.domain.testing.RuleFixtures;
import io.minicrm.domain.testing.SemanticsTable;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The compiled evaluator agrees with the naive {@link ReferenceEvaluator} on random rules and customers. */
class CompiledRulePropertyTest {
    private static final Instant NOW = RandomRules.NOW;

    /** A random rule (or condition) and 1 to 20 random customers to evaluate it for. */
    record Case(Rule rule, List<Customer> customers) {
        static Case of(Rule rule, SplittableRandom r) {
            return new Case(rule, RandomRules.customers(r, 1, 20));
        }

        @Override
        public String toString() {
            return DslPrinter.print(rule) + "\n(for " + customers.size() + " random customers; the failure names the customer)";
        }
    }

    @Test
    void compiledRule_agreesWithReferenceEvaluator_onRandomRulesAndCustomers() {
        Property.forAll("compiled rule == reference evaluator", 1000, r -> Case.of(RandomRules.rule(r), r), c -> {
            CompiledRule compiled = RuleFixtures.compile(c.rule(), NOW);
            for (Customer customer : c.customers()) {
                boolean expected = ReferenceEvaluator.matches(c.rule(), customer, NOW);
                assertThat(compiled.matches(customer, NOW.toEpochMilli()))
                        .as("%s%nfor %s", DslPrinter.print(c.rule()), customer).isEqualTo(expected);
            }
        });
    }

    @Test
    void compiledCondition_agreesWithReferenceEvaluator() {
        Property.forAll("compiled condition == reference evaluator", 1000, r -> Case.of(RandomRules.condition(r), r), c -> {
            CompiledRule compiled = RuleFixtures.compile(c.rule(), NOW);
            for (Customer customer : c.customers()) {
                assertThat(compiled.matches(customer, NOW.toEpochMilli()))
                        .as("%s%nfor %s", DslPrinter.print(c.rule()), customer)
                        .isEqualTo(ReferenceEvaluator.matches(c.rule(), customer, NOW));
            }
        });
    }

    @Test
    void referenceEvaluator_agreesWithEveryRowOfTheSemanticsTable_soItIsAFairJudge() {
        List<SemanticsTable.Case> rows = SemanticsTable.cases();
        assertThat(rows).hasSizeGreaterThan(200);
        for (SemanticsTable.Case row : rows) {
            assertThat(ReferenceEvaluator.matches(row.rule(), row.customer(), SemanticsTable.NOW)).as(row.description())
                    .isEqualTo(row.expected());
        }
    }

    @Test
    void notOfARule_isItsComplement() {
        Property.forAll("not is the complement", 500, r -> Case.of(RandomRules.rule(r), r), c -> {
            CompiledRule compiled = RuleFixtures.compile(c.rule(), NOW);
            CompiledRule negated = RuleFixtures.compile(new Rule.Not(c.rule()), NOW);
            for (Customer customer : c.customers()) {
                assertThat(negated.matches(customer, NOW.toEpochMilli())).as("not (%s)%nfor %s",
                        DslPrinter.print(c.rule()), customer).isEqualTo(!compiled.matches(customer, NOW.toEpochMilli()));
            }
        });
    }
}
