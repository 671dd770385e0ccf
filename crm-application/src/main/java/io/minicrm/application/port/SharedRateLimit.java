package io.minicrm.application.port;

import java.time.Duration;

/**
 * A rate limit that every instance draws from together (e.g. the messages per second a vendor allows an
 * account): one token bucket, whatever the number of instances. Permits are reserved in turn: the answer is
 * how long the caller must wait before it uses them, so callers on every instance queue up fairly and, together,
 * never use more than {@code burst + rate * t} permits in any {@code t} seconds.
 */
@FunctionalInterface
public interface SharedRateLimit {
    /** No limit. */
    SharedRateLimit NONE = permits -> Duration.ZERO;

    /**
     * Reserves {@code permits}; returns how long to wait before using them ({@link Duration#ZERO}: now).
     * @throws RuntimeException when the shared bucket cannot be reached (the caller tries again later)
     */
    Duration reserve(int permits);
}
