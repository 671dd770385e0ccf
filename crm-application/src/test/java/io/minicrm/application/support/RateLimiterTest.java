package io.minicrm.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    @Test
    void aBucket_allowsItsBurst_thenSaysHowLongToWait() {
        RateLimiter bucket = new RateLimiter(1, 3);
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isZero();
        assertThat(bucket.tryAcquire()).isBetween(1L, 1000L);
        assertThat(RateLimiter.unlimited().tryAcquire()).isZero();
    }

    @Test
    void acquire_waitsForThePermits() throws InterruptedException {
        RateLimiter bucket = new RateLimiter(100, 1);
        long start = System.nanoTime();
        bucket.acquire(1);
        bucket.acquire(10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void aKeyedLimiter_limitsEachKeySeparately_perMinuteAndPerDay() {
        TestClock clock = new TestClock(Instant.parse("2025-06-01T23:00:00Z"));
        KeyedRateLimiter limiter = new KeyedRateLimiter(600, 3, clock);

        assertThat(limiter.tryAcquire("ann")).isZero();
        assertThat(limiter.tryAcquire("ann")).isZero();
        assertThat(limiter.tryAcquire("ann")).isZero();
        assertThat(limiter.tryAcquire("ann")).as("daily cap: seconds until midnight UTC").isEqualTo(3600);
        assertThat(limiter.tryAcquire("bob")).isZero();

        clock.advance(Duration.ofHours(1));
        assertThat(limiter.tryAcquire("ann")).as("a new day").isZero();

        KeyedRateLimiter perMinute = new KeyedRateLimiter(6, 0, clock);
        assertThat(perMinute.tryAcquire("ann")).isZero();
        assertThat(perMinute.tryAcquire("ann")).isBetween(1L, 10L);
    }
}
