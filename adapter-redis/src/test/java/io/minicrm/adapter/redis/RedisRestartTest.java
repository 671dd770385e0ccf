package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis going away under running publishers and consumers. These tests run their own redis-server (the embedded
 * binary, also when {@code REDIS_URL} is set) because they kill and restart it.
 */
class RedisRestartTest {
    private static final String TOPIC = "ingest";
    private static final String GROUP = "ingesters";
    private static final RedisQueueSettings SETTINGS = RedisQueueSettings.defaults().withKeyPrefix("restart")
            .withPublishTimeout(Duration.ofMillis(500)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));

    private RedisTestServer server;
    private RedisWorkQueue producer;
    private RedisWorkQueue consumer;

    @AfterEach
    void tearDown() {
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static List<QueueMessage> batch(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new QueueMessage(Map.of("name", prefix + "-" + i))).toList();
    }

    /**
     * What it proves: with Redis persisting every write before answering (AOF, fsync always), a SIGKILL of Redis in
     * the middle of a stream of publishes loses no message whose publish returned, the clients reconnect by
     * themselves, publishing and consuming resume, and the duplicate deliveries the crash causes (batches handled but
     * not acknowledged) are absorbed by the idempotent sink. Publishes that failed during the outage are reported to
     * the caller (WorkQueue.QueueUnavailableException); whether Redis kept them is unknown, so they may or may not be processed.
     */
    @Test
    void redisKilledMidStream_clientsReconnect_andEveryAcceptedMessageTakesEffectOnce() throws Exception {
        server = RedisTestServer.start(true);
        producer = RedisWorkQueue.connect(server.url(), "producer", SETTINGS, Metrics.NONE);
        consumer = RedisWorkQueue.connect(server.url(), "consumer", SETTINGS, Metrics.NONE);
        IdempotentSink sink = new IdempotentSink();
        consumer.subscribe(TOPIC, GROUP, new WorkQueue.ConsumerSettings(50, Duration.ofMillis(100), 2, 10,
                Duration.ofSeconds(2)), sink.handler("consumer"));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedPublishes = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int b = 0; !stop.get(); b++) {
                List<QueueMessage> messages = batch("b" + b, 20);
                List<String> names = messages.stream().map(m -> m.get("name")).toList();
                try {
                    producer.publish(TOPIC, messages);
                    accepted.addAll(names);
                } catch (WorkQueue.QueueUnavailableException e) {
                    failedPublishes.incrementAndGet();
                    unconfirmed.addAll(names);
                }
            }
        }, "publisher");
        publisher.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() >= 3000);
        server.kill();
        int acceptedBeforeCrash = accepted.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> failedPublishes.get() > 0);
        assertThat(producer.isHealthy()).isFalse();
        Thread.sleep(500);
        server.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> accepted.size() >= acceptedBeforeCrash + 3000);
        stop.set(true);
        publisher.join(10_000);

        assertThat(producer.isHealthy()).isTrue();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(IdempotentSink.missing(accepted, sink.effects.keySet())).isEmpty());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WorkQueue.QueueStats s = consumer.stats(TOPIC, GROUP);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
        });
        assertThat(sink.effects.keySet().stream().filter(k -> !accepted.contains(k) && !unconfirmed.contains(k)))
                .as("only published messages take effect").isEmpty();
        System.out.printf("restart test: accepted %d, failed publishes %d (%d messages unconfirmed), "
                        + "effects %d, duplicate deliveries absorbed %d%n", accepted.size(), failedPublishes.get(),
                unconfirmed.size(), sink.effects.size(), sink.duplicates());
    }

    /**
     * What it proves: without persistence a restarted Redis is empty, so this test asserts nothing about messages
     * queued before the restart. It proves the clients' side: the outage is visible (health, publish fails fast with
     * a clear exception), and afterwards the consumers recreate their group on the empty server and every message
     * published after the restart is processed once, without restarting the application.
     */
    @Test
    void redisRestartedEmpty_consumersRecreateTheirGroup_andProcessWhatIsPublishedAfterwards() {
        server = RedisTestServer.start(false);
        producer = RedisWorkQueue.connect(server.url(), "producer", SETTINGS, Metrics.NONE);
        consumer = RedisWorkQueue.connect(server.url(), "consumer", SETTINGS, Metrics.NONE);
        IdempotentSink sink = new IdempotentSink();
        consumer.subscribe(TOPIC, GROUP, new WorkQueue.ConsumerSettings(20, Duration.ofMillis(100), 1, 5,
                Duration.ofSeconds(30)), sink.handler("consumer"));
        producer.publish(TOPIC, batch("before", 100));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.effects).hasSize(100));

        server.stop();
        assertThat(producer.isHealthy()).isFalse();
        long started = System.nanoTime();
        assertThatThrownBy(() -> producer.publish(TOPIC, batch("lost", 5))).isInstanceOf(WorkQueue.QueueUnavailableException.class)
                .hasMessageContaining("publish to ingest");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        server.start();
        await().atMost(Duration.ofSeconds(10)).until(producer::isHealthy);
        producer.publish(TOPIC, batch("after", 100));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(sink.effects.keySet().stream().filter(k -> k.startsWith("after-"))).hasSize(100));
        assertThat(sink.duplicates()).isZero();
    }
}
