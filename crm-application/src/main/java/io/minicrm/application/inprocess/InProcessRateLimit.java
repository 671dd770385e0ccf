package io.minicrm.application.inprocess;

import io.minicrm.application.port.SharedRateLimit;
import io.minicrm.application.support.RateLimiter;
import java.time.Duration;

/**
 * The {@link SharedRateLimit} of one process: a token bucket in memory, shared by every dispatcher of this
 * process (and of every {@code CrmServices} given the same instance).
 */
public final class InProcessRateLimit implements SharedRateLimit {
    private final RateLimiter bucket;

    /** {@code ratePerSecond} permits per second (> 0), bursts of up to {@code burst}. */
    public InProcessRateLimit(double ratePerSecond, double burst) {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0, was " + ratePerSecond);
        }
        this.bucket = new RateLimiter(ratePerSecond, burst);
    }

    @Override
    public Duration tryAcquire(int permits) {
        return Duration.ofNanos(bucket.tryAcquireNanos(permits));
    }
}
