package io.minicrm.adapter.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter between a minimum and a maximum pause. Not thread-safe. */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long current;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.current = minMillis;
    }

    /** The next pause: the current step, jittered to 50..100 %, then the step doubles. */
    long nextMillis() {
        long step = current;
        current = Math.min(maxMillis, current * 2);
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    void reset() {
        current = minMillis;
    }

    /** The delay before delivery {@code deliveries + 1} of a failed message: {@code base * 2^(deliveries-1)}, capped. */
    static long retryDelayMillis(Duration base, Duration max, int deliveries) {
        int shift = Math.max(0, Math.min(deliveries - 1, 20));
        return Math.min(max.toMillis(), base.toMillis() << shift);
    }
}
