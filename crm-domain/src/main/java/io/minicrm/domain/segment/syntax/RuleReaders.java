package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.Numbers;
import java.util.List;
import java.util.Map;

/**
 * One entry point for the three spellings of a rule, given as a plain tree: canonical JSON (an
 * object), legacy rule groups (a list), or {@code {"dsl": "text"}}.
 */
public final class RuleReaders {
    private RuleReaders() {
    }

    public static Rule readAny(Object tree) {
        if (tree instanceof List<?>) {
            return LegacyRuleReader.read(tree);
        }
        if (tree instanceof Map<?, ?> map && map.containsKey("dsl")) {
            if (map.size() != 1) {
                throw new InvalidRuleException("", "{\"dsl\": \"...\"} takes no other keys");
            }
            Object text = map.get("dsl");
            if (!(text instanceof String s)) {
                throw new InvalidRuleException("/dsl", "expected the rule as text, got " + Numbers.describe(text));
            }
            try {
                return DslParser.parse(s);
            } catch (InvalidRuleException e) {
                throw e.under("/dsl");
            }
        }
        if (tree instanceof String s) {
            return DslParser.parse(s);
        }
        return CanonicalRuleReader.read(tree);
    }
}
