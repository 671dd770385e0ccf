package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.Heartbeat;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Entries held by another instance: kept while it sends heartbeats, however long it takes; taken over within
 * dead-after once its heartbeats stop.
 */
class DeadInstanceTakeoverTest {
    private static final ClusterSettings FAST = new ClusterSettings(Duration.ofMillis(100), Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofSeconds(30));
    private final String prefix = "takeover-" + UUID.randomUUID().toString().substring(0, 8);
    private final String url = RedisTestServer.sharedUrl();
    private final RedisClient redis = RedisClient.create(URI.create(url));
    private final RedisInstanceRegistry registry = new RedisInstanceRegistry(redis, prefix);
    private final CountDownLatch release = new CountDownLatch(1);
    private RedisWorkQueue a;
    private RedisWorkQueue b;
    private Heartbeat beatA;
    private Heartbeat beatB;

    @AfterEach
    void close() {
        release.countDown();
        for (AutoCloseable c : new AutoCloseable[] {beatA, beatB, a, b}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        redis.close();
    }

    private RedisWorkQueue instance(String id) {
        return RedisWorkQueue.connect(url, id, RedisQueueSettings.defaults().withKeyPrefix(prefix), Metrics.NONE)
                .takeOverFrom(registry, FAST.heartbeatInterval());
    }

    private Heartbeat heartbeat(String id) {
        Heartbeat h = new Heartbeat(registry, FAST, id, () -> InstanceReport.idle(id, Instant.EPOCH));
        h.start();
        return h;
    }

    @Test
    void aSlowLiveInstanceKeepsItsEntries_aDeadOneLosesThemWithinDeadAfter() throws Exception {
        a = instance("inst-a");
        b = instance("inst-b");
        beatA = heartbeat("inst-a");
        beatB = heartbeat("inst-b");
        a.publish("jobs", IntStream.range(0, 20).mapToObj(i -> new QueueMessage(Map.of("name", "m" + i))).toList());
        CountDownLatch aHolds = new CountDownLatch(1);
        a.subscribe("jobs", "workers", new WorkQueue.ConsumerSettings(20, Duration.ofMillis(50), 1, 5,
                FAST.reclaimIdle()), batch -> {
                    aHolds.countDown();
                    release.await(60, TimeUnit.SECONDS); // very slow, but alive
                    return WorkQueue.Outcome.OK;
                });
        assertThat(aHolds.await(10, TimeUnit.SECONDS)).isTrue();
        IdempotentSink sink = new IdempotentSink();
        b.subscribe("jobs", "workers", new WorkQueue.ConsumerSettings(20, Duration.ofMillis(50), 2, 5,
                FAST.reclaimIdle()), sink.handler("b"));
        await().atMost(Duration.ofSeconds(5)).until(() -> a.heldByInstance("jobs", "workers").orElseThrow()
                .equals(Map.of("inst-a", 20L)));

        Thread.sleep(3 * FAST.deadAfter().toMillis()); // a is slow for three dead-after times: its entries stay its own
        assertThat(sink.effects).isEmpty();
        assertThat(b.heldByInstance("jobs", "workers").orElseThrow()).isEqualTo(Map.of("inst-a", 20L));

        long killed = System.nanoTime(); // a crashes: no more heartbeats, nothing acknowledged
        beatA.abort();
        a.abort();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> sink.effects.size() == 20);
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertThat(tookMillis).as("taken over within dead-after (500 ms) + a margin").isLessThan(500 + 1000);
        assertThat(sink.effects.keySet()).containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 20));
        assertThat(sink.duplicates()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> b.heldByInstance("jobs", "workers").orElseThrow().isEmpty());
        assertThat(b.stats("jobs", "workers").pending()).isZero();
        System.out.printf("entries of the dead instance taken over %d ms after it died (dead-after %d ms)%n", tookMillis,
                FAST.deadAfter().toMillis());
    }
}
