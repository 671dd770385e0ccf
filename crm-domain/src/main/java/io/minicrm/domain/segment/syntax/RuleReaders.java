package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One entry point for the three spellings of a rule: canonical JSON (an object), legacy rule groups (a list),
 * or {@code {"dsl": "text"}}, given as a plain tree ({@link #readAny}) or as JSON text ({@link #readJson}); and
 * any text, JSON or DSL ({@link #readText}). Every method returns a valid rule within
 * {@link io.minicrm.domain.segment.RuleLimits} or throws an {@link InvalidRuleException} listing every problem
 * with its path.
 */
public final class RuleReaders {
    /** The last problem of a capped report ({@link Problem#andMore}), which concerns no place in the text. */
    private static final Pattern MORE_PROBLEMS = Pattern.compile("and \\d+ more problems?");

    private RuleReaders() {
    }

    /**
     * Reads a rule from a plain tree ({@code Map}/{@code List}/{@code String}/{@code Number}/{@code Boolean}/
     * {@code null}, as a JSON parser gives it): an object is canonical JSON or {@code {"dsl": "..."}}, a list is
     * legacy rule groups, a string is DSL text.
     *
     * @throws InvalidRuleException with every problem and its path
     */
    public static Rule readAny(Object tree) {
        if (tree instanceof List<?>) {
            return LegacyRuleReader.read(tree);
        }
        if (isDsl(tree)) {
            Map<?, ?> map = (Map<?, ?>) tree;
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

    /**
     * Reads a rule from JSON text in any of its JSON spellings: canonical ({@code {"and": [...]}}), legacy rule
     * groups ({@code [{"condition": "AND", "rules": [...]}]}) or {@code {"dsl": "..."}}. The text must be strict
     * JSON (RFC 8259; duplicate keys are refused) of at most
     * {@link io.minicrm.domain.segment.RuleLimits#MAX_JSON_LENGTH} characters. Each problem's message starts with
     * the line and column of the value it concerns ({@code line 3, column 14: unknown operator "gtx"...}); its
     * path is the same as for the tree ({@code /and/1/op}).
     *
     * @throws InvalidRuleException when the text is not JSON or not a valid rule
     */
    public static Rule readJson(String json) {
        Object tree = JsonTextReader.read(json);
        try {
            return readAny(tree);
        } catch (InvalidRuleException e) {
            throw located(json, isDsl(tree), e);
        }
    }

    /**
     * Reads a rule from text in any spelling: JSON when it starts (after white space) with <code>{</code>, {@code [} or
     * {@code "} (see {@link #readJson}), otherwise DSL ({@link DslParser#parse}). No DSL rule starts with one of
     * those, so the choice is never ambiguous.
     *
     * @throws InvalidRuleException when the text is not a valid rule
     */
    public static Rule readText(String text) {
        if (text != null) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '{' || c == '[' || c == '"') {
                    return readJson(text);
                }
                if (!Character.isWhitespace(c)) {
                    break;
                }
            }
        }
        return DslParser.parse(text);
    }

    private static boolean isDsl(Object tree) {
        return tree instanceof Map<?, ?> map && map.containsKey("dsl");
    }

    /** The same problems, each message led by the line and column of its path in {@code json}. */
    private static InvalidRuleException located(String json, boolean dsl, InvalidRuleException e) {
        List<String> paths = new ArrayList<>();
        for (Problem p : e.problems()) {
            paths.add(p.path());
        }
        Map<String, int[]> at = JsonTextReader.locate(json, paths);
        List<Problem> out = new ArrayList<>(e.problems().size());
        for (Problem p : e.problems()) {
            int[] lc = at.get(p.path());
            // DSL problems already name their line and column inside the DSL text
            boolean inDsl = dsl && (p.path().equals("/dsl") || p.path().startsWith("/dsl/"));
            boolean summary = p.path().isEmpty() && MORE_PROBLEMS.matcher(p.message()).matches();
            out.add(lc == null || inDsl || summary ? p
                    : new Problem(p.path(), "line " + lc[0] + ", column " + lc[1] + ": " + p.message()));
        }
        return new InvalidRuleException(out);
    }
}
