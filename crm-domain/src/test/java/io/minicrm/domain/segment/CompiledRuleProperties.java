package io.minicrm.domain.segment;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.testing.RuleArbitraries;
import io.minicrm.domain.testing.Rules;
import io.minicrm.domain.testing.SemanticsTable;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

class CompiledRuleProperties {
    private static final Instant NOW = RuleArbitraries.NOW;

    @Property(tries = 400)
    void compiledRule_agreesWithReferenceEvaluator_onRandomRulesAndCustomers(
            @ForAll("rules") Rule rule, @ForAll("customers") List<Customer> customers) {
        CompiledRule compiled = Rules.compile(rule, NOW);
        for (Customer c : customers) {
            boolean expected = ReferenceEvaluator.matches(rule, c, NOW);
            assertThat(compiled.matches(c, NOW.toEpochMilli()))
                    .as("%s%nfor %s", DslPrinter.print(rule), c).isEqualTo(expected);
        }
    }

    @Property(tries = 300)
    void compiledCondition_agreesWithReferenceEvaluator(@ForAll("conditions") Condition condition,
                                                        @ForAll("customers") List<Customer> customers) {
        CompiledRule compiled = Rules.compile(condition, NOW);
        for (Customer c : customers) {
            assertThat(compiled.matches(c, NOW.toEpochMilli())).as("%s%nfor %s", DslPrinter.print(condition), c)
                    .isEqualTo(ReferenceEvaluator.matches(condition, c, NOW));
        }
    }

    @Property(tries = 200)
    void referenceEvaluator_agreesWithEveryRowOfTheSemanticsTable_soItIsAFairJudge(@ForAll("row") SemanticsTable.Case row) {
        assertThat(ReferenceEvaluator.matches(row.rule(), row.customer(), SemanticsTable.NOW)).as(row.description())
                .isEqualTo(row.expected());
    }

    @Property(tries = 100)
    void notOfARule_isItsComplement(@ForAll("rules") Rule rule, @ForAll("customers") List<Customer> customers) {
        CompiledRule compiled = Rules.compile(rule, NOW);
        CompiledRule negated = Rules.compile(new Rule.Not(rule), NOW);
        for (Customer c : customers) {
            assertThat(negated.matches(c, NOW.toEpochMilli())).isEqualTo(!compiled.matches(c, NOW.toEpochMilli()));
        }
    }

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.rules();
    }

    @Provide
    Arbitrary<Condition> conditions() {
        return RuleArbitraries.conditions();
    }

    @Provide
    Arbitrary<List<Customer>> customers() {
        return RuleArbitraries.customers().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<SemanticsTable.Case> row() {
        return net.jqwik.api.Arbitraries.of(SemanticsTable.cases());
    }
}
