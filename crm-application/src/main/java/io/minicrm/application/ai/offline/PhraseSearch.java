package io.minicrm.application.ai.offline;

import io.minicrm.application.ai.offline.Phrases.Entry;
import io.minicrm.application.ai.offline.Phrases.Phrase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Reads one clause (no "and"/"or" in it) as a sequence of phrases, implicitly joined by "and":
 * "customers in Mumbai who spent more than 10k". At each position it tries every phrase, then a
 * negation ("not", "haven't", ...) of one, then skips a filler word ("who", "customers"); the first
 * reading that consumes the whole clause wins (memoised, so it stays linear in practice).
 */
final class PhraseSearch {
    private static final int MAX_OPEN_WORDS = 4;

    private record Candidate(Phrase phrase, int end) {
    }

    private final String text;
    private final int end;
    private final Map<Integer, Optional<List<Phrase>>> memo = new HashMap<>();
    private int furthest;

    private PhraseSearch(String text) {
        this.text = text;
        this.end = text.length();
    }

    /** The phrases of the whole clause, or the unread rest of it. */
    static Result read(String clause) {
        PhraseSearch s = new PhraseSearch(clause);
        Optional<List<Phrase>> phrases = s.from(0);
        return phrases.map(p -> new Result(p, null))
                .orElseGet(() -> new Result(null, clause.substring(Math.min(s.furthest, clause.length())).strip()));
    }

    record Result(List<Phrase> phrases, String unread) {
        boolean ok() {
            return phrases != null && !phrases.isEmpty();
        }
    }

    private Optional<List<Phrase>> from(int pos) {
        pos = skipBlank(pos);
        if (pos >= end) {
            return Optional.of(List.of());
        }
        Optional<List<Phrase>> known = memo.get(pos);
        if (known != null) {
            return known;
        }
        memo.put(pos, Optional.empty()); // no cycles: every step consumes text, but be safe
        Optional<List<Phrase>> result = Optional.empty();
        for (Candidate c : at(pos, 0)) {
            Optional<List<Phrase>> rest = from(c.end());
            if (rest.isPresent()) {
                List<Phrase> all = new ArrayList<>();
                all.add(c.phrase());
                all.addAll(rest.get());
                result = Optional.of(all);
                break;
            }
        }
        if (result.isEmpty()) {
            Matcher filler = Phrases.FILLER.matcher(text).region(pos, end);
            if (filler.lookingAt() && filler.end() > pos) {
                result = from(filler.end());
            }
        }
        if (result.isEmpty()) {
            furthest = Math.max(furthest, pos);
        }
        memo.put(pos, result);
        return result;
    }

    /** Every phrase that can start at {@code pos}, in priority order. */
    private List<Candidate> at(int pos, int negations) {
        List<Candidate> out = new ArrayList<>();
        for (Entry e : Phrases.ENTRIES) {
            Matcher m = e.regex().matcher(text).region(pos, end);
            if (!m.lookingAt()) {
                continue;
            }
            if (!e.open() || m.group("q") != null) {
                build(e, m, e.open() ? m.group("q") : null).ifPresent(p -> out.add(new Candidate(p, m.end())));
                continue;
            }
            int vs = m.start("v");
            int ve = m.end("v");
            int k = vs;
            int words = 0;
            while (k < ve && words < MAX_OPEN_WORDS) {
                int wordEnd = k;
                while (wordEnd < ve && !Character.isWhitespace(text.charAt(wordEnd))) {
                    wordEnd++;
                }
                String word = text.substring(k, wordEnd).toLowerCase(Locale.ROOT);
                if ((words > 0 || e.stopFirst()) && Phrases.STOP.contains(word)) {
                    break;
                }
                words++;
                int valueEnd = wordEnd;
                build(e, m, text.substring(vs, valueEnd)).ifPresent(p -> out.add(new Candidate(p, valueEnd)));
                k = wordEnd;
                while (k < ve && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
            }
        }
        if (negations < 2) {
            Matcher neg = Phrases.NEGATION.matcher(text).region(pos, end);
            if (neg.lookingAt() && neg.end() > pos) {
                for (Candidate c : at(neg.end(), negations + 1)) {
                    out.add(new Candidate(c.phrase().negated(), c.end()));
                }
            }
        }
        return out;
    }

    private static Optional<Phrase> build(Entry e, Matcher m, String value) {
        try {
            return Optional.of(e.builder().build(m, value));
        } catch (IllegalArgumentException | ArithmeticException notThisReading) {
            return Optional.empty();
        }
    }

    private int skipBlank(int pos) {
        while (pos < end && (Character.isWhitespace(text.charAt(pos)) || text.charAt(pos) == ',')) {
            pos++;
        }
        return pos;
    }
}
