package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamPendingEntry;

/** Consumers that die or hang between reading and acknowledging lose nothing and double nothing. */
class CrashedConsumerTest {
    private final String prefix = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String topic = "jobs";
    private final String group = "workers";
    private final String url = RedisTestServer.sharedUrl();
    private RedisClient redis;
    private RedisWorkQueue rescuer;

    @BeforeEach
    void connect() {
        redis = RedisClient.create(URI.create(url));
    }

    @AfterEach
    void close() {
        if (rescuer != null) {
            rescuer.close();
        }
        redis.close();
    }

    private String stream() {
        return prefix + ":stream:" + topic;
    }

    private static List<QueueMessage> messages(int n) {
        return IntStream.range(0, n).mapToObj(i -> new QueueMessage(Map.of("name", "m" + i))).toList();
    }

    private static WorkQueue.ConsumerSettings reclaimAfter(Duration idle) {
        return new WorkQueue.ConsumerSettings(20, Duration.ofMillis(100), 1, 5, idle);
    }

    @Test
    void aConsumerProcessKilledBetweenReadAndAck_hasItsEntriesReclaimedByAnother_andEachTakesEffectOnce()
            throws Exception {
        String sink = prefix + ":sink";
        rescuer = RedisWorkQueue.connect(url, "rescuer", RedisQueueSettings.defaults().withKeyPrefix(prefix), Metrics.NONE);
        rescuer.publish(topic, messages(200));

        Path log = Files.createTempFile("victim-", ".log");
        Process victim = startJava(log, CrashingConsumer.class, url, prefix, topic, group, sink);
        assertThat(victim.waitFor(60, TimeUnit.SECONDS)).as("the victim process halted").isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        assertThat(victim.exitValue()).as(output).isEqualTo(3);
        assertThat(output).contains("CRASHING after reading 50");

        List<StreamPendingEntry> orphaned = redis.xpending(stream(), group, XPendingParams.xPendingParams().count(1000));
        assertThat(orphaned).hasSize(50).allSatisfy(p -> assertThat(p.getConsumerName()).isEqualTo("victim-0"));
        assertThat(redis.hlen(sink)).as("the victim wrote half its batch before dying").isEqualTo(25);

        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        rescuer.subscribe(topic, group, reclaimAfter(Duration.ofMillis(500)), batch -> {
            seen.addAll(batch);
            for (WorkQueue.Delivered d : batch) {
                String name = d.message().get("name");
                redis.hsetnx(sink, name, "rescuer");
                redis.hincrBy(sink + ":attempts", name, 1);
            }
            return WorkQueue.Outcome.OK;
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(redis.hlen(sink)).isEqualTo(200);
            WorkQueue.QueueStats s = rescuer.stats(topic, group);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
        });
        Map<String, String> effects = redis.hgetAll(sink);
        Map<String, String> attempts = redis.hgetAll(sink + ":attempts");
        assertThat(effects.keySet()).containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 200));
        assertThat(effects.values().stream().filter("victim"::equals)).hasSize(25);
        long writtenTwice = attempts.values().stream().filter("2"::equals).count();
        assertThat(writtenTwice).as("the victim's 25 writes were delivered again and absorbed by the unique key")
                .isEqualTo(25);
        assertThat(attempts.values()).allSatisfy(a -> assertThat(a).isIn("1", "2"));
        assertThat(seen.stream().filter(d -> d.deliveries() == 2)).as("the reclaimed batch counts its second delivery")
                .hasSize(50);
        assertThat(seen).hasSize(200);
    }

    @Test
    void aHungConsumer_losesItsBatchToAnotherAfterReclaimIdle_andItsLateSuccessCountsNothingTwice() throws Exception {
        IdempotentSink sink = new IdempotentSink();
        CountDownLatch hung = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RedisWorkQueue stuck = RedisWorkQueue.connect(url, "stuck", RedisQueueSettings.defaults().withKeyPrefix(prefix),
                Metrics.NONE);
        rescuer = RedisWorkQueue.connect(url, "rescuer", RedisQueueSettings.defaults().withKeyPrefix(prefix), Metrics.NONE);
        try {
            stuck.publish(topic, messages(20)); // waiting before the consumer starts, so its first batch takes all 20
            AtomicInteger held = new AtomicInteger();
            stuck.subscribe(topic, group, reclaimAfter(Duration.ofMinutes(10)), batch -> {
                held.addAndGet(batch.size());
                hung.countDown();
                release.await(30, TimeUnit.SECONDS);
                return sink.handler("stuck").handle(batch);
            });
            assertThat(hung.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(held).hasValue(20);

            rescuer.subscribe(topic, group, reclaimAfter(Duration.ofMillis(400)), sink.handler("rescuer"));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(sink.effects).hasSize(20));
            assertThat(sink.effects.values()).containsOnly("rescuer");

            release.countDown(); // the hung handler finally finishes: its writes and acks change nothing
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sink.duplicates()).isEqualTo(20));
            assertThat(sink.effects).hasSize(20);
            assertThat(sink.effects.values()).containsOnly("rescuer");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(rescuer.stats(topic, group).pending()).isZero());
        } finally {
            release.countDown();
            stuck.close();
        }
    }

    @Test
    void anInstanceAbortedMidWork_leavesNothingUnprocessed_theOtherFinishesItsWork() throws Exception {
        IdempotentSink sink = new IdempotentSink();
        RedisWorkQueue doomed = RedisWorkQueue.connect(url, "doomed", RedisQueueSettings.defaults().withKeyPrefix(prefix),
                Metrics.NONE);
        rescuer = RedisWorkQueue.connect(url, "rescuer", RedisQueueSettings.defaults().withKeyPrefix(prefix), Metrics.NONE);
        WorkQueue.BatchHandler slowWriter = batch -> {
            WorkQueue.Outcome outcome = sink.handler("doomed").handle(batch);
            TimeUnit.MILLISECONDS.sleep(30); // after its writes, before its acknowledgement
            return outcome;
        };
        doomed.subscribe(topic, group, new WorkQueue.ConsumerSettings(10, Duration.ofMillis(100), 2, 5,
                Duration.ofMillis(500)), slowWriter);
        rescuer.subscribe(topic, group, new WorkQueue.ConsumerSettings(10, Duration.ofMillis(100), 1, 5,
                Duration.ofMillis(500)), batch -> {
                    TimeUnit.MILLISECONDS.sleep(30);
                    return sink.handler("rescuer").handle(batch);
                });
        rescuer.publish(topic, messages(400));
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.effects.values().stream().filter("doomed"::equals).count() >= 50);

        doomed.abort();
        assertThat(doomed.isHealthy()).isFalse();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sink.effects.keySet()).containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 400));
            WorkQueue.QueueStats s = rescuer.stats(topic, group);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
        });
        assertThat(sink.attempts.values()).allSatisfy(n -> assertThat(n.get()).isBetween(1, 2));
        System.out.printf("abort test: doomed wrote %d, rescuer %d, duplicate deliveries absorbed %d%n",
                sink.effects.values().stream().filter("doomed"::equals).count(),
                sink.effects.values().stream().filter("rescuer"::equals).count(), sink.duplicates());
    }

    @Test
    void anInstanceRestartedWithTheSameId_resumesItsOwnUnacknowledgedEntriesAtOnce() {
        // an earlier run of instance "inst" read 10 entries as consumer inst-0 and died
        rescuer = RedisWorkQueue.connect(url, "inst", RedisQueueSettings.defaults().withKeyPrefix(prefix), Metrics.NONE);
        rescuer.publish(topic, messages(30));
        redis.xgroupCreate(stream(), group, new StreamEntryID(0, 0), true);
        redis.xreadGroup(group, "inst-0", XReadGroupParams.xReadGroupParams().count(10),
                Map.of(stream(), StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));

        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        rescuer.subscribe(topic, group, reclaimAfter(Duration.ofMinutes(10)), batch -> {
            seen.addAll(batch);
            return WorkQueue.Outcome.OK;
        });

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen).hasSize(30));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for the 10-minute reclaim")
                .isLessThan(Duration.ofSeconds(10));
        assertThat(seen.stream().filter(d -> d.deliveries() == 2).map(d -> d.message().get("name")))
                .containsExactlyInAnyOrderElementsOf(IdempotentSink.names("m", 10));
        assertThat(seen.stream().map(d -> d.message().get("name")).distinct()).hasSize(30);
    }

    static Process startJava(Path log, Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
