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

    /** The same problem located under {@code prefix} (e.g. {@code /rules}). */
    public Problem under(String prefix) {
        return new Problem(prefix + path, message);
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
