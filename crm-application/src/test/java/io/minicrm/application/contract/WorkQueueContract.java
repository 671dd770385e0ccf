package io.minicrm.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link WorkQueue}: at-least-once delivery in batches with acknowledgement after the
 * handler, redelivery of failed messages, dead letters after {@code maxDeliveries} without blocking the
 * others, consumers of one group sharing a topic, every group seeing every message, stats, and a close that
 * lets the batch in hand finish. A queue may take a little time to deliver; every wait is bounded by
 * {@link #patience()}. Each test uses its own topic and group names.
 */
public abstract class WorkQueueContract {

    /** A new queue client (of a backend that may be shared with other tests: names are unique per test). */
    protected abstract WorkQueue newQueue();

    /**
     * Another client of the same backend as {@link #queue}, as another process would have (e.g. a second Redis
     * connection); closed after the test. The in-process queue is its own backend, so the default is
     * {@link #queue} itself.
     */
    protected WorkQueue newSecondQueueOnSameBackend() {
        return queue;
    }

    /** The longest any expected delivery may take. */
    protected Duration patience() {
        return Duration.ofSeconds(15);
    }

    protected WorkQueue queue;
    protected String topic;
    protected String group;
    private final List<WorkQueue> opened = new ArrayList<>();

    @BeforeEach
    void setUpQueue() {
        queue = open(newQueue());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        topic = "contract-" + suffix;
        group = "workers-" + suffix;
    }

    @AfterEach
    void closeQueues() {
        for (WorkQueue q : opened) {
            q.close();
        }
    }

    private WorkQueue open(WorkQueue q) {
        if (!opened.contains(q)) {
            opened.add(q);
        }
        return q;
    }

    protected static WorkQueue.ConsumerSettings settings(int batchSize, int concurrency, int maxDeliveries) {
        return new WorkQueue.ConsumerSettings(batchSize, Duration.ofMillis(100), concurrency, maxDeliveries,
                Duration.ofSeconds(60));
    }

    protected static List<QueueMessage> messages(int n) {
        return messages("m", n);
    }

    protected static List<QueueMessage> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new QueueMessage(Map.of("name", prefix + i, "payload", "x".repeat(i % 5))))
                .toList();
    }

    private static String name(WorkQueue.Delivered d) {
        return d.message().get("name");
    }

    /** A handler that records every delivery and acknowledges everything. */
    private static WorkQueue.BatchHandler recording(Queue<WorkQueue.Delivered> seen) {
        return batch -> {
            seen.addAll(batch);
            return WorkQueue.Outcome.OK;
        };
    }

    private void awaitQuietly(Runnable assertion) {
        await().atMost(patience()).pollInterval(Duration.ofMillis(20)).untilAsserted(assertion::run);
    }

    /** The assertion holds now and keeps holding for a while (no late duplicates). */
    private void stays(Runnable assertion) {
        await().during(Duration.ofMillis(400)).atMost(patience()).pollInterval(Duration.ofMillis(50))
                .untilAsserted(assertion::run);
    }

    @Test
    void publishedMessages_areDeliveredOnce_withTheirFields_andAcknowledged() {
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(10, 1, 3), recording(seen));
        List<QueueMessage> sent = messages(25);
        queue.publish(topic, sent);

        awaitQuietly(() -> assertThat(seen).hasSize(25));
        stays(() -> assertThat(seen).hasSize(25));
        assertThat(seen).extracting(WorkQueue.Delivered::message).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(seen).extracting(WorkQueue.Delivered::id).doesNotHaveDuplicates();
        assertThat(seen).allSatisfy(d -> assertThat(d.deliveries()).isEqualTo(1));
        awaitQuietly(() -> {
            WorkQueue.QueueStats s = queue.stats(topic, group);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
            assertThat(s.deadLetters()).isZero();
        });
    }

    @Test
    void messagesPublishedBeforeTheFirstConsumer_areDeliveredToIt_inBatches() {
        List<QueueMessage> sent = messages(30);
        queue.publish(topic, sent);
        Queue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(8, 1, 3), batch -> {
            batchSizes.add(batch.size());
            seen.addAll(batch);
            return WorkQueue.Outcome.OK;
        });

        awaitQuietly(() -> assertThat(seen).hasSize(30));
        assertThat(seen).extracting(WorkQueue.Delivered::message).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, 8));
        assertThat(batchSizes).as("messages waiting are handed over in batches").anySatisfy(n -> assertThat(n).isGreaterThan(1));
    }

    @Test
    void aFailedMessage_isDeliveredAgain_andTheOthersAreAcknowledgedOnce() {
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(10, 1, 5), batch -> {
            seen.addAll(batch);
            Map<String, String> failed = new HashMap<>();
            for (WorkQueue.Delivered d : batch) {
                if (name(d).equals("m3") && d.deliveries() == 1) {
                    failed.put(d.id(), "first try fails");
                }
            }
            return new WorkQueue.Outcome(failed);
        });
        queue.publish(topic, messages(6));

        awaitQuietly(() -> assertThat(seen.stream().filter(d -> name(d).equals("m3"))).hasSize(2));
        stays(() -> assertThat(seen).hasSize(7));
        assertThat(seen.stream().filter(d -> name(d).equals("m3")).map(WorkQueue.Delivered::deliveries))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(seen.stream().filter(d -> name(d).equals("m3")).map(WorkQueue.Delivered::id).distinct())
                .as("a redelivery keeps the message id").hasSize(1);
        awaitQuietly(() -> assertThat(queue.stats(topic, group).pending()).isZero());
    }

    @Test
    void aHandlerThatThrows_failsItsWholeBatch_whichIsDeliveredAgain() {
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        AtomicBoolean thrown = new AtomicBoolean();
        queue.publish(topic, messages(4));
        queue.subscribe(topic, group, settings(10, 1, 5), batch -> {
            if (thrown.compareAndSet(false, true)) {
                throw new IllegalStateException("store unavailable");
            }
            seen.addAll(batch);
            return WorkQueue.Outcome.OK;
        });

        awaitQuietly(() -> assertThat(seen).extracting(WorkQueue.Delivered::message)
                .containsExactlyInAnyOrderElementsOf(messages(4)));
        assertThat(thrown).isTrue();
    }

    @Test
    void aPoisonMessage_isDeadLetteredAfterMaxDeliveries_withoutBlockingTheOthers() {
        int maxDeliveries = 3;
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        queue.subscribe(topic, group, settings(5, 1, maxDeliveries), batch -> {
            Map<String, String> failed = new HashMap<>();
            for (WorkQueue.Delivered d : batch) {
                handled.computeIfAbsent(name(d), k -> new AtomicInteger()).incrementAndGet();
                if (name(d).equals("poison")) {
                    failed.put(d.id(), "cannot parse poison");
                }
            }
            return new WorkQueue.Outcome(failed);
        });
        List<QueueMessage> batch = new ArrayList<>();
        batch.add(new QueueMessage(Map.of("name", "poison")));
        batch.addAll(messages(12));
        queue.publish(topic, batch);

        awaitQuietly(() -> assertThat(queue.deadLetters(topic, 10)).hasSize(1));
        WorkQueue.DeadLetter dead = queue.deadLetters(topic, 10).get(0);
        assertThat(dead.message().get("name")).isEqualTo("poison");
        assertThat(dead.deliveries()).isEqualTo(maxDeliveries);
        assertThat(dead.error()).contains("cannot parse poison");
        stays(() -> assertThat(handled.get("poison")).hasValue(maxDeliveries));
        for (int i = 0; i < 12; i++) {
            assertThat(handled.get("m" + i)).as("m%d", i).hasValue(1);
        }
        awaitQuietly(() -> {
            WorkQueue.QueueStats s = queue.stats(topic, group);
            assertThat(s.deadLetters()).isEqualTo(1);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
        });
    }

    @Test
    void twoConsumersInOneGroup_shareTheMessages_eachHandledOnce() {
        WorkQueue other = open(newSecondQueueOnSameBackend());
        Map<String, Integer> handledBy = new ConcurrentHashMap<>();
        Queue<String> duplicates = new ConcurrentLinkedQueue<>();
        WorkQueue.BatchHandler first = consumer(1, handledBy, duplicates);
        WorkQueue.BatchHandler second = consumer(2, handledBy, duplicates);
        queue.subscribe(topic, group, settings(1, 1, 3), first);
        other.subscribe(topic, group, settings(1, 1, 3), second);
        queue.publish(topic, messages(60));

        awaitQuietly(() -> assertThat(handledBy).hasSize(60));
        stays(() -> assertThat(duplicates).isEmpty());
        assertThat(handledBy.values()).contains(1, 2);
    }

    private static WorkQueue.BatchHandler consumer(int n, Map<String, Integer> handledBy, Queue<String> duplicates) {
        return batch -> {
            for (WorkQueue.Delivered d : batch) {
                if (handledBy.putIfAbsent(name(d), n) != null) {
                    duplicates.add(name(d));
                }
            }
            TimeUnit.MILLISECONDS.sleep(5);
            return WorkQueue.Outcome.OK;
        };
    }

    @Test
    void severalConsumerThreads_shareTheMessages_eachHandledOnce() {
        Map<String, Integer> handled = new ConcurrentHashMap<>();
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(2, 3, 3), batch -> {
            threads.add(Thread.currentThread().getName());
            for (WorkQueue.Delivered d : batch) {
                handled.merge(name(d), 1, Integer::sum);
            }
            TimeUnit.MILLISECONDS.sleep(5);
            return WorkQueue.Outcome.OK;
        });
        queue.publish(topic, messages(40));

        awaitQuietly(() -> assertThat(handled).hasSize(40));
        stays(() -> assertThat(handled.values()).containsOnly(1));
        assertThat(threads.stream().distinct().count()).isGreaterThan(1);
    }

    @Test
    void everyGroup_getsEveryMessage() {
        Queue<WorkQueue.Delivered> a = new ConcurrentLinkedQueue<>();
        Queue<WorkQueue.Delivered> b = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group + "-a", settings(10, 1, 3), recording(a));
        queue.subscribe(topic, group + "-b", settings(10, 1, 3), recording(b));
        queue.publish(topic, messages(15));

        awaitQuietly(() -> {
            assertThat(a).extracting(WorkQueue.Delivered::message).containsExactlyInAnyOrderElementsOf(messages(15));
            assertThat(b).extracting(WorkQueue.Delivered::message).containsExactlyInAnyOrderElementsOf(messages(15));
        });
    }

    @Test
    void stats_countWhatIsWaitingAndWhatIsInHand() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Queue<WorkQueue.Delivered> seen = new ConcurrentLinkedQueue<>();
        WorkQueue.Subscription sub = queue.subscribe(topic, group, settings(1, 1, 3), batch -> {
            seen.addAll(batch);
            release.await(30, TimeUnit.SECONDS);
            return WorkQueue.Outcome.OK;
        });
        queue.publish(topic, messages(3));

        awaitQuietly(() -> {
            WorkQueue.QueueStats s = queue.stats(topic, group);
            assertThat(s.pending()).isEqualTo(1);
            assertThat(s.lag()).isEqualTo(2);
            assertThat(s.length()).isGreaterThanOrEqualTo(3);
        });
        release.countDown();
        awaitQuietly(() -> {
            WorkQueue.QueueStats s = queue.stats(topic, group);
            assertThat(s.pending()).isZero();
            assertThat(s.lag()).isZero();
        });
        assertThat(seen).hasSize(3);
        sub.close();
    }

    @Test
    void closingASubscription_letsTheBatchInHandFinish_andAcknowledgesIt() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Queue<WorkQueue.Delivered> firstSeen = new ConcurrentLinkedQueue<>();
        WorkQueue.Subscription sub = queue.subscribe(topic, group, settings(10, 1, 3), batch -> {
            firstSeen.addAll(batch);
            inHandler.countDown();
            release.await(30, TimeUnit.SECONDS);
            finished.set(true);
            return WorkQueue.Outcome.OK;
        });
        queue.publish(topic, List.of(new QueueMessage(Map.of("name", "slow"))));
        assertThat(inHandler.await(patience().toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(sub::close);
        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(closing).as("close waits for the batch in hand").isNotDone();
        release.countDown();
        closing.get(patience().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(finished).isTrue();

        Queue<WorkQueue.Delivered> laterSeen = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(10, 1, 3), recording(laterSeen));
        queue.publish(topic, List.of(new QueueMessage(Map.of("name", "marker"))));
        awaitQuietly(() -> assertThat(laterSeen.stream().map(WorkQueueContract::name)).contains("marker"));
        stays(() -> assertThat(laterSeen.stream().map(WorkQueueContract::name)).containsExactly("marker"));
        assertThat(firstSeen.stream().map(WorkQueueContract::name)).containsExactly("slow");
    }

    @Test
    void messagesPublishedWhileNoConsumerRuns_waitForTheGroup() {
        Queue<WorkQueue.Delivered> first = new ConcurrentLinkedQueue<>();
        WorkQueue.Subscription sub = queue.subscribe(topic, group, settings(10, 1, 3), recording(first));
        queue.publish(topic, messages("a", 3));
        awaitQuietly(() -> assertThat(first).hasSize(3));
        sub.close();

        queue.publish(topic, messages("b", 4));
        Queue<WorkQueue.Delivered> second = new ConcurrentLinkedQueue<>();
        queue.subscribe(topic, group, settings(10, 1, 3), recording(second));

        awaitQuietly(() -> assertThat(second).extracting(WorkQueue.Delivered::message)
                .containsExactlyInAnyOrderElementsOf(messages("b", 4)));
        stays(() -> assertThat(second).hasSize(4));
    }

    @Test
    void aNewQueueClient_isHealthy() {
        assertThat(queue.isHealthy()).isTrue();
    }
}
