package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/** Poison entries end in the dead-letter stream after N deliveries and never block the others. */
class DeadLetterTest {
    private final String prefix = "dead-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "jobs";
    private final String group = "workers";
    private final String url = RedisTestServer.sharedUrl();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RedisClient redis = RedisClient.create(URI.create(url));
    private final RedisWorkQueue queue = RedisWorkQueue.connect(url, "dl", RedisQueueSettings.defaults().withKeyPrefix(prefix),
            metrics);

    @AfterEach
    void close() {
        queue.close();
        redis.close();
    }

    private static List<QueueMessage> messages(int n) {
        return IntStream.range(0, n).mapToObj(i -> new QueueMessage(Map.of("name", "m" + i, "body", "b" + i))).toList();
    }

    @Test
    void aPoisonEntry_isDeadLetteredWithItsFieldsAndError_afterMaxDeliveries_whileTheOthersAreHandledOnce() {
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, new WorkQueue.ConsumerSettings(10, Duration.ofMillis(100), 1, 4,
                Duration.ofMinutes(10)), batch -> {
                    seen.addAll(batch);
                    Map<String, String> failed = new HashMap<>();
                    batch.stream().filter(d -> "poison".equals(d.message().get("name")))
                            .forEach(d -> failed.put(d.id(), "unparseable row 7"));
                    return new WorkQueue.Outcome(failed);
                });
        List<QueueMessage> batch = new ArrayList<>(messages(20));
        batch.add(5, new QueueMessage(Map.of("name", "poison", "body", "{not json")));
        queue.publish(topic, batch);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(queue.deadLetters(topic, 10)).hasSize(1));
        WorkQueue.DeadLetter dead = queue.deadLetters(topic, 10).get(0);
        assertThat(dead.message()).isEqualTo(new QueueMessage(Map.of("name", "poison", "body", "{not json")));
        assertThat(dead.deliveries()).isEqualTo(4);
        assertThat(dead.error()).isEqualTo("unparseable row 7");
        assertThat(seen.stream().filter(d -> d.message().get("name").equals("poison")).map(WorkQueue.Delivered::deliveries))
                .containsExactly(1, 2, 3, 4);
        assertThat(seen.stream().filter(d -> !d.message().get("name").equals("poison")).map(d -> d.message().get("name")))
                .containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 20));
        assertThat(dead.id()).isEqualTo(seen.stream().filter(d -> d.message().get("name").equals("poison")).findFirst()
                .orElseThrow().id());

        List<StreamEntry> raw = redis.xrange(prefix + ":dead:" + topic, "-", "+");
        assertThat(raw).hasSize(1);
        assertThat(raw.get(0).getFields()).containsEntry("f.name", "poison").containsEntry("f.body", "{not json")
                .containsEntry("error", "unparseable row 7").containsEntry("deliveries", "4")
                .containsEntry("originalId", dead.id()).containsEntry("group", group).containsKey("deadAt");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WorkQueue.QueueStats s = queue.stats(topic, group);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
            assertThat(s.deadLetters()).isEqualTo(1);
        });
        assertThat(metrics.get("queue.dead_lettered")).isEqualTo(1);
    }

    @Test
    void aFailedEntry_isRetriedWithinAboutASecond_notAfterTheReclaimIdleTime() {
        Queue<Long> deliveredAt = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, new WorkQueue.ConsumerSettings(10, Duration.ofMillis(500), 1, 5,
                Duration.ofMinutes(10)), batch -> {
                    deliveredAt.add(System.nanoTime());
                    return batch.get(0).deliveries() == 1 ? new WorkQueue.Outcome(Map.of(batch.get(0).id(), "transient"))
                            : WorkQueue.Outcome.OK;
                });
        queue.publish(topic, messages(1));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(deliveredAt).hasSize(2));
        List<Long> at = new ArrayList<>(deliveredAt);
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isBetween(Duration.ofMillis(50), Duration.ofSeconds(3));
    }

    @Test
    void anEntryWhoseConsumersKeptCrashing_isDeadLetteredByTheReclaimer_withoutReachingTheHandler() {
        String stream = prefix + ":stream:" + topic;
        queue.publish(topic, List.of(new QueueMessage(Map.of("name", "killer"))));
        queue.publish(topic, messages(5));
        // three consumers in turn took "killer" and died with it (delivery counts 1, 2, 3)
        redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        StreamEntryID killer = redis.xreadGroup(group, "ghost-1", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)).get(0).getValue().get(0).getID();
        redis.xclaim(stream, group, "ghost-2", 0, XClaimParams.xClaimParams(), killer);
        redis.xclaim(stream, group, "ghost-3", 0, XClaimParams.xClaimParams(), killer);
        assertThat(redis.xpending(stream, group, XPendingParams.xPendingParams().count(10)).get(0).getDeliveredTimes())
                .isEqualTo(3);

        Queue<String> handled = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, new WorkQueue.ConsumerSettings(10, Duration.ofMillis(100), 1, 3,
                Duration.ofMillis(200)), batch -> {
                    batch.forEach(d -> handled.add(d.message().get("name")));
                    return WorkQueue.Outcome.OK;
                });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(queue.deadLetters(topic, 5)).hasSize(1));
        WorkQueue.DeadLetter dead = queue.deadLetters(topic, 5).get(0);
        assertThat(dead.id()).isEqualTo(killer.toString());
        assertThat(dead.deliveries()).isEqualTo(4);
        assertThat(dead.error()).startsWith("abandoned");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(handled).containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 5)));
        assertThat(queue.stats(topic, group).pending()).isZero();
    }
}
