package io.minicrm.domain.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One thing wrong with an input: where ({@code path}, a JSON-pointer-like location such as
 * {@code /and/1/or/0/value}; empty for the whole input) and what ({@code message}).
 */
public record Problem(String path, String message) {
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A path segment naming a map key of untrusted input: the key itself when it is a string (shortened
     * past 64 characters), otherwise a short description ({@code an object}, {@code a list}, {@code 12}).
     * Never the key's full {@code toString()}, which may be huge or nested deeply enough to overflow the stack.
     */
    public static String segment(Object key) {
        if (key instanceof String s) {
            return s.length() > 64 ? s.substring(0, 64) + "..." : s;
        }
        return Numbers.describe(key);
    }

    /**
     * At most {@code max} of {@code problems}: the first {@code max - 1} and, when there are more, one last
     * problem saying how many were left out ({@code "and N more problems"}). The list is never copied whole, so
     * a report stays small however much was wrong.
     */
    public static List<Problem> capped(List<Problem> problems, int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be >= 2");
        }
        if (problems.size() <= max) {
            return List.copyOf(problems);
        }
        List<Problem> out = new ArrayList<>(max);
        out.addAll(problems.subList(0, max - 1));
        out.add(andMore(problems.size() - (max - 1)));
        return List.copyOf(out);
    }

    /** The problem that stands for {@code n} problems left out of a report. */
    public static Problem andMore(long n) {
        return new Problem("", "and " + n + " more problem" + (n == 1 ? "" : "s"));
    }

    /** The same problem located under {@code prefix} (e.g. {@code /rules}). */
    public Problem under(String prefix) {
        return new Problem(prefix + path, message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
