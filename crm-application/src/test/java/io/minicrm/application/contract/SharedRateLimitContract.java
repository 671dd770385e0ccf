package io.minicrm.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.port.SharedRateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SharedRateLimit}: the burst is granted at once, then callers are told how long to wait
 * (and nothing is taken), every client of one bucket draws from the same tokens, a request beyond the burst is
 * granted when the bucket is full, and however many clients ask concurrently, the permits granted by any moment
 * never exceed {@code burst + rate * elapsed}.
 */
public abstract class SharedRateLimitContract {

    /** A fresh bucket of {@code rate} permits per second and {@code burst}; each call a new bucket. */
    protected abstract SharedRateLimit newBucket(double rate, double burst);

    /** Another client of the bucket {@link #newBucket} made last, as another process would have. */
    protected abstract SharedRateLimit sameBucket();

    @Test
    void theBurst_isGrantedAtOnce_thenCallersAreToldHowLongToWait_andNothingIsTaken() {
        SharedRateLimit bucket = newBucket(100, 50);
        assertThat(bucket.tryAcquire(50)).isEqualTo(Duration.ZERO);
        assertThat(bucket.tryAcquire(20).toMillis()).as("20 permits at 100/s").isBetween(150L, 210L);
        assertThat(bucket.tryAcquire(20).toMillis()).as("the refused request took nothing").isBetween(150L, 210L);
    }

    @Test
    void tokensRefillAtTheRate_upToTheBurst() throws InterruptedException {
        SharedRateLimit bucket = newBucket(200, 20);
        assertThat(bucket.tryAcquire(20)).isEqualTo(Duration.ZERO);
        TimeUnit.MILLISECONDS.sleep(150); // 30 tokens' worth, capped at the burst of 20
        assertThat(bucket.tryAcquire(20)).isEqualTo(Duration.ZERO);
        assertThat(bucket.tryAcquire(1)).isGreaterThan(Duration.ZERO);
    }

    @Test
    void aRequestBeyondTheBurst_isGrantedWhenTheBucketIsFull_andThoseAfterItWait() {
        SharedRateLimit bucket = newBucket(100, 10);
        assertThat(bucket.tryAcquire(30)).isEqualTo(Duration.ZERO);
        assertThat(bucket.tryAcquire(1).toMillis()).as("21 tokens short at 100/s").isBetween(170L, 220L);
    }

    @Test
    void twoClientsOfOneBucket_drawFromTheSameTokens() {
        SharedRateLimit first = newBucket(50, 10);
        SharedRateLimit second = sameBucket();
        assertThat(first.tryAcquire(10)).isEqualTo(Duration.ZERO);
        assertThat(second.tryAcquire(5).toMillis()).as("the first took the burst").isBetween(60L, 110L);
        assertThat(newBucket(50, 10).tryAcquire(10)).as("another bucket is another story").isEqualTo(Duration.ZERO);
    }

    @Test
    void concurrentClients_togetherNeverExceedTheBurstPlusTheRate() throws Exception {
        double rate = 400;
        double burst = 20;
        SharedRateLimit first = newBucket(rate, burst);
        List<SharedRateLimit> clients = List.of(first, sameBucket(), sameBucket(), sameBucket());
        record Grant(long atNanos, int permits) {
        }
        List<Grant> grants = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SharedRateLimit client = clients.get(t % clients.size());
                int permits = 1 + t % 5;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        for (Duration wait = client.tryAcquire(permits); !wait.isZero(); wait = client.tryAcquire(permits)) {
                            TimeUnit.NANOSECONDS.sleep(wait.toNanos());
                        }
                        grants.add(new Grant(System.nanoTime(), permits));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Grant> sorted = new ArrayList<>(grants);
        sorted.sort((x, y) -> Long.compare(x.atNanos(), y.atNanos()));
        long total = 0;
        for (Grant g : sorted) {
            total += g.permits();
            double elapsed = (g.atNanos() - start) / 1e9;
            // 20 ms of slack: the bucket's clock (e.g. Redis TIME) and ours are read at slightly different moments
            assertThat((double) total).as("permits granted by %.3f s", elapsed)
                    .isLessThanOrEqualTo(burst + rate * (elapsed + 0.02));
        }
        assertThat(total).as("every request was granted").isEqualTo(20L * (1 + 2 + 3 + 4 + 5 + 1 + 2 + 3));
        double lastAt = (sorted.get(sorted.size() - 1).atNanos() - start) / 1e9;
        assertThat(lastAt).as("the last grant waited for the rate").isGreaterThanOrEqualTo((total - burst) / rate - 0.02);
    }
}
