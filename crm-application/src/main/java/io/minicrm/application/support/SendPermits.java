package io.minicrm.application.support;

import io.minicrm.application.port.SharedRateLimit;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Permission to send messages to the vendor: waits until {@code permits} messages may go. */
@FunctionalInterface
public interface SendPermits {
    /** Waits until {@code permits} messages may be sent. */
    void acquire(int permits) throws InterruptedException;

    /**
     * This instance's own limit, then the limit every instance shares (each waits in turn): a message goes when
     * both allow it.
     */
    static SendPermits of(SendPermits own, SharedRateLimit shared) {
        if (shared == SharedRateLimit.NONE) {
            return own;
        }
        return permits -> {
            own.acquire(permits);
            Duration wait = shared.reserve(permits);
            if (!wait.isZero() && !wait.isNegative()) {
                TimeUnit.NANOSECONDS.sleep(wait.toNanos());
            }
        };
    }
}
