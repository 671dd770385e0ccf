package io.minicrm.adapter.mongo.support;

import java.util.concurrent.ThreadLocalRandom;

/** Back-off between compare-and-set attempts: none at first, then a short random pause. */
public final class Retry {
    private Retry() {
    }

    /** Sleeps before attempt {@code attempt} (0-based): not at all for the first two, then up to ~20 ms. */
    public static void pause(int attempt) {
        if (attempt < 2) {
            return;
        }
        long maxMicros = Math.min(20_000L, 100L << Math.min(attempt, 8));
        try {
            long micros = ThreadLocalRandom.current().nextLong(maxMicros / 2, maxMicros + 1);
            Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
