package io.minicrm.application.ops;

import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What operators ask of the work queues: their dead letters (messages that failed every delivery, with their
 * error and without internal class names), how far behind each consumer group is, and whether the queue is
 * reachable.
 */
public final class QueueHealth {
    /** The topics of Mini CRM's queues. */
    public static final List<String> TOPICS = List.of(Topics.DELIVERIES, Topics.RECEIPTS, Topics.INGEST);
    /** Most dead letters listed per topic. */
    public static final int MAX_LIMIT = 1000;

    private final WorkQueue queue;

    public QueueHealth(WorkQueue queue) {
        this.queue = Objects.requireNonNull(queue, "queue");
    }

    /**
     * Which dead letters to list.
     * @param topic one of {@link #TOPICS}, or empty for all
     * @param limit the most recent this many per topic, 1..{@value #MAX_LIMIT}
     */
    public record DeadLetterQuery(Optional<String> topic, int limit) {
        public DeadLetterQuery {
            Objects.requireNonNull(topic, "topic");
            topic.ifPresent(t -> {
                if (!TOPICS.contains(t)) {
                    throw new IllegalArgumentException("topic must be one of " + TOPICS + ": " + t);
                }
            });
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ": " + limit);
            }
        }
    }

    /** A message that failed every delivery: its topic, id, how often it was delivered, the error, its fields. */
    public record DeadLetter(String topic, String id, int deliveries, String error, Map<String, String> fields) {
    }

    /** The most recent dead letters, topic by topic. */
    public List<DeadLetter> deadLetters(DeadLetterQuery query) {
        List<DeadLetter> out = new ArrayList<>();
        for (String t : query.topic().map(List::of).orElse(TOPICS)) {
            for (WorkQueue.DeadLetter d : queue.deadLetters(t, query.limit())) {
                out.add(new DeadLetter(t, d.id(), d.deliveries(), Reasons.scrub(d.error()), d.message().fields()));
            }
        }
        return out;
    }

    /** A topic's backlog as its consumer group sees it; all -1 when the queue cannot be asked. */
    public WorkQueue.QueueStats stats(String topic) {
        try {
            return queue.stats(topic, Topics.groupOf(topic));
        } catch (RuntimeException e) {
            return new WorkQueue.QueueStats(-1, -1, -1, -1);
        }
    }

    /** Whether the queue answers. */
    public boolean isHealthy() {
        return queue.isHealthy();
    }
}
