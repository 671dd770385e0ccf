package io.minicrm.application.port;

import java.time.Duration;

/**
 * A rate limit that every instance draws from together (e.g. the messages per second a vendor allows an
 * account): one token bucket of {@code rate} tokens per second holding at most {@code burst}, whatever the number
 * of instances. Permits are granted only when the bucket holds them at that moment (a request for more than the
 * burst is granted when the bucket is full, and takes it below zero), so however many callers ask, and however late
 * they come back, together they never get more than {@code burst + rate * t} permits in any {@code t} seconds.
 */
@FunctionalInterface
public interface SharedRateLimit {
    /** No limit. */
    SharedRateLimit NONE = permits -> Duration.ZERO;

    /**
     * Takes {@code permits} if the bucket holds them now and answers {@link Duration#ZERO}; otherwise takes nothing
     * and answers how long until it may hold them (ask again then: others may have taken them meanwhile).
     * @throws RuntimeException when the shared bucket cannot be reached (the caller tries again later)
     */
    Duration tryAcquire(int permits);
}
