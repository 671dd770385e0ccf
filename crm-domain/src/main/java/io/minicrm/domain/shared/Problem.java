package io.minicrm.domain.shared;

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

    /** The same problem located under {@code prefix} (e.g. {@code /rules}). */
    public Problem under(String prefix) {
        return new Problem(prefix + path, message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
