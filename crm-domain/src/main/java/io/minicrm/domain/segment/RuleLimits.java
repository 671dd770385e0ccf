package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * Size limits of a rule, the same for every spelling: depth, node count, string length, list size, and the
 * size of the text a rule is read from. A rule beyond them is refused with an {@link InvalidRuleException}
 * naming the limit, never read partly.
 */
public final class RuleLimits {
    /** Deepest nesting of a rule: a condition is 1, each {@code and}/{@code or}/{@code not} adds one. */
    public static final int MAX_DEPTH = 16;
    /** Most nodes (conditions and connectives) in one rule. */
    public static final int MAX_NODES = 200;
    /** Longest text value of a condition, in characters. */
    public static final int MAX_STRING = 256;
    /** Most items in a list value ({@code in}, {@code containsAny}, ...). */
    public static final int MAX_LIST = 1000;
    /** Longest DSL text accepted, in characters. */
    public static final int MAX_DSL_LENGTH = 100_000;
    /** Largest day count of {@code inLastDays}/{@code notInLastDays} (100 years). */
    public static final int MAX_DAYS = 36_500;
    /**
     * Longest JSON text accepted, in characters (as the server's default request body limit, 1 MB): JSON spells
     * out every key, so it takes more room than the DSL for the same rule.
     */
    public static final int MAX_JSON_LENGTH = 1_000_000;
    /**
     * Deepest nesting of objects and arrays in rule JSON text. A rule of {@link #MAX_DEPTH} levels needs at most
     * twice as many (each {@code and}/{@code or} is an object holding an array, and a list value is an array in
     * its condition object), so deeper text cannot be a valid rule and is refused before it is read further.
     */
    public static final int MAX_JSON_DEPTH = 2 * MAX_DEPTH;

    private RuleLimits() {
    }

    /** Depth of a rule: a condition is 1, each and/or/not adds one. */
    public static int depth(Rule rule) {
        if (rule instanceof Rule.And a) {
            return 1 + a.rules().stream().mapToInt(RuleLimits::depth).max().orElse(0);
        }
        if (rule instanceof Rule.Or o) {
            return 1 + o.rules().stream().mapToInt(RuleLimits::depth).max().orElse(0);
        }
        if (rule instanceof Rule.Not n) {
            return 1 + depth(n.rule());
        }
        return 1;
    }

    /** Number of nodes (conditions and connectives). */
    public static int nodes(Rule rule) {
        if (rule instanceof Rule.And a) {
            return 1 + a.rules().stream().mapToInt(RuleLimits::nodes).sum();
        }
        if (rule instanceof Rule.Or o) {
            return 1 + o.rules().stream().mapToInt(RuleLimits::nodes).sum();
        }
        if (rule instanceof Rule.Not n) {
            return 1 + nodes(n.rule());
        }
        return 1;
    }

    /** Structural limit problems of a built rule (depth and nodes); empty when within limits. */
    public static List<Problem> check(Rule rule) {
        List<Problem> problems = new ArrayList<>();
        if (depth(rule) > MAX_DEPTH) {
            problems.add(new Problem("", "rule is nested deeper than " + MAX_DEPTH + " levels"));
        }
        if (nodes(rule) > MAX_NODES) {
            problems.add(new Problem("", "rule has more than " + MAX_NODES + " nodes"));
        }
        return problems;
    }

    /** Throws when the rule exceeds a structural limit. */
    public static Rule requireWithin(Rule rule) {
        List<Problem> problems = check(rule);
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        return rule;
    }
}
