package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the rule groups of the original Mini CRM frontend:
 * <pre>[{"condition": "AND", "rules": [{"field": "totalSpent", "operator": "greaterThan", "value": "10000"}]}, ...]</pre>
 * Each group combines its rules with its condition; groups are ANDed; a group without rules adds nothing
 * (the original frontend leaves one behind when a group is added and not filled), but a rule needs at
 * least one condition. Legacy field and operator names are mapped, and values given as strings are
 * coerced by the field's type.
 */
public final class LegacyRuleReader {
    private static final Set<String> GROUP_KEYS = Set.of("condition", "rules", "id");
    private static final int MAX_GROUPS = 50;

    private LegacyRuleReader() {
    }

    /** Reads legacy rule groups; throws an {@link io.minicrm.domain.segment.InvalidRuleException} listing every problem with its path. */
    public static Rule read(Object tree) {
        List<Problem> problems = new ArrayList<>();
        if (!(tree instanceof List<?> groups)) {
            throw new InvalidRuleException("", "expected a list of rule groups, got " + Numbers.describe(tree));
        }
        if (groups.isEmpty()) {
            throw new InvalidRuleException("", "at least one rule group is required");
        }
        if (groups.size() > MAX_GROUPS) {
            throw new InvalidRuleException("", "at most " + MAX_GROUPS + " rule groups are allowed");
        }
        JsonConditionReader reader = JsonConditionReader.legacy();
        List<Rule> out = new ArrayList<>();
        int conditions = 0;
        for (int g = 0; g < groups.size(); g++) {
            String gp = "/" + g;
            if (!(groups.get(g) instanceof Map<?, ?> group)) {
                problems.add(new Problem(gp, "expected a rule group object, got " + Numbers.describe(groups.get(g))));
                continue;
            }
            for (Object key : group.keySet()) {
                if (!(key instanceof String k) || !GROUP_KEYS.contains(k)) {
                    problems.add(new Problem(gp + "/" + Problem.segment(key), "unknown key; a group has condition and rules"));
                }
            }
            boolean isOr = false;
            Object cond = group.get("condition");
            if (cond == null) {
                problems.add(new Problem(gp + "/condition", "is required (AND or OR)"));
            } else if (cond instanceof String s && (s.equalsIgnoreCase("and") || s.equalsIgnoreCase("or"))) {
                isOr = s.toLowerCase(Locale.ROOT).equals("or");
            } else {
                problems.add(new Problem(gp + "/condition", "expected AND or OR, got " + Numbers.describe(cond)));
            }
            Object rulesRaw = group.get("rules");
            if (!(rulesRaw instanceof List<?> rules)) {
                problems.add(new Problem(gp + "/rules", "expected a list of rules, got " + Numbers.describe(rulesRaw)));
                continue;
            }
            if (rules.isEmpty()) {
                continue; // the frontend's "Add Condition Group" left empty: it adds nothing, as in the original
            }
            conditions += rules.size();
            if (conditions > RuleLimits.MAX_NODES) {
                problems.add(new Problem(gp + "/rules", "rule has more than " + RuleLimits.MAX_NODES + " nodes"));
                break;
            }
            List<Rule> members = new ArrayList<>();
            for (int r = 0; r < rules.size(); r++) {
                Rule c = condition(rules.get(r), gp + "/rules/" + r, reader, problems);
                if (c != null) {
                    members.add(c);
                }
            }
            if (members.size() == rules.size()) {
                out.add(isOr ? Rule.or(members) : Rule.and(members));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRuleException(problems);
        }
        if (out.isEmpty()) {
            throw new InvalidRuleException("", "every rule group is empty: add at least one rule (to target every"
                    + " customer, use the rule createdAt exists)");
        }
        return RuleLimits.requireWithin(Rule.and(out));
    }

    private static Rule condition(Object raw, String path, JsonConditionReader reader, List<Problem> problems) {
        if (!(raw instanceof Map<?, ?> map)) {
            problems.add(new Problem(path, "expected a rule object, got " + Numbers.describe(raw)));
            return null;
        }
        return reader.read(map, path, problems);
    }
}
