package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.Reasons;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;

/**
 * The processing side of one consumer thread: runs the subscriber's handler on the entries {@link EntryReader}
 * took, acknowledges them ({@code XACK}), schedules the failed ones for a retry under the same consumer, and moves
 * entries that used up their deliveries to the dead-letter stream. After an abort it acknowledges nothing more, as
 * a crash would not.
 */
final class EntryProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(EntryProcessor.class);

    private final ConsumerGroup cg;
    private final RedisQueueSettings settings;
    private final String topic;
    private final String group;
    private final StreamKeys keys;
    private final WorkQueue.BatchHandler handler;
    private final String consumer;
    private final Retries retries;
    private final BooleanSupplier aborted;

    EntryProcessor(ConsumerGroup cg, WorkQueue.BatchHandler handler, String consumer, Retries retries,
                   BooleanSupplier aborted) {
        this.cg = cg;
        this.settings = cg.settings();
        this.topic = cg.topic();
        this.group = cg.group();
        this.keys = cg.keys();
        this.handler = handler;
        this.consumer = consumer;
        this.retries = retries;
        this.aborted = aborted;
    }

    /**
     * Hands the batch to the handler; acknowledges what it handled, schedules a retry of what failed, and
     * dead-letters an entry that failed, or was delivered without acknowledgement, {@code maxDeliveries} times.
     */
    void process(List<TakenEntry> batch) {
        List<TakenEntry> live = new ArrayList<>(batch.size());
        for (TakenEntry item : batch) {
            if (item.deliveries() > cg.cs().maxDeliveries()) {
                deadLetter(item, "abandoned: delivered " + item.deliveries()
                        + " times without being acknowledged (its consumers crashed or timed out)");
            } else {
                live.add(item);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        List<WorkQueue.Delivered> delivered = new ArrayList<>(live.size());
        for (TakenEntry item : live) {
            delivered.add(new WorkQueue.Delivered(item.id().toString(), EntryCodec.toMessage(item.entry().getFields()),
                    item.deliveries()));
        }
        Map<String, String> failed = handle(delivered);
        if (aborted.getAsBoolean()) {
            return; // a crash acknowledges nothing
        }
        List<StreamEntryID> done = new ArrayList<>(live.size());
        List<TakenEntry> failures = new ArrayList<>();
        for (TakenEntry item : live) {
            if (failed.containsKey(item.id().toString())) {
                failures.add(item);
            } else {
                done.add(item.id());
            }
        }
        acknowledge(done);
        long now = System.currentTimeMillis();
        for (TakenEntry item : failures) {
            String error = failed.get(item.id().toString());
            if (item.deliveries() >= cg.cs().maxDeliveries()) {
                deadLetter(item, error);
            } else {
                retries.schedule(item.id(), now + Backoff.retryDelayMillis(settings.retryDelay(), settings.retryDelayMax(),
                        item.deliveries()));
            }
        }
    }

    private Map<String, String> handle(List<WorkQueue.Delivered> batch) {
        try {
            WorkQueue.Outcome outcome = handler.handle(batch);
            return outcome == null ? Map.of() : outcome.failed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return allFailed(batch, "interrupted");
        } catch (VirtualMachineError e) {
            throw e; // out of memory or stack: the process cannot go on (the uncaught handler ends it)
        } catch (Exception | Error e) {
            // whatever the handler threw, the consumer lives on and the batch is delivered again
            LOG.warn("{}/{}: handler failed on a batch of {}: {}", topic, group, batch.size(), e.toString());
            return allFailed(batch, Reasons.of(e));
        }
    }

    private Map<String, String> allFailed(List<WorkQueue.Delivered> batch, String error) {
        Map<String, String> failed = new HashMap<>();
        for (WorkQueue.Delivered d : batch) {
            failed.put(d.id(), error);
        }
        return failed;
    }

    private void acknowledge(List<StreamEntryID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        try {
            cg.queue().retrying("acknowledge " + ids.size() + " entries of " + topic, settings.publishTimeout(),
                    () -> cg.client().xack(keys.stream(), group, ids.toArray(new StreamEntryID[0])));
            cg.queue().metrics().count("queue.acked", ids.size(), "topic", topic);
        } catch (RuntimeException e) {
            LOG.warn("{}/{}: could not acknowledge {} handled entries; they will be delivered again (handlers are "
                    + "idempotent): {}", topic, group, ids.size(), e.toString());
        }
    }

    private void deadLetter(TakenEntry item, String error) {
        retries.remove(item.id());
        if (aborted.getAsBoolean()) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(group);
        args.add(item.id().toString());
        args.add(Long.toString(settings.deadLetterMaxLength()));
        args.addAll(EntryCodec.deadLetterArgs(item.id().toString(), EntryCodec.toMessage(item.entry().getFields()),
                item.deliveries(), error, group, consumer, System.currentTimeMillis()));
        try {
            Object moved = cg.queue().retrying("dead-letter " + item.id() + " of " + topic, settings.publishTimeout(),
                    () -> cg.client().eval(Scripts.DEAD_LETTER, List.of(keys.stream(), keys.dead(), keys.deadCount()),
                            args));
            if (Long.valueOf(1).equals(moved)) {
                LOG.warn("{}/{}: entry {} dead-lettered after {} deliveries: {}", topic, group, item.id(),
                        item.deliveries(), error);
                cg.queue().metrics().count("queue.dead_lettered", 1, "topic", topic);
            }
        } catch (RuntimeException e) {
            LOG.warn("{}/{}: could not dead-letter entry {} (it stays pending and is tried again): {}", topic, group,
                    item.id(), e.toString());
        }
    }
}
