package io.minicrm.application.support;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket: {@code ratePerSecond} permits per second, bursts up to {@code burst}. Thread-safe.
 * A non-positive rate means unlimited.
 */
public final class RateLimiter implements SendPermits {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double ratePerSecond, double burst) {
        this.ratePerNano = ratePerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
        this.last = System.nanoTime();
    }

    public static RateLimiter unlimited() {
        return new RateLimiter(0, 1);
    }

    public boolean isUnlimited() {
        return ratePerNano <= 0;
    }

    /** Takes {@code permits}, waiting as long as needed. */
    @Override
    public void acquire(int permits) throws InterruptedException {
        long waitNanos = reserve(permits);
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }

    /**
     * Reserves {@code permits} now and returns how many nanoseconds the caller must wait before using them
     * (0: at once). Later callers wait behind it.
     */
    public long reserve(int permits) {
        if (isUnlimited()) {
            return 0;
        }
        synchronized (this) {
            refill();
            tokens -= permits;
            return tokens >= 0 ? 0 : (long) (-tokens / ratePerNano);
        }
    }

    /**
     * Takes {@code permits} if the bucket holds them now (or, for more than the burst, when it is full) and returns
     * 0; otherwise takes nothing and returns the nanoseconds until it may hold them.
     */
    public synchronized long tryAcquireNanos(int permits) {
        if (isUnlimited()) {
            return 0;
        }
        refill();
        double needed = Math.min(permits, burst);
        if (tokens >= needed) {
            tokens -= permits;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / ratePerNano));
    }

    /**
     * Takes one permit if available now; otherwise returns how many milliseconds until one is (and takes
     * nothing).
     */
    public synchronized long tryAcquire() {
        if (isUnlimited()) {
            return 0;
        }
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / ratePerNano / 1_000_000.0);
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
    }
}
