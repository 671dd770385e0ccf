package io.minicrm.application.ai.offline;

import io.minicrm.application.ai.offline.Phrases.Phrase;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic reader of plain-English segment descriptions ("spent over 10k and haven't ordered in
 * 90 days, not tagged churned"), for when no language model is available. Clauses are joined by
 * "and"/"or" (and binds tighter), commas and "but"/"except"; a bare value continues the previous
 * phrase ("from Pune, Mumbai or Delhi", "tagged vip or gold"). Text already in the rule DSL is accepted
 * too. Anything it cannot read is a {@link ValidationException} (422) naming the words it stopped at
 * and the words it did understand (and what they mean), with a description that works and a list of
 * what it understands.
 */
final class EnglishRuleParser {
    static final int MAX_LENGTH = 1000;
    static final String HELP = "I understand phrasings such as: \"spent over 10,000\", \"total spend at least 2.5k\","
            + " \"spent between 1000 and 5000\", \"fewer than 3 visits\", \"more than 5 orders\", \"ordered at least twice\","
            + " \"never ordered\", \"haven't ordered in 90 days\", \"inactive for 3 months\", \"ordered in the last 30 days\","
            + " \"active in the last week\", \"joined in the last 7 days\", \"joined before 2024-01-01\", \"tagged vip\","
            + " \"with tag vip\", \"not tagged churned\", \"with no tags\", \"from Pune\", \"in Mumbai\", \"city is Delhi\","
            + " \"opted out\", \"subscribed\", \"name contains Raj\", \"email ends with @gmail.com\", \"with a gmail address\","
            + " \"with a phone number\", and custom attributes such as \"plan is gold\" or \"points over 500\";"
            + " combined with and / or (and binds tighter than or; no parentheses), commas, \"but not\", \"except\"."
            + " Amounts may be written 10k, 1,000, 1,00,000, 2.5L or 1 crore. Put values with spaces in double quotes"
            + " (tagged \"big spender\"). You can also write the rule itself, e.g. totalSpent > 10000 and city = \"Pune\".";

    /** Descriptions that work (a test reads each), offered when one does not. */
    static final String EXAMPLE = "\"people who spent over \u20b95000 in the last 30 days\" or \"haven't ordered in 90 days"
            + " and tagged vip, not from Pune\"";
    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
    private static final String N = "(" + Amounts.NUM + ")";
    private static final Pattern SEPARATOR = Pattern.compile(
            "(?iu)\\s*(?:(?<![\\d]),|,(?!\\d)|;)\\s*(?:(?<cw>and|or)(?![\\p{L}\\p{N}])\\s*)?|\\s+(?<w>and|or)(?![\\p{L}\\p{N}])\\s*");
    private static final Pattern BARE = Pattern.compile(
            "(?u)\"[^\"]{1,256}\"|#?[\\p{L}\\p{N}][\\p{L}\\p{N}_.@'+\\-]*(?:\\s+[\\p{L}\\p{N}][\\p{L}\\p{N}_.@'+\\-]*){0,3}");

    private enum Sep { AND, OR, COMMA }

    private EnglishRuleParser() {
    }

    /** @throws ValidationException (422) when the description cannot be read, with what is understood */
    static Rule parse(String description) {
        if (description == null || description.isBlank()) {
            throw new ValidationException("/description", "is required. " + HELP);
        }
        if (description.length() > MAX_LENGTH) {
            throw new ValidationException("/description", "longer than " + MAX_LENGTH + " characters");
        }
        String text = normalise(description);
        try {
            return DslParser.parse(text);
        } catch (InvalidRuleException notDsl) {
            // plain English, most likely
        }
        Rule rule = english(rewrite(text));
        try {
            // the domain's own limits (days, lengths, node counts) apply to what we built
            return CanonicalRuleReader.read(CanonicalRuleWriter.write(rule));
        } catch (InvalidRuleException e) {
            List<Problem> problems = new ArrayList<>();
            problems.add(new Problem("/description", "understood, but the resulting rule is not valid"));
            e.problems().forEach(p -> problems.add(p.under("/rules")));
            throw new ValidationException(problems);
        }
    }

    static String normalise(String s) {
        String t = s.replace('\u201c', '"').replace('\u201d', '"').replace('\u201e', '"')
                .replace('\u2018', '\'').replace('\u2019', '\'')
                .replace('\u2013', '-').replace('\u2014', '-')
                .replaceAll("\\s+", " ").strip();
        t = t.replaceAll("[.!?]+$", "").strip();
        if (t.startsWith("(") && t.endsWith(")") && t.indexOf('(', 1) < 0) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** Phrases that contain "and"/"or" but are one idea, rewritten before splitting. */
    static String rewrite(String t) {
        t = t.replaceAll("(?iu)\\bneither\\s+(.+?)\\s+nor\\s+(.+)", "not $1 and not $2");
        t = t.replaceAll("(?iu)\\b(?:either|both)\\s+", "");
        t = t.replaceAll("(?iu)\\band\\s*/\\s*or\\b", "or");
        t = t.replaceAll("\\s*&\\s*", " and ");
        t = t.replaceAll("(?iu)\\bas\\s+well\\s+as\\b", "and");
        t = t.replaceAll("(?iu),?\\s*\\b(?:but\\s+not|except(?:\\s+for)?|excluding|other\\s+than)\\s+(?:those\\s+|customers\\s+"
                + "|people\\s+|anyone\\s+|ones\\s+)?(?:(?:who|that)\\s+(?:are\\s+)?)?", " and not ");
        t = t.replaceAll("(?iu)\\bbut\\b", "and");
        t = t.replaceAll("(?iu)" + N + "\\s+(?:or|and)\\s+(?:more|above|over|greater|higher|up)\\b(?!\\s+(?:than|of|to)\\b)(?!\\s*[\\d\u20b9$])", ">= $1");
        t = t.replaceAll("(?iu)" + N + "\\s+(?:or|and)\\s+(?:less|fewer|below|under|lower)\\b(?!\\s+(?:than|of|to)\\b)(?!\\s*[\\d\u20b9$])", "<= $1");
        t = t.replaceAll("(?iu)" + N + "\\s*\\+", ">= $1");
        t = t.replaceAll("(?iu)\\bbetween\\s+" + N + "\\s+(?:and|to|-)\\s+" + N, "between $1 ~ $2");
        t = t.replaceAll("(?iu)\\bfrom\\s+" + N + "\\s+(?:to|-)\\s+" + N, "between $1 ~ $2");
        return t.replaceAll("\\s+", " ").strip();
    }

    private record Segment(Sep sep, String text) {
    }

    /** One clause's phrases, plus values continuing its last phrase. */
    private static final class Unit {
        final List<Phrase> phrases;
        final List<String> more = new ArrayList<>();
        boolean sawAnd;
        boolean sawOr;

        Unit(List<Phrase> phrases) {
            this.phrases = phrases;
        }

        boolean continuable() {
            return phrases.get(phrases.size() - 1).more() != null;
        }

        Rule rule() {
            List<Rule> rules = new ArrayList<>();
            for (int i = 0; i < phrases.size(); i++) {
                Phrase p = phrases.get(i);
                if (i == phrases.size() - 1 && !more.isEmpty()) {
                    List<String> values = new ArrayList<>();
                    values.add(firstValue(p));
                    values.addAll(more);
                    rules.add(p.more().with(values, sawAnd && !sawOr));
                } else {
                    rules.add(p.rule());
                }
            }
            return RuleMaking.and(rules);
        }
    }

    private static Rule english(String text) {
        List<Segment> segments = split(text);
        List<Unit> units = new ArrayList<>();
        List<Sep> joins = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> understood = new ArrayList<>();
        for (Segment s : segments) {
            PhraseSearch.Result r = PhraseSearch.read(s.text());
            if (r.ok()) {
                if (!units.isEmpty()) {
                    joins.add(s.sep());
                }
                units.add(new Unit(r.phrases()));
                understood.add(meaning(s.text(), r.phrases()));
            } else if (!units.isEmpty() && units.get(units.size() - 1).continuable() && BARE.matcher(s.text()).matches()) {
                Unit u = units.get(units.size() - 1);
                u.more.add(unquote(s.text()));
                u.sawAnd |= s.sep() == Sep.AND;
                u.sawOr |= s.sep() == Sep.OR;
            } else {
                String where = r.unread() == null || r.unread().isEmpty() || r.unread().equals(s.text()) ? "" : " (stuck at \""
                        + shorten(r.unread()) + "\")";
                problems.add(new Problem("/description", "could not understand \"" + shorten(s.text()) + "\"" + where));
                understoodBefore(s.text(), r.unread()).ifPresent(understood::add);
            }
        }
        if (!problems.isEmpty() || units.isEmpty()) {
            if (problems.isEmpty()) {
                problems.add(new Problem("/description", "found no condition in \"" + shorten(text) + "\""));
            }
            problems.add(new Problem("/description", understood.isEmpty() ? "understood none of its conditions"
                    : "understood " + String.join("; ", understood)));
            problems.add(new Problem("/description", "for example, this works: " + EXAMPLE));
            problems.add(new Problem("/description", HELP));
            throw new ValidationException(problems);
        }
        List<Rule> ors = new ArrayList<>();
        List<Rule> current = new ArrayList<>();
        current.add(units.get(0).rule());
        for (int i = 1; i < units.size(); i++) {
            if (joins.get(i - 1) == Sep.OR) {
                ors.add(RuleMaking.and(current));
                current = new ArrayList<>();
            }
            current.add(units.get(i).rule());
        }
        ors.add(RuleMaking.and(current));
        return RuleMaking.or(ors);
    }

    /** {@code "the words" as the rule they mean}. */
    private static String meaning(String words, List<Phrase> phrases) {
        return "\"" + shorten(words) + "\" as " + DslPrinter.print(RuleMaking.and(phrases.stream().map(Phrase::rule).toList()));
    }

    /** The words of a clause before the ones it got stuck at, when they make sense on their own. */
    private static java.util.Optional<String> understoodBefore(String clause, String unread) {
        if (unread == null || unread.isEmpty() || unread.length() >= clause.length()) {
            return java.util.Optional.empty();
        }
        String head = clause.substring(0, clause.length() - unread.length()).strip();
        PhraseSearch.Result r = head.isEmpty() ? null : PhraseSearch.read(head);
        return r != null && r.ok() ? java.util.Optional.of(meaning(head, r.phrases())) : java.util.Optional.empty();
    }

    /** Splits at and / or / commas / semicolons outside double quotes. */
    private static List<Segment> split(String text) {
        List<int[]> quoted = new ArrayList<>();
        Matcher q = QUOTED.matcher(text);
        while (q.find()) {
            quoted.add(new int[] {q.start(), q.end()});
        }
        List<Segment> out = new ArrayList<>();
        Matcher m = SEPARATOR.matcher(text);
        int start = 0;
        Sep pending = Sep.AND;
        while (m.find()) {
            int at = m.start();
            if (m.end() == m.start() || quoted.stream().anyMatch(r -> at >= r[0] && at < r[1])) {
                continue;
            }
            add(out, pending, text.substring(start, m.start()));
            String word = m.group("w") != null ? m.group("w") : m.group("cw");
            pending = word == null ? Sep.COMMA : word.equalsIgnoreCase("or") ? Sep.OR : Sep.AND;
            start = m.end();
        }
        add(out, pending, text.substring(start));
        return out;
    }

    private static void add(List<Segment> out, Sep sep, String piece) {
        String p = piece.strip();
        if (!p.isEmpty()) {
            out.add(new Segment(out.isEmpty() ? Sep.AND : sep, p));
        }
    }

    private static String firstValue(Phrase p) {
        Rule r = p.rule();
        if (r instanceof Rule.Not n) {
            r = n.rule();
        }
        if (r instanceof Condition c) {
            Object v = CanonicalRuleWriter.value(c.operand());
            return String.valueOf(v instanceof BigDecimal d ? d.toPlainString() : v);
        }
        throw new IllegalStateException("a continuable phrase is a condition");
    }

    private static String unquote(String s) {
        String t = s.strip();
        if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
            return t.substring(1, t.length() - 1);
        }
        return t.startsWith("#") ? t.substring(1) : t;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
