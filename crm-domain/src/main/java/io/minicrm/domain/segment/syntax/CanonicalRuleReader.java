package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the canonical JSON form of a rule, given as a plain Java tree (Map/List/String/Number/
 * Boolean/null). Reports every problem with its path; never recurses deeper than the depth limit,
 * whatever the input.
 *
 * <pre>{"and": [ {"field": "totalSpent", "op": "gt", "value": 10000}, {"not": {...}} ]}</pre>
 */
public final class CanonicalRuleReader {
    private CanonicalRuleReader() {
    }

    /** Reads a canonical JSON tree; throws an {@link io.minicrm.domain.segment.InvalidRuleException} listing every problem with its path. */
    public static Rule read(Object tree) {
        Walk walk = new Walk();
        Rule rule = walk.node(tree, "", 1);
        if (walk.nodes > RuleLimits.MAX_NODES) {
            walk.problems.add(new Problem("", "rule has more than " + RuleLimits.MAX_NODES + " nodes"));
        }
        if (!walk.problems.isEmpty() || rule == null) {
            throw new InvalidRuleException(walk.problems.isEmpty()
                    ? List.of(new Problem("", "not a valid rule")) : walk.problems);
        }
        return rule;
    }

    private static final class Walk {
        final List<Problem> problems = new ArrayList<>();
        final JsonConditionReader conditions = JsonConditionReader.canonical();
        int nodes;
        boolean depthReported;

        Rule node(Object tree, String path, int depth) {
            nodes++;
            if (nodes > RuleLimits.MAX_NODES) {
                return null;
            }
            if (depth > RuleLimits.MAX_DEPTH) {
                if (!depthReported) {
                    problems.add(new Problem(path, "rule is nested deeper than " + RuleLimits.MAX_DEPTH + " levels"));
                    depthReported = true;
                }
                return null;
            }
            if (!(tree instanceof Map<?, ?> map)) {
                problems.add(new Problem(path, "expected a rule object ({\"and\": [...]}, {\"or\": [...]}, {\"not\": {...}}"
                        + " or {\"field\", \"op\", \"value\"}), got " + Numbers.describe(tree)));
                return null;
            }
            for (String connective : List.of("and", "or", "not")) {
                if (map.containsKey(connective)) {
                    if (map.size() != 1) {
                        for (Object key : map.keySet()) {
                            if (!connective.equals(key)) {
                                problems.add(new Problem(path + "/" + Problem.segment(key), "unexpected key beside \"" + connective + "\""));
                            }
                        }
                        return null;
                    }
                    Object inner = map.get(connective);
                    return connective.equals("not")
                            ? not(inner, path + "/not", depth)
                            : group(connective, inner, path + "/" + connective, depth);
                }
            }
            return conditions.read(map, path, problems);
        }

        private Rule not(Object inner, String path, int depth) {
            Rule child = node(inner, path, depth + 1);
            return child == null ? null : new Rule.Not(child);
        }

        private Rule group(String kind, Object inner, String path, int depth) {
            if (!(inner instanceof List<?> list)) {
                problems.add(new Problem(path, "expected a list of rules, got " + Numbers.describe(inner)));
                return null;
            }
            if (list.isEmpty()) {
                problems.add(new Problem(path, "\"" + kind + "\" needs at least one rule"));
                return null;
            }
            List<Rule> children = new ArrayList<>(list.size());
            boolean ok = true;
            for (int i = 0; i < list.size(); i++) {
                if (nodes > RuleLimits.MAX_NODES) {
                    return null;
                }
                Rule child = node(list.get(i), path + "/" + i, depth + 1);
                if (child == null) {
                    ok = false;
                } else {
                    children.add(child);
                }
            }
            if (!ok) {
                return null;
            }
            return kind.equals("and") ? Rule.and(children) : Rule.or(children);
        }

    }
}
