package io.minicrm.application.port;

/**
 * A page to read: at most {@code limit} items after {@code cursor} (null for the first page).
 * Cursors are opaque strings made by the store; callers pass back what a {@link Page} gave them. A store
 * answers a cursor it did not make with a {@link io.minicrm.domain.shared.ValidationException} (bad input,
 * path {@code /cursor}).
 */
public record PageRequest(String cursor, int limit) {
    public static final int MAX_LIMIT = 1000;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, limit);
    }
}
