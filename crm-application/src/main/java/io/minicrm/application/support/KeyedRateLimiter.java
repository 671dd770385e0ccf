package io.minicrm.application.support;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-key (per principal) cost guard: a token bucket per key plus a daily cap per key.
 * {@link #tryAcquire} answers 0 when allowed, else the seconds to wait.
 */
public final class KeyedRateLimiter {
    private final double perMinute;
    private final int dailyCap;
    private final Clock clock;
    private final ConcurrentHashMap<String, RateLimiter> buckets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> daily = new ConcurrentHashMap<>();

    /**
     * @param perMinute requests per minute per key ({@code <= 0}: unlimited)
     * @param dailyCap  requests per UTC day per key ({@code <= 0}: unlimited)
     */
    public KeyedRateLimiter(double perMinute, int dailyCap, Clock clock) {
        this.perMinute = perMinute;
        this.dailyCap = dailyCap;
        this.clock = clock;
    }

    /** 0 when the request may go ahead (and it is counted), else seconds until it may. */
    public long tryAcquire(String key) {
        long today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toEpochDay();
        if (dailyCap > 0) {
            long[] slot = daily.computeIfAbsent(key, k -> new long[] {today, 0});
            synchronized (slot) {
                if (slot[0] != today) {
                    slot[0] = today;
                    slot[1] = 0;
                }
                if (slot[1] >= dailyCap) {
                    long secondsOfDay = clock.instant().getEpochSecond() % 86_400;
                    return 86_400 - secondsOfDay;
                }
            }
        }
        if (perMinute > 0) {
            RateLimiter bucket = buckets.computeIfAbsent(key, k -> new RateLimiter(perMinute / 60.0, Math.max(1, perMinute / 6)));
            long waitMillis = bucket.tryAcquire();
            if (waitMillis > 0) {
                return Math.max(1, (waitMillis + 999) / 1000);
            }
        }
        if (dailyCap > 0) {
            long[] slot = daily.get(key);
            synchronized (slot) {
                slot[1]++;
            }
        }
        return 0;
    }
}
