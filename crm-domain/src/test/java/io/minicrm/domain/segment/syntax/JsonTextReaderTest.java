package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.RuleLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

/** The strict JSON reader: RFC 8259 values into plain trees, every error with path, line and column. */
@Timeout(20)
class JsonTextReaderTest {

    /** The start of the message for a place where a value must be. */
    private static final String VALUE = "expected a value (an object, a list, a string in double quotes, a number,"
            + " true, false or null), found ";

    private static List<String> problems(String text) {
        return Problems.of(() -> JsonTextReader.read(text));
    }

    @Test
    void values_becomePlainTrees_inDocumentOrder() {
        Object tree = JsonTextReader.read(" {\"b\": [true, false, null, \"x\"], \"a\": {}, \"c\": []} ");
        assertThat(tree).isEqualTo(map("b", list(true, false, null, "x"), "a", map(), "c", list()));
        assertThat(List.<Object>copyOf(((Map<?, ?>) tree).keySet())).containsExactly("b", "a", "c");
        assertThat(JsonTextReader.read("\"top\"")).isEqualTo("top");
        assertThat(JsonTextReader.read("null")).isNull();
        assertThat(JsonTextReader.read("\t\r\n 7 \n")).isEqualTo(7L);
    }

    @Test
    void numbers_areExact_wholeOnesLongs_othersBigDecimals() {
        assertThat(JsonTextReader.read("10000")).isEqualTo(10000L);
        assertThat(JsonTextReader.read("-0")).isEqualTo(0L);
        assertThat(JsonTextReader.read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(JsonTextReader.read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(JsonTextReader.read("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(JsonTextReader.read("10000.50")).isEqualTo(new BigDecimal("10000.50"));
        assertThat(JsonTextReader.read("0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(JsonTextReader.read("1e3")).isEqualTo(new BigDecimal("1e3"));
        assertThat(JsonTextReader.read("-1.5E-2")).isEqualTo(new BigDecimal("-0.015"));
        assertThat(JsonTextReader.read("12345678901234567890.123456789")).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
        assertThat(JsonTextReader.read("1E400")).isEqualTo(new BigDecimal("1E+400"));
    }

    @Test
    void escapes_areDecoded_andASurrogatePairIsOneCharacter() {
        assertThat(JsonTextReader.read("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"")).isEqualTo("\" \\ / \b \f \n \r \t");
        assertThat(JsonTextReader.read("\"caf\\u00e9 \\u00C9\"")).isEqualTo("café É");
        String smile = (String) JsonTextReader.read("\"\\uD83D\\uDE00\"");
        assertThat(smile).isEqualTo("😀");
        assertThat(smile.codePointCount(0, smile.length())).isEqualTo(1);
        assertThat(JsonTextReader.read("\"😀 raw, Zoë, \u2028, \u007f\"")).isEqualTo("😀 raw, Zoë, \u2028, \u007f");
    }

    @Test
    void halfASurrogatePair_escapedOrRaw_isRefused_asIJsonRequires() {
        for (String text : List.of("[\"\\ud800\"]", "[\"ab\\udc00\"]", "[\"\\ude00\\ud83d\"]", "[\"\ud800\"]", "[\"x\udc00\"]",
                "[\"\\ud83d\\u0041\"]")) {
            assertThat(problems(text)).as(text).singleElement().asString()
                    .matches("/0: line 1, column 2: the string holds \\\\ud[89a-f][0-9a-f]{2}, half of a surrogate pair,"
                            + " which is not a character \\(JSON text must be Unicode\\)");
        }
        assertThat(problems("{\"\\udc00\": 1}")).singleElement().asString().startsWith("(root): line 1, column 2: the string holds");
        assertThat(JsonTextReader.read("\"\\ud83d\ude00\"")).as("an escaped half and a raw half make a pair").isEqualTo("😀");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("",
                        "(root): line 1, column 1: the JSON text is empty"),
                Arguments.of("  \n ",
                        "(root): line 2, column 2: the JSON text is empty"),
                Arguments.of("{\"a\": 1,}",
                        "(root): line 1, column 9: expected a key in double quotes, found '}'"),
                Arguments.of("[1, 2,]",
                        "/2: line 1, column 7: " + VALUE + "']'"),
                Arguments.of("{\"a\" 1}",
                        "(root): line 1, column 6: expected ':' after the key \"a\", found '1'"),
                Arguments.of("{a: 1}",
                        "(root): line 1, column 2: expected a key in double quotes, found 'a'"),
                Arguments.of("{'a': 1}",
                        "(root): line 1, column 2: expected a key in double quotes, found \"'\""),
                Arguments.of("{\"a\": 1 \"b\": 2}",
                        "(root): line 1, column 9: expected ',' or '}' after a member of the object, found '\"'"),
                Arguments.of("[1 2]",
                        "(root): line 1, column 4: expected ',' or ']' after an item of the list, found '2'"),
                Arguments.of("{\"a\": [1, {\"b\": }]}",
                        "/a/1/b: line 1, column 17: " + VALUE + "'}'"),
                Arguments.of("[01]",
                        "/0: line 1, column 2: a number cannot start with 0 followed by more digits"),
                Arguments.of("[-01]",
                        "/0: line 1, column 2: a number cannot start with 0 followed by more digits"),
                Arguments.of("[1.]",
                        "/0: line 1, column 4: expected a digit after the decimal point, found ']'"),
                Arguments.of("[.5]",
                        "/0: line 1, column 2: " + VALUE + "'.'"),
                Arguments.of("[+1]",
                        "/0: line 1, column 2: " + VALUE + "'+'"),
                Arguments.of("[-]",
                        "/0: line 1, column 3: expected a digit after '-', found ']'"),
                Arguments.of("[1e]",
                        "/0: line 1, column 4: expected a digit in the exponent, found ']'"),
                Arguments.of("[1e+]",
                        "/0: line 1, column 5: expected a digit in the exponent, found ']'"),
                Arguments.of("[0x10]",
                        "(root): line 1, column 3: expected ',' or ']' after an item of the list, found 'x'"),
                Arguments.of("NaN",
                        "(root): line 1, column 1: unknown word 'NaN' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("[-Infinity]",
                        "/0: line 1, column 3: expected a digit after '-', found 'I'"),
                Arguments.of("[True]",
                        "/0: line 1, column 2: unknown word 'True' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("[truex]",
                        "/0: line 1, column 2: unknown word 'truex' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("[nul]",
                        "/0: line 1, column 2: unknown word 'nul' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("// comment\n{}",
                        "(root): line 1, column 1: " + VALUE + "'/'"),
                Arguments.of("{} /* comment */",
                        "(root): line 1, column 4: unexpected '/' after the JSON value"),
                Arguments.of("[1] [2]",
                        "(root): line 1, column 5: unexpected '[' after the JSON value"),
                Arguments.of("\"abc",
                        "(root): line 1, column 1: unterminated string (missing closing \")"),
                Arguments.of("[\"a\\x\"]",
                        "/0: line 1, column 4: unknown escape \\x (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)"),
                Arguments.of("[\"\\u12G4\"]",
                        "/0: line 1, column 3: invalid \\u escape: expected four hexadecimal digits after \\u"),
                Arguments.of("[\"\\u00\"]",
                        "/0: line 1, column 3: invalid \\u escape: expected four hexadecimal digits after \\u"),
                Arguments.of("[\"\\u０１２３\"]",
                        "/0: line 1, column 3: invalid \\u escape: expected four hexadecimal digits after \\u"),
                Arguments.of("[\"a\tb\"]",
                        "/0: line 1, column 4: a string cannot hold the control character U+0009; write it as \\t"),
                Arguments.of("[\"a\u0001\"]",
                        "/0: line 1, column 4: a string cannot hold the control character U+0001; write it as \\u0001"),
                Arguments.of("[1,\n 2,\n tru]",
                        "/2: line 3, column 2: unknown word 'tru' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("[1,\r\n 2,\r\n x]",
                        "/2: line 3, column 2: unknown word 'x' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("[1,\r 2,\r x]",
                        "/2: line 3, column 2: unknown word 'x' (JSON has true, false and null; text goes in double quotes)"),
                Arguments.of("{\"a\": [1,2",
                        "/a: line 1, column 11: expected ',' or ']' after an item of the list, found the end of the text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedText_isOneProblem_withPathLineAndColumn(String text, String expected) {
        assertThat(problems(text)).containsExactly(expected);
    }

    @Test
    void whitespaceBeyondJsons_isRefused_noByteOrderMarkNoNonBreakingSpace() {
        assertThat(problems("\uFEFF{}")).containsExactly("(root): line 1, column 1: " + VALUE + "U+FEFF");
        assertThat(problems("{}\u00a0")).containsExactly("(root): line 1, column 3: unexpected U+00A0 after the JSON value");
        assertThat(problems("[1,\u000b2]")).containsExactly("/1: line 1, column 4: " + VALUE + "U+000B");
    }

    @Test
    void duplicateKeys_areRefused_atTheSecondKey() {
        assertThat(problems("{\"and\": [\n  {\"field\": \"city\", \"op\": \"eq\", \"field\": \"name\"}]}"))
                .containsExactly("/and/0/field: line 2, column 33: duplicate key \"field\" (a key may appear only once"
                        + " in an object)");
        assertThat(problems("{\"a\": null, \"a\": null}")).hasSize(1);
        assertThat(JsonTextReader.read("{\"a\": {\"a\": 1}}")).as("the same key in another object").isEqualTo(map("a", map("a", 1L)));
    }

    @Test
    void nesting_upToTheJsonDepthLimit_isRead_oneMoreIsRefused() {
        int limit = RuleLimits.MAX_JSON_DEPTH;
        assertThat(limit).isEqualTo(32);
        assertThat(JsonTextReader.read("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(List.class);
        assertThat(problems("[".repeat(limit + 1) + "]".repeat(limit + 1))).singleElement().asString()
                .isEqualTo("/0".repeat(limit) + ": line 1, column 33:"
                        + " the JSON is nested more than 32 levels deep (a rule nests at most 16 levels)");
        assertThat(problems("{\"a\":".repeat(100_000))).singleElement().asString().contains("nested more than 32 levels");
    }

    @Test
    void listsAndObjects_upTo1000Items_areRead_moreAreRefused() {
        assertThat((List<?>) JsonTextReader.read("[" + "0,".repeat(999) + "0]")).hasSize(1000);
        assertThat(problems("[" + "0,".repeat(1000) + "0]"))
                .containsExactly("/1000: line 1, column 2002: a list with more than 1000 items");
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i <= 1000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        assertThat(problems(keys + "}")).singleElement().asString().startsWith("/k1000: line 1, column ")
                .endsWith(": an object with more than 1000 keys");
    }

    @Test
    void stringsNumbersAndText_areBounded() {
        String longest = "x".repeat(JsonTextReader.MAX_STRING);
        assertThat(JsonTextReader.read("\"" + longest + "\"")).isEqualTo(longest);
        assertThat(problems("[\"" + longest + "y\"]")).containsExactly("/0: line 1, column 2: a string longer than 100000 characters");
        assertThat(problems("[\"" + "\\n".repeat(JsonTextReader.MAX_STRING + 1) + "\"]"))
                .containsExactly("/0: line 1, column 2: a string longer than 100000 characters");
        String digits = "1".repeat(JsonTextReader.MAX_NUMBER);
        assertThat(JsonTextReader.read(digits)).isEqualTo(new BigDecimal(digits));
        assertThat(problems("[" + digits + "1]")).containsExactly("/0: line 1, column 2: a number longer than 100 characters");
        assertThat(problems("[1e99999999999]")).containsExactly("/0: line 1, column 2: the number 1e99999999999 is out of range");
        assertThat(problems(" ".repeat(RuleLimits.MAX_JSON_LENGTH) + "1"))
                .containsExactly("(root): the JSON text is longer than 1000000 characters");
        assertThat(JsonTextReader.read(" ".repeat(RuleLimits.MAX_JSON_LENGTH - 1) + "1")).isEqualTo(1L);
        assertThat(problems(null)).containsExactly("(root): the JSON text is empty");
    }

    @Test
    void locate_findsEachPath_orItsNearestAncestor_atTheKeyOfAMember() {
        String text = "{\"and\": [\n  {\"field\": \"visits\", \"op\": \"gt\", \"value\": \"x\"},\n  {\"op\": \"eq\"}\n]}";
        Map<String, int[]> at = JsonTextReader.locate(text, List.of("/and/0/value", "/and/1/field", "", "/nothere/1"));
        assertThat(at.get("/and/0/value")).containsExactly(2, 35);
        assertThat(at.get("/and/1/field")).as("missing: the object that lacks it").containsExactly(3, 3);
        assertThat(at.get("")).containsExactly(1, 1);
        assertThat(at.get("/nothere/1")).containsExactly(1, 1);
    }
}
