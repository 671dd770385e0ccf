package io.minicrm.domain.segment.eval;

import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.FieldType;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Signatures;
import io.minicrm.domain.testing.SemanticsTable;
import io.minicrm.domain.testing.SemanticsTable.Case;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;

class SemanticsTableTest {

    @TestFactory
    Stream<DynamicTest> compiledRule_agreesWithEveryRowOfTheSemanticsTable() {
        long now = SemanticsTable.NOW.toEpochMilli();
        return SemanticsTable.cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            CompiledRule compiled = CompiledRule.compile(c.rule(), java.time.Clock.fixed(SemanticsTable.NOW, java.time.ZoneOffset.UTC));
            assertThat(compiled.matches(c.customer(), now)).as(c.description()).isEqualTo(c.expected());
            assertThat(compiled.matcherAt(SemanticsTable.NOW).test(c.customer())).as(c.description()).isEqualTo(c.expected());
            assertThat(compiled.matches(c.customer())).as("with the clock: " + c.description()).isEqualTo(c.expected());
        }));
    }

    @Test
    void table_coversEveryOperatorOfEveryFieldType() {
        Map<FieldType, Set<Operator>> seen = new HashMap<>();
        for (Case c : SemanticsTable.cases()) {
            collect(c.rule(), seen);
        }
        for (FieldType type : FieldType.values()) {
            assertThat(seen.getOrDefault(type, Set.of())).as(type.label()).containsAll(Signatures.operatorsFor(type));
        }
    }

    @Test
    void table_coversMissingPresentAndMismatchedValuesForEveryAttributeOperator() {
        List<Case> attributeCases = SemanticsTable.cases().stream()
                .filter(c -> c.rule() instanceof Condition cond && cond.field() instanceof AttributeField).toList();
        for (Operator op : Signatures.operatorsFor(FieldType.ATTRIBUTE)) {
            for (var customer : List.of(SemanticsTable.FULL, SemanticsTable.BARE, SemanticsTable.MISMATCHED)) {
                assertThat(attributeCases).as(op + " on " + customer.id())
                        .anyMatch(c -> ((Condition) c.rule()).op() == op && c.customer() == customer);
            }
        }
    }

    @Test
    void table_expectsBothOutcomesAndHasDistinctRows() {
        List<Case> cases = SemanticsTable.cases();
        assertThat(cases).hasSizeGreaterThan(200);
        assertThat(cases).anyMatch(Case::expected).anyMatch(c -> !c.expected());
        assertThat(cases.stream().map(Case::description).distinct().count()).isEqualTo(cases.size());
    }

    private static void collect(Rule rule, Map<FieldType, Set<Operator>> seen) {
        if (rule instanceof Rule.And a) {
            a.rules().forEach(r -> collect(r, seen));
        } else if (rule instanceof Rule.Or o) {
            o.rules().forEach(r -> collect(r, seen));
        } else if (rule instanceof Rule.Not n) {
            collect(n.rule(), seen);
        } else if (rule instanceof Condition c) {
            seen.computeIfAbsent(c.field().type(), t -> EnumSet.noneOf(Operator.class)).add(c.op());
        }
    }
}
