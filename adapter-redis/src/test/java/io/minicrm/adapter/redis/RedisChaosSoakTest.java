package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long run (tag "slow", {@code -Pslow}): a steady publisher, two consumer instances whose handlers fail 5 % of the
 * messages at random, Redis SIGKILLed and restarted (with AOF, fsync always) three times, and one consumer instance
 * aborted mid-way and replaced by a new one. Every message whose publish returned takes effect exactly once in the
 * idempotent sink, nothing is left pending, nothing is dead-lettered.
 */
@Tag("slow")
class RedisChaosSoakTest {
    private static final String TOPIC = "deliveries";
    private static final String GROUP = "dispatchers";
    private static final RedisQueueSettings SETTINGS = RedisQueueSettings.defaults().withKeyPrefix("chaos")
            .withPublishTimeout(Duration.ofMillis(500)).withReconnect(Duration.ofMillis(50), Duration.ofMillis(500));
    private static final WorkQueue.ConsumerSettings CONSUMER = new WorkQueue.ConsumerSettings(50, Duration.ofMillis(200),
            2, 20, Duration.ofSeconds(1));

    private final List<RedisWorkQueue> queues = new ArrayList<>();
    private RedisTestServer server;

    @AfterEach
    void tearDown() {
        queues.forEach(RedisWorkQueue::close);
        if (server != null) {
            server.close();
        }
    }

    private RedisWorkQueue open(String id) {
        RedisWorkQueue q = RedisWorkQueue.connect(server.url(), id, SETTINGS, Metrics.NONE);
        queues.add(q);
        return q;
    }

    private static WorkQueue.BatchHandler flaky(IdempotentSink sink, String writer, AtomicInteger failures) {
        return batch -> {
            Map<String, String> failed = new HashMap<>();
            for (WorkQueue.Delivered d : batch) {
                if (ThreadLocalRandom.current().nextInt(100) < 5) {
                    failed.put(d.id(), "vendor timeout");
                    failures.incrementAndGet();
                } else {
                    sink.write(d.message().get("name"), writer);
                }
            }
            return new WorkQueue.Outcome(failed);
        };
    }

    @Test
    void redisCrashesAndAConsumerInstanceDying_loseNothing_andDoubleNothing() throws Exception {
        server = RedisTestServer.start(true);
        RedisWorkQueue producer = open("producer");
        IdempotentSink sink = new IdempotentSink();
        AtomicInteger handlerFailures = new AtomicInteger();
        open("worker-a").subscribe(TOPIC, GROUP, CONSUMER, flaky(sink, "a", handlerFailures));
        RedisWorkQueue doomed = open("worker-b");
        doomed.subscribe(TOPIC, GROUP, CONSUMER, flaky(sink, "b", handlerFailures));

        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int b = 0; !stop.get(); b++) {
                int batch = b;
                List<QueueMessage> messages = IntStream.range(0, 25)
                        .mapToObj(i -> new QueueMessage(Map.of("name", batch + "-" + i, "body", "x".repeat(100)))).toList();
                List<String> names = messages.stream().map(m -> m.get("name")).toList();
                try {
                    producer.publish(TOPIC, messages);
                    accepted.addAll(names);
                } catch (WorkQueue.QueueUnavailableException e) {
                    unconfirmed.addAll(names);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "publisher");
        publisher.start();

        for (int crash = 1; crash <= 3; crash++) {
            int target = accepted.size() + 8_000;
            await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= target);
            server.kill();
            Thread.sleep(300 + ThreadLocalRandom.current().nextInt(700));
            server.start();
            if (crash == 2) {
                doomed.abort();
                open("worker-c").subscribe(TOPIC, GROUP, CONSUMER, flaky(sink, "c", handlerFailures));
            }
        }
        int target = accepted.size() + 8_000;
        await().atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= target);
        stop.set(true);
        publisher.join(10_000);

        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> assertThat(IdempotentSink.missing(accepted, sink.effects.keySet())).isEmpty());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            WorkQueue.QueueStats s = producer.stats(TOPIC, GROUP);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
            assertThat(s.deadLetters()).isZero();
        });
        assertThat(sink.effects.keySet().stream().filter(k -> !accepted.contains(k) && !unconfirmed.contains(k)))
                .as("only published messages take effect").isEmpty();
        System.out.printf("chaos soak: accepted %d, unconfirmed %d, effects %d, handler failures %d, duplicate "
                        + "deliveries absorbed %d, written by a/b/c %d/%d/%d%n", accepted.size(), unconfirmed.size(),
                sink.effects.size(), handlerFailures.get(), sink.duplicates(),
                sink.effects.values().stream().filter("a"::equals).count(),
                sink.effects.values().stream().filter("b"::equals).count(),
                sink.effects.values().stream().filter("c"::equals).count());
    }
}
