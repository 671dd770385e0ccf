package io.minicrm.application.support;

import io.minicrm.application.port.SharedRateLimit;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Permission to send messages to the vendor: waits until {@code permits} messages may go. */
@FunctionalInterface
public interface SendPermits {
    /** Waits until {@code permits} messages may be sent. */
    void acquire(int permits) throws InterruptedException;

    /**
     * This instance's own limit, then the limit every instance shares: a message goes when both allow it. The
     * shared bucket is asked again after each wait (others may have taken the tokens meanwhile), with a little
     * jitter so that waiting callers do not all ask at the same moment.
     */
    static SendPermits of(SendPermits own, SharedRateLimit shared) {
        if (shared == SharedRateLimit.NONE) {
            return own;
        }
        return permits -> {
            own.acquire(permits);
            for (Duration wait = shared.tryAcquire(permits); !wait.isZero(); wait = shared.tryAcquire(permits)) {
                long nanos = Math.max(0, wait.toNanos());
                TimeUnit.NANOSECONDS.sleep(nanos + ThreadLocalRandom.current().nextLong(nanos / 10 + 1_000_000));
            }
        };
    }
}
