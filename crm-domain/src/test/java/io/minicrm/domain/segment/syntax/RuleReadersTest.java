package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.testing.RuleFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.cond;
import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

class RuleReadersTest {
    private static final Rule VISITS = RuleFixtures.dsl("visits > 3");

    private static List<String> problems(Object tree) {
        return Problems.of(() -> RuleReaders.readAny(tree));
    }

    @Test
    void readAny_tellsTheSpellingsApart() {
        assertThat(RuleReaders.readAny(cond("visits", "gt", 3))).isEqualTo(VISITS);
        assertThat(RuleReaders.readAny(list(map("condition", "AND", "rules",
                list(map("field", "visits", "operator", "greaterThan", "value", "3")))))).isEqualTo(VISITS);
        assertThat(RuleReaders.readAny(map("dsl", "visits > 3"))).isEqualTo(VISITS);
        assertThat(RuleReaders.readAny("visits > 3")).isEqualTo(VISITS);
    }

    @Test
    void dslErrors_areLocatedUnderDsl() {
        assertThat(problems(map("dsl", "visits >"))).containsExactly("/dsl: line 1, column 9: expected a value"
                + " (a \"quoted string\", number, date, true or false), found the end of the rule");
        assertThat(problems(map("dsl", 5))).containsExactly("/dsl: expected the rule as text, got 5");
        assertThat(problems(map("dsl", "visits > 3", "op", "x"))).containsExactly("(root): {\"dsl\": \"...\"} takes no other keys");
    }

    @Test
    void errorsOfEachSpelling_keepTheirOwnPaths() {
        assertThat(problems(map("not", cond("visits", "gt", "x"))))
                .containsExactly("/not/value: expected a whole number for field visits, got \"x\"");
        assertThat(problems(list(map("condition", "AND", "rules", list(map("field", "visits", "operator", "gt", "value", "x"))))))
                .containsExactly("/0/rules/0/value: expected a whole number for field visits, got \"x\"");
        assertThat(problems(null)).hasSize(1);
        assertThat(problems(42)).hasSize(1).first().asString().endsWith("got 42");
    }
}
