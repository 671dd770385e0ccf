package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;

/** Size limits of a rule (RULES.md): depth, node count, string length, list size. */
public final class RuleLimits {
    public static final int MAX_DEPTH = 16;
    public static final int MAX_NODES = 200;
    public static final int MAX_STRING = 256;
    public static final int MAX_LIST = 1000;
    /** Longest DSL text accepted. */
    public static final int MAX_DSL_LENGTH = 100_000;
    public static final int MAX_DAYS = 36_500;

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
