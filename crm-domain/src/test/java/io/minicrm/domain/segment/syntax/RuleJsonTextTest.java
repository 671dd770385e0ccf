package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.testing.RuleFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules read from and written as JSON text: every spelling, problems located by line and column. */
class RuleJsonTextTest {
    private static final Rule REFERENCE = RuleFixtures.reference();
    private static final String REFERENCE_JSON = "{\"and\":[{\"field\":\"totalSpent\",\"op\":\"gt\",\"value\":10000},"
            + "{\"or\":[{\"field\":\"visits\",\"op\":\"lt\",\"value\":3},"
            + "{\"field\":\"lastOrderAt\",\"op\":\"notInLastDays\",\"value\":90}]},"
            + "{\"not\":{\"field\":\"tags\",\"op\":\"contains\",\"value\":\"churned\"}}]}";

    private static List<String> problems(String json) {
        return Problems.of(() -> RuleReaders.readJson(json));
    }

    @Test
    void theReferenceRule_isWrittenAsCanonicalJsonText_andReadBack() {
        assertThat(CanonicalRuleWriter.toJson(REFERENCE)).isEqualTo(REFERENCE_JSON);
        assertThat(RuleReaders.readJson(REFERENCE_JSON)).isEqualTo(REFERENCE);
    }

    @Test
    void everyJsonSpelling_isRead_fromText() {
        Rule visits = RuleFixtures.dsl("visits > 3");
        assertThat(RuleReaders.readJson("{\"field\": \"visits\", \"op\": \"gt\", \"value\": 3}")).isEqualTo(visits);
        assertThat(RuleReaders.readJson("[{\"condition\": \"AND\", \"rules\": [{\"field\": \"visits\","
                + " \"operator\": \"greaterThan\", \"value\": \"3\"}]}]")).isEqualTo(visits);
        assertThat(RuleReaders.readJson("{\"dsl\": \"visits > 3\"}")).isEqualTo(visits);
        assertThat(RuleReaders.readJson("\"visits > 3\"")).as("a JSON string holds DSL, as in readAny").isEqualTo(visits);
        assertThat(RuleReaders.readJson("{\"field\": \"totalSpent\", \"op\": \"between\", \"value\": [0.1, 10000.50]}"))
                .isEqualTo(RuleFixtures.dsl("totalSpent between 0.1 and 10000.50"));
    }

    @Test
    void readText_takesJsonOrDsl_byTheFirstCharacter() {
        Rule city = RuleFixtures.dsl("city = \"Pune\"");
        assertThat(RuleReaders.readText("city = \"Pune\"")).isEqualTo(city);
        assertThat(RuleReaders.readText("\n  {\"field\": \"city\", \"op\": \"eq\", \"value\": \"Pune\"}")).isEqualTo(city);
        assertThat(RuleReaders.readText(" [{\"condition\": \"OR\", \"rules\": [{\"field\": \"city\", \"operator\": \"equals\","
                + " \"value\": \"Pune\"}]}]")).isEqualTo(city);
        assertThat(RuleReaders.readText("\"city = \\\"Pune\\\"\"")).isEqualTo(city);
        assertThat(RuleReaders.readText("(city = \"Pune\")")).isEqualTo(city);
        assertThat(Problems.of(() -> RuleReaders.readText("{\"field\": \"city\",}"))).singleElement().asString()
                .startsWith("(root): line 1, column 18: expected a key in double quotes");
        assertThat(Problems.of(() -> RuleReaders.readText("   "))).containsExactly("(root): the rule text is empty");
        assertThat(Problems.of(() -> RuleReaders.readText(null))).containsExactly("(root): the rule text is empty");
    }

    @Test
    void ruleProblems_keepTheirPaths_andNameTheLineAndColumnOfTheValue() {
        String json = "{\"and\": [\n"
                + "  {\"field\": \"visits\", \"op\": \"gt\", \"value\": \"x\"},\n"
                + "  {\"field\": \"city\", \"op\": \"gtx\", \"value\": \"Pune\"},\n"
                + "  {\"op\": \"eq\", \"value\": 1}\n"
                + "]}";
        assertThat(problems(json)).containsExactly(
                "/and/0/value: line 2, column 35: expected a whole number for field visits, got \"x\"",
                "/and/1/op: line 3, column 21: unknown operator \"gtx\"; for city use one of eq, ne, in, notIn, exists,"
                        + " contains, notContains, startsWith, endsWith",
                "/and/2/field: line 4, column 3: is required");
    }

    @Test
    void dslProblems_insideJson_keepTheLineAndColumnOfTheDslText() {
        assertThat(problems("{\"dsl\": \"visits >\"}")).containsExactly("/dsl: line 1, column 9: expected a value"
                + " (a \"quoted string\", number, date, true or false), found the end of the rule");
        assertThat(problems("{\"dsl\": 5}")).containsExactly("/dsl: expected the rule as text, got 5");
    }

    @Test
    void legacyProblems_areLocatedToo() {
        assertThat(problems("[{\"condition\": \"AND\", \"rules\": [\n {\"field\": \"visits\", \"operator\": \"lessThan\","
                + " \"value\": \"many\"}]}]"))
                .containsExactly("/0/rules/0/value: line 2, column 46: expected a whole number for field visits, got \"many\"");
    }

    @Test
    void aLoneSurrogate_inAValue_isRefused_likeInEverySpelling() {
        assertThat(problems("{\"field\": \"name\", \"op\": \"eq\", \"value\": \"a\\ud800\"}"))
                .containsExactly("/value: line 1, column 40: the string holds \\ud800, half of a surrogate pair, which is"
                        + " not a character (JSON text must be Unicode)");
        assertThat(RuleReaders.readJson("{\"field\": \"name\", \"op\": \"eq\", \"value\": \"\\ud83d\\ude00\"}"))
                .isEqualTo(RuleFixtures.dsl("name = \"😀\""));
    }

    @Test
    void aCappedReport_keepsItsSummaryWithoutAPosition() {
        StringBuilder json = new StringBuilder("{\"or\": [");
        for (int i = 0; i < 150; i++) {
            json.append(i == 0 ? "" : ",").append("{\"field\": \"visits\", \"op\": \"gt\", \"value\": \"x\"}");
        }
        List<String> problems = problems(json.append("]}").toString());
        assertThat(problems).hasSize(100).last().isEqualTo("(root): and 51 more problems");
        assertThat(problems.get(0)).startsWith("/or/0/value: line 1, column 41: ");
    }

    @Test
    void onlyInvalidRuleException_isThrown_forAnyOddInput() {
        for (String text : List.of("", "{", "}", "[]", "{}", "null", "42", "true", "\"\"", "[null]", "{\"and\": []}",
                "{\"dsl\": \"\"}", "[{}]", "\u0000", "{\"field\": {\"x\": 1}}")) {
            assertThatThrownBy(() -> RuleReaders.readJson(text)).as(text).isInstanceOf(InvalidRuleException.class);
            assertThatThrownBy(() -> RuleReaders.readText(text)).as(text).isInstanceOf(InvalidRuleException.class);
        }
    }
}
