package io.minicrm.domain.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * How failed deliveries are retried: up to {@code maxAttempts} attempts in all, waiting
 * {@code baseDelay * 2^(n-1)} after the n-th failure (at most {@code maxDelay}), spread by
 * +/- {@code jitter} (a fraction). The jitter is derived from the delivery id and attempt, so the
 * schedule is a pure function of its inputs.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter) {
    /** 3 attempts, 2 s before the first retry, doubling up to 10 minutes, +/- 20 %: the server's and the library's default. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofMinutes(10), 0.2);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10");
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** Whether a retryable failure of attempt {@code failedAttempt} may be tried again. */
    public boolean mayRetryAfter(int failedAttempt) {
        return failedAttempt < maxAttempts;
    }

    /** When attempt {@code failedAttempt + 1} may be sent. */
    public Instant nextAttemptAt(DeliveryId id, int failedAttempt, Instant now) {
        long base = baseDelay.toMillis();
        int shift = Math.min(failedAttempt - 1, 30);
        long delay = Math.min(maxDelay.toMillis(), base << shift);
        if (delay < 0) {
            delay = maxDelay.toMillis();
        }
        // deterministic spread in [-jitter, +jitter]
        int h = (id.value().hashCode() * 31 + failedAttempt) * 0x9E3779B1;
        double unit = ((h >>> 1) / (double) Integer.MAX_VALUE) * 2 - 1;
        long spread = Math.round(delay * jitter * unit);
        return now.plusMillis(Math.max(0, delay + spread));
    }
}
