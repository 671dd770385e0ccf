package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.testing.RuleFixtures;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DslParserTest {
    private static final Condition A = cond("visits = 1");
    private static final Condition B = cond("visits = 2");
    private static final Condition C = cond("visits = 3");

    private static Condition cond(String dsl) {
        return (Condition) DslParser.parse(dsl);
    }

    private static List<String> problems(String dsl) {
        return Problems.of(() -> DslParser.parse(dsl));
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(DslParser.parse("visits = 1 or visits = 2 and visits = 3"))
                .isEqualTo(new Rule.Or(List.of(A, new Rule.And(List.of(B, C)))));
        assertThat(DslParser.parse("visits = 1 and visits = 2 or visits = 3"))
                .isEqualTo(new Rule.Or(List.of(new Rule.And(List.of(A, B)), C)));
    }

    @Test
    void parentheses_overridePrecedence_andChainsStayFlat() {
        assertThat(DslParser.parse("(visits = 1 or visits = 2) and visits = 3"))
                .isEqualTo(new Rule.And(List.of(new Rule.Or(List.of(A, B)), C)));
        assertThat(DslParser.parse("visits = 1 and visits = 2 and visits = 3")).isEqualTo(new Rule.And(List.of(A, B, C)));
        assertThat(DslParser.parse("((visits = 1))")).isEqualTo(A);
    }

    @Test
    void notIsAPrefixBindingTighterThanAnd() {
        assertThat(DslParser.parse("not visits = 1 and visits = 2")).isEqualTo(new Rule.And(List.of(new Rule.Not(A), B)));
        assertThat(DslParser.parse("not (visits = 1 or visits = 2)")).isEqualTo(new Rule.Not(new Rule.Or(List.of(A, B))));
        assertThat(DslParser.parse("not not visits = 1")).isEqualTo(new Rule.Not(new Rule.Not(A)));
    }

    @Test
    void referenceRule_parsesToTheRulesMdTree() {
        assertThat(RuleFixtures.reference()).isEqualTo(new Rule.And(List.of(
                cond("totalSpent > 10000"),
                new Rule.Or(List.of(cond("visits < 3"), cond("lastOrderAt not in last 90 days"))),
                new Rule.Not(cond("tags contains \"churned\"")))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            visits = 2                          | EQ
            visits == 2                         | EQ
            visits eq 2                         | EQ
            visits != 2                         | NE
            visits NE 2                         | NE
            visits > 2                          | GT
            visits gt 2                         | GT
            visits >= 2                         | GTE
            visits GTE 2                        | GTE
            visits < 2                          | LT
            visits lt 2                         | LT
            visits <= 2                         | LTE
            visits lte 2                        | LTE
            visits between 1 and 2              | BETWEEN
            visits BETWEEN 1 AND 2              | BETWEEN
            visits in [1, 2]                    | IN
            visits not in [1]                   | NOT_IN
            visits notIn [1]                    | NOT_IN
            visits exists                       | EXISTS
            visits EXISTS                       | EXISTS
            name contains "a"                   | CONTAINS
            name CONTAINS "a"                   | CONTAINS
            name not contains "a"               | NOT_CONTAINS
            name notContains "a"                | NOT_CONTAINS
            name starts with "a"                | STARTS_WITH
            name Starts With "a"                | STARTS_WITH
            name startsWith "a"                 | STARTS_WITH
            name ends with "a"                  | ENDS_WITH
            name endsWith "a"                   | ENDS_WITH
            lastOrderAt before 2025-01-01       | BEFORE
            lastOrderAt after 2025-01-01        | AFTER
            lastOrderAt between 2025-01-01 and 2025-02-01 | BETWEEN
            lastOrderAt in last 90 days         | IN_LAST_DAYS
            lastOrderAt in last 1 day           | IN_LAST_DAYS
            lastOrderAt IN LAST 90 DAYS         | IN_LAST_DAYS
            lastOrderAt inLastDays 90           | IN_LAST_DAYS
            lastOrderAt not in last 90 days     | NOT_IN_LAST_DAYS
            lastOrderAt notInLastDays 90 days   | NOT_IN_LAST_DAYS
            tags contains any ["a", "b"]        | CONTAINS_ANY
            tags containsAny ["a"]              | CONTAINS_ANY
            tags contains all ["a", "b"]        | CONTAINS_ALL
            tags containsAll ["a"]              | CONTAINS_ALL
            tags is empty                       | IS_EMPTY
            tags isEmpty                        | IS_EMPTY
            tags IS EMPTY                       | IS_EMPTY
            optedOut = TRUE                     | EQ
            """)
    void everyOperatorSpelling_parsesToItsOperator(String dsl, Operator op) {
        assertThat(cond(dsl).op()).isEqualTo(op);
    }

    @Test
    void isNotEmpty_isTheNegationOfIsEmpty() {
        assertThat(DslParser.parse("tags is not empty")).isEqualTo(new Rule.Not(cond("tags is empty")));
    }

    @Test
    void keywordsAreCaseInsensitive_fieldNamesAreNot() {
        assertThat(DslParser.parse("visits = 1 AND visits = 2 Or NOT visits = 3"))
                .isEqualTo(DslParser.parse("visits = 1 and visits = 2 or not visits = 3"));
        assertThat(problems("Visits = 1")).first().asString().startsWith("(root): line 1, column 1: unknown field \"Visits\"");
    }

    @Test
    void values_areTypedLiterals() {
        assertThat(cond("totalSpent > 10000.50").operand()).isEqualTo(new Operand.Num(new BigDecimal("10000.5")));
        assertThat(cond("visits > -3").operand()).isEqualTo(new Operand.Num(new BigDecimal("-3")));
        assertThat(cond("visits > 1e3").operand()).isEqualTo(new Operand.Num(new BigDecimal("1000")));
        assertThat(cond("lastOrderAt after 2025-01-31T10:00:00+05:30").operand())
                .isEqualTo(new Operand.Date(Instant.parse("2025-01-31T04:30:00Z")));
        assertThat(cond("lastOrderAt before 2025-01-31").operand()).isEqualTo(new Operand.Date(Instant.parse("2025-01-31T00:00:00Z")));
        assertThat(cond("attributes.flag = false").operand()).isEqualTo(new Operand.Bool(false));
        assertThat(cond("attributes.score in [1, 2.5]").operand())
                .isEqualTo(new Operand.NumList(List.of(BigDecimal.ONE, new BigDecimal("2.5"))));
        assertThat(cond("attributes.plan in [\"1\"]").operand()).isEqualTo(new Operand.TextList(List.of("1")));
        assertThat(cond("tags contains \" VIP \"").operand()).isEqualTo(new Operand.Text("vip"));
        assertThat(cond("totalOrders = 3").field()).isEqualTo(StandardField.ORDER_COUNT);
        assertThat(cond("lastPurchaseDate exists").field()).isEqualTo(StandardField.LAST_ORDER_AT);
    }

    @Test
    void stringEscapes_areDecoded() {
        assertThat(cond("name = \"say \\\"hi\\\" \\\\ \\/ \\n\\t\\r \\u00e9\\u00C9\"").operand())
                .isEqualTo(new Operand.Text("say \"hi\" \\ / \n\t\r éÉ"));
        assertThat(cond("name contains \".*+?^$()[]{}|\"").operand()).isEqualTo(new Operand.Text(".*+?^$()[]{}|"));
        assertThat(cond("name = \"\"").operand()).isEqualTo(new Operand.Text(""));
        assertThat(cond("name = \"line\nbreak\"").operand()).isEqualTo(new Operand.Text("line\nbreak"));
    }

    @Test
    void syntaxErrors_nameLineColumnAndWhatWasExpected() {
        assertThat(problems("visits >")).containsExactly("(root): line 1, column 9: expected a value (a \"quoted string\","
                + " number, date, true or false), found the end of the rule");
        assertThat(problems("(visits > 3")).containsExactly(
                "(root): line 1, column 12: expected ')' to close the '(' at line 1, column 1, found the end of the rule");
        assertThat(problems("visits > 3 and\n  name = bob")).containsExactly("(root): line 2, column 10: expected a value"
                + " (a \"quoted string\", number, date, true or false), found 'bob'; put text in double quotes");
        assertThat(problems("name = \"abc")).containsExactly("(root): line 1, column 8: unterminated string (missing closing \")");
        assertThat(problems("visits > 3 & name exists")).containsExactly("(root): line 1, column 12: unexpected character '&'");
        assertThat(problems("visits > 3 visits")).containsExactly(
                "(root): line 1, column 12: expected 'and', 'or' or the end of the rule, found 'visits'");
        assertThat(problems("visits contains 3")).containsExactly("(root): line 1, column 8: operator contains does not apply"
                + " to visits (integer); use one of eq, ne, gt, gte, lt, lte, between, in, notIn, exists");
        assertThat(problems("name starts 3")).containsExactly("(root): line 1, column 13: expected 'with', found '3'");
        assertThat(problems("lastOrderAt in last 90")).containsExactly(
                "(root): line 1, column 23: expected 'days' after the number, found the end of the rule");
        assertThat(problems("visits")).containsExactly("(root): line 1, column 7: expected an operator after visits"
                + " (=, !=, >, >=, <, <=, between a and b, in [..], not in [..], exists), found the end of the rule");
        assertThat(problems("name = \"a\\qb\"")).containsExactly(
                "(root): line 1, column 11: unknown escape \\q (use \\\" \\\\ \\n \\t \\r or \\uXXXX)");
        assertThat(problems("visits = 1 and > 3")).containsExactly(
                "(root): line 1, column 16: expected a field name, 'not' or '(', found '>'");
        assertThat(problems("and visits = 1")).first().asString().startsWith("(root): line 1, column 1: unknown field \"and\"");
        assertThat(problems("visits in [1 2]")).containsExactly(
                "(root): line 1, column 14: expected ',' or ']' in the list, found '2'");
        assertThat(problems("visits > 12abc")).containsExactly("(root): line 1, column 10: not a number or date: '12abc'");
        assertThat(problems("  ")).containsExactly("(root): the rule text is empty");
    }

    @Test
    void valueErrors_areAllReported_eachWithItsPosition() {
        assertThat(problems("visits > \"a\" and totalSpent < \"b\" or tags contains any []")).containsExactly(
                "(root): line 1, column 10: expected a whole number for field visits, got \"a\"",
                "(root): line 1, column 31: expected a number for field totalSpent, got \"b\"",
                "(root): line 1, column 56: the list must not be empty");
        assertThat(problems("visits between 5 and 1")).containsExactly("(root): line 1, column 16: the first number is greater than the second");
        assertThat(problems("totalSpent = 1.005")).containsExactly("(root): line 1, column 14: amounts have at most 2 decimals, got 1.005");
        assertThat(problems("lastOrderAt before 2025-13-01")).containsExactly("(root): line 1, column 20: expected an ISO-8601"
                + " date (2025-01-31) or date-time for field lastOrderAt, got \"2025-13-01\"");
        assertThat(problems("lastOrderAt in last 36501 days")).containsExactly("(root): line 1, column 21: expected a whole"
                + " number of days from 0 to 36500 for field lastOrderAt, got 36501");
        assertThat(problems("name = 5")).containsExactly("(root): line 1, column 8: expected a string for field name, got 5");
        assertThat(problems("optedOut = \"true\"")).containsExactly(
                "(root): line 1, column 12: expected true or false for field optedOut, got \"true\"");
        assertThat(problems("attributes.flag != true")).containsExactly(
                "(root): line 1, column 20: use eq with true or false for boolean attributes");
        assertThat(problems("name = \"" + "x".repeat(257) + "\"")).containsExactly(
                "(root): line 1, column 8: string longer than 256 characters");
    }

    @Test
    @Timeout(5)
    void limits_depthNodesListsAndLength() {
        assertThat(RuleLimits.depth(DslParser.parse("not ".repeat(15) + "visits = 1"))).isEqualTo(16);
        assertThat(problems("not ".repeat(16) + "visits = 1")).containsExactly("(root): rule is nested deeper than 16 levels");
        assertThat(problems("(".repeat(100_000))).containsExactly("(root): line 1, column 26: rule is nested deeper than 16 levels");
        assertThat(problems("not ".repeat(25_000))).hasSize(1).first().asString().contains("nested deeper than 16 levels");
        String orOf199 = String.join(" or ", java.util.Collections.nCopies(199, "visits = 1"));
        assertThat(RuleLimits.nodes(DslParser.parse(orOf199))).isEqualTo(200);
        assertThat(problems(orOf199 + " or visits = 1")).containsExactly("(root): rule has more than 200 nodes");
        assertThat(problems(orOf199 + " or visits = 1 or visits = 1")).containsExactly(
                "(root): line 1, column 2801: rule has more than 200 nodes");
        String items = String.join(",", java.util.Collections.nCopies(1001, "1"));
        assertThat(problems("visits in [" + items + "]")).hasSize(1).first().asString().endsWith("list longer than 1000 items");
        assertThat(problems("name = \"" + "x".repeat(100_000) + "\"")).containsExactly(
                "(root): the rule text is longer than 100000 characters");
    }
}
