package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retention: trims what every group processed, never what one has not, and reports a group lagging near the cap. */
class StreamCapTest {
    private static final int CAP = 1000;
    private final String prefix = "cap-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "jobs";
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RedisWorkQueue queue = RedisWorkQueue.connect(RedisTestServer.sharedUrl(), "cap",
            RedisQueueSettings.defaults().withKeyPrefix(prefix).withMaxLength(CAP).withTrimInterval(Duration.ofMillis(1)),
            metrics);

    @AfterEach
    void close() {
        queue.close();
    }

    private static WorkQueue.ConsumerSettings settings() {
        return new WorkQueue.ConsumerSettings(100, Duration.ofMillis(100), 1, 5, Duration.ofMinutes(1));
    }

    private void publish(String prefix, int n) {
        for (int from = 0; from < n; from += 50) {
            int start = from;
            queue.publish(topic, IntStream.range(start, Math.min(n, start + 50))
                    .mapToObj(i -> new QueueMessage(Map.of("name", prefix + i))).toList());
        }
    }

    @Test
    void aGroupLaggingPastTheCap_raisesTheNearCapFlag_keepsEveryEntry_andProcessedEntriesAreTrimmedLater() {
        IdempotentSink fast = new IdempotentSink();
        IdempotentSink slow = new IdempotentSink();
        queue.subscribe(topic, "fast", settings(), fast.handler("fast"));
        queue.subscribe(topic, "slow", settings(), slow.handler("slow")).close(); // the group exists, its consumers are down

        publish("a", 1500);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fast.effects).hasSize(1500));
        publish("a", 1); // a1 again: one more publish runs the retention once more, with everything in "fast" done

        StreamCapacity c = queue.capacity(topic);
        assertThat(c.length()).as("nothing the slow group still needs was trimmed").isEqualTo(1501);
        assertThat(c.backlog()).isEqualTo(1501);
        assertThat(c.laggingGroup()).isEqualTo("slow");
        assertThat(c.nearCap()).isTrue();
        assertThat(c.overCap()).isTrue();
        assertThat(queue.nearCap(topic)).isTrue();
        assertThat(metrics.get("queue.near_cap")).isPositive();
        assertThat(metrics.get("queue.held_over_cap")).isPositive();
        assertThat(metrics.get("queue.trimmed")).isZero();
        assertThat(queue.stats(topic, "slow").lag()).isEqualTo(1501);

        queue.subscribe(topic, "slow", settings(), slow.handler("slow"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(queue.stats(topic, "slow").pending() + queue.stats(topic, "slow").lag()).isZero();
            assertThat(queue.stats(topic, "fast").pending() + queue.stats(topic, "fast").lag()).isZero();
        });
        assertThat(slow.effects.keySet()).containsExactlyInAnyOrderElementsOf(IdempotentSink.names("a", 1500));
        assertThat(slow.duplicates()).as("a1 was published twice; nothing else came twice").isEqualTo(1);

        publish("b", 1);
        assertThat(metrics.get("queue.trimmed")).as("the processed entries went").isGreaterThanOrEqualTo(1400);
        assertThat(queue.capacity(topic).length()).as("the stream holds about what is unprocessed (trimming is by "
                + "whole nodes of 100 entries)").isLessThan(200);
        assertThat(queue.nearCap(topic)).isFalse();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(fast.effects).containsKey("b0");
            assertThat(slow.effects).containsKey("b0");
        });
        assertThat(queue.capacity(topic).nearCap()).isFalse();
        assertThat(queue.capacity(topic).overCap()).isFalse();
    }

    @Test
    void aStreamNoGroupReadsYet_isNeverTrimmed_andTheFirstGroupGetsAllOfIt() {
        publish("early", 1300);
        assertThat(queue.capacity(topic).length()).isEqualTo(1300);
        assertThat(queue.capacity(topic).backlog()).isEqualTo(1300);
        assertThat(queue.capacity(topic).laggingGroup()).isNull();

        IdempotentSink sink = new IdempotentSink();
        queue.subscribe(topic, "first", settings(), sink.handler("first"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(sink.effects).hasSize(1300));
        assertThat(sink.duplicates()).isZero();
        List<String> expected = IdempotentSink.names("early", 1300);
        assertThat(sink.effects.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
