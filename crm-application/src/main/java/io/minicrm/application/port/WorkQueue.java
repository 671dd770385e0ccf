package io.minicrm.application.port;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Durable-enough work distribution: topics with consumer groups, at-least-once delivery, explicit
 * acknowledgement. A message is acknowledged only after its handler succeeded; a message that failed
 * is delivered again later; after {@code maxDeliveries} deliveries it goes to the topic's dead letters
 * and stops blocking the others. Handlers must therefore be idempotent (the stores' unique keys make
 * them so). Several consumers (threads or processes) in one group share a topic's messages; every group
 * sees every message published after it was created. Messages published before a group's first consumer
 * subscribed, or while none of its consumers runs, wait for it: work queued while nobody consumes is not lost.
 */
public interface WorkQueue extends AutoCloseable {

    /**
     * Appends messages to {@code topic}; returns once the queue holds them.
     * @throws QueueUnavailableException when the queue backend cannot take them now (callers answer 503)
     */
    void publish(String topic, List<QueueMessage> messages);

    /**
     * Starts consuming {@code topic} in consumer group {@code group}. Batches of up to
     * {@code settings.batchSize()} messages go to the handler; the returned outcome says which failed.
     */
    Subscription subscribe(String topic, String group, ConsumerSettings settings, BatchHandler handler);

    /** Counts for monitoring. */
    QueueStats stats(String topic, String group);

    /**
     * How many messages of the group each instance holds now (delivered to its consumers, not yet acknowledged),
     * by instance id; instances holding nothing are left out. Empty when the queue cannot tell which instance
     * holds what (the in-process queue, which belongs to one instance: all of its {@link QueueStats#pending()}).
     */
    default Optional<Map<String, Long>> heldByInstance(String topic, String group) {
        return Optional.empty();
    }

    /** The most recent dead letters of a topic. */
    List<DeadLetter> deadLetters(String topic, int limit);

    /** Whether the queue backend is reachable. */
    default boolean isHealthy() {
        return true;
    }

    /**
     * Whether a published message survives the end of this process (Redis does; a queue in this
     * process's memory does not). Work acknowledged to someone outside (a vendor's receipt, a queued
     * ingestion answered 202) must not rest only in a queue that does not: it is done at once instead.
     */
    default boolean isDurable() {
        return true;
    }

    /** Stops every subscription (see {@link Subscription#close()}) and releases connections. */
    @Override
    void close();

    /** A message handed to a consumer; {@code deliveries} counts this delivery too (1 the first time). */
    record Delivered(String id, QueueMessage message, int deliveries) {
    }

    /** Handles a batch; returns the ids that failed with their error. Throwing fails the whole batch. */
    @FunctionalInterface
    interface BatchHandler {
        Outcome handle(List<Delivered> batch) throws Exception;
    }

    /** Which messages of a batch failed (message id -> error); the others are acknowledged. */
    record Outcome(Map<String, String> failed) {
        public static final Outcome OK = new Outcome(Map.of());

        public Outcome {
            failed = Map.copyOf(failed);
        }
    }

    /**
     * How a subscription consumes: batch size, how long a read blocks, how many consumer threads, after how
     * many deliveries a message is dead-lettered, and after how long an unacknowledged message of a dead
     * consumer is claimed by a live one.
     */
    record ConsumerSettings(int batchSize, Duration block, int concurrency, int maxDeliveries, Duration reclaimIdle) {
        public ConsumerSettings {
            if (batchSize < 1 || concurrency < 1 || maxDeliveries < 1) {
                throw new IllegalArgumentException("batchSize, concurrency and maxDeliveries must be >= 1");
            }
        }

        public static ConsumerSettings defaults() {
            return new ConsumerSettings(100, Duration.ofMillis(500), 1, 5, Duration.ofSeconds(60));
        }
    }

    /** A running consumer. */
    interface Subscription extends AutoCloseable {
        /** Stops reading, lets in-flight batches finish (acknowledging what succeeded), then returns. */
        @Override
        void close();
    }

    /**
     * {@code length}: messages held; {@code pending}: delivered to the group, not yet acknowledged;
     * {@code lag}: not yet delivered to the group; {@code deadLetters}: dead-lettered so far.
     */
    record QueueStats(long length, long pending, long lag, long deadLetters) {
    }

    record DeadLetter(String id, QueueMessage message, int deliveries, String error) {
    }

    /**
     * The queue backend cannot be reached or refuses work now. Some of the messages may have been
     * published; publishing again is safe (handlers are idempotent).
     */
    class QueueUnavailableException extends RuntimeException {
        public QueueUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
