package io.minicrm.adapter.redis;

import io.minicrm.application.cluster.Liveness;
import io.minicrm.application.port.WorkQueue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * The reading side of one consumer thread: chooses and claims the entries it processes next, in this order:
 * entries still pending under its name from an earlier run (once, at start), its own failed entries whose retry
 * delay has passed ({@code XCLAIM}), batches another thread of the subscription took over for it, entries other
 * consumers hold that are free to take over (see {@link Reclaim}; one thread of the subscription at a time, every
 * check interval), and new entries ({@code XREADGROUP >}, blocking). Processing them is {@link EntryProcessor}'s.
 */
final class EntryReader {
    private static final Logger LOG = LoggerFactory.getLogger(EntryReader.class);
    static final StreamEntryID START = new StreamEntryID(0, 0);

    private final ConsumerGroup cg;
    private final TakeoverState takeover;
    private final RedisWorkQueue queue;
    private final RedisClient client;
    private final RedisQueueSettings settings;
    private final String topic;
    private final String group;
    private final StreamKeys keys;
    private final WorkQueue.ConsumerSettings cs;
    private final String consumer;
    private final Retries retries;
    private StreamEntryID historyCursor = START;
    private boolean historyDone;

    EntryReader(ConsumerGroup cg, TakeoverState takeover, String consumer, Retries retries) {
        this.cg = cg;
        this.takeover = takeover;
        this.queue = cg.queue();
        this.client = cg.client();
        this.settings = cg.settings();
        this.topic = cg.topic();
        this.group = cg.group();
        this.keys = cg.keys();
        this.cs = cg.cs();
        this.consumer = consumer;
        this.retries = retries;
    }

    /** After the stream or group was created again: read this consumer's pending entries again from the start. */
    void restart() {
        historyDone = false;
        historyCursor = START;
        retries.clear();
    }

    /** The next entries to process, in the order of the class comment; empty when none came within the block time. */
    List<TakenEntry> next() {
        if (!historyDone) {
            List<TakenEntry> own = readOwnPending();
            if (!own.isEmpty()) {
                return own;
            }
            historyDone = true;
        }
        long now = System.currentTimeMillis();
        List<StreamEntryID> due = retries.dueAt(now, cs.batchSize());
        if (!due.isEmpty()) {
            List<TakenEntry> again = claimOwnRetries(due);
            if (!again.isEmpty()) {
                return again;
            }
        }
        List<TakenEntry> handed = takeover.handoff.poll();
        if (handed != null) {
            return handed;
        }
        long reclaimAt = takeover.nextReclaimAt.get();
        if (now >= reclaimAt && takeover.nextReclaimAt.compareAndSet(reclaimAt, now + takeover.reclaimEveryMillis)) {
            List<TakenEntry> reclaimed = reclaim();
            if (!reclaimed.isEmpty()) {
                return reclaimed;
            }
        }
        return readNew(blockMillis(now));
    }

    private int blockMillis(long now) {
        long block = Math.min(cs.block() == null ? 500 : cs.block().toMillis(), settings.maxBlock().toMillis());
        if (queue.livenessCheck().isPresent()) {
            block = Math.min(block, Math.max(1, takeover.nextReclaimAt.get() - now)); // wake up for the next look
        }
        block = retries.waitMillis(now, block);
        return (int) Math.max(1, block); // BLOCK 0 would wait forever
    }

    /** Entries pending under this consumer's name from an earlier run: re-read once, oldest first. */
    private List<TakenEntry> readOwnPending() {
        List<StreamEntry> entries = read(historyCursor, XReadGroupParams.xReadGroupParams().count(cs.batchSize()));
        if (entries.isEmpty()) {
            return List.of();
        }
        historyCursor = entries.get(entries.size() - 1).getID();
        LOG.info("{}/{}: consumer {} resumes {} entries it had not acknowledged", topic, group, consumer,
                entries.size());
        return withDeliveryCounts(entries);
    }

    private List<TakenEntry> readNew(int block) {
        List<StreamEntry> entries = read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY,
                XReadGroupParams.xReadGroupParams().count(cs.batchSize()).block(block));
        List<TakenEntry> items = new ArrayList<>(entries.size());
        for (StreamEntry e : entries) {
            items.add(new TakenEntry(e.getID(), e, 1));
        }
        return items;
    }

    private List<StreamEntry> read(StreamEntryID from, XReadGroupParams params) {
        List<Map.Entry<String, List<StreamEntry>>> result =
                client.xreadGroup(group, consumer, params, Map.of(keys.stream(), from));
        if (result == null || result.isEmpty() || result.get(0).getValue() == null) {
            return List.of();
        }
        return result.get(0).getValue();
    }

    /** Claims this consumer's own failed entries again (which increments their delivery count). */
    private List<TakenEntry> claimOwnRetries(List<StreamEntryID> due) {
        List<StreamEntry> claimed = client.xclaim(keys.stream(), group, consumer, settings.retryDelay().toMillis() / 2,
                XClaimParams.xClaimParams(), due.toArray(new StreamEntryID[0]));
        due.forEach(retries::remove); // only now: if Redis was unreachable they stay scheduled
        return withDeliveryCounts(present(claimed));
    }

    /**
     * Claims the entries of other consumers that are free to take over (see {@link Reclaim}), scanning the
     * group's pending entries a page at a time: up to a batch for every thread of the subscription at once, so
     * nothing stays with a dead instance; this thread handles the first batch, the others take the rest as they
     * come free.
     */
    private List<TakenEntry> reclaim() {
        Liveness live = queue.liveness();
        long scanIdle = queue.livenessCheck().isPresent() ? takeover.reclaimEveryMillis : takeover.reclaimIdleMillis;
        StreamEntryID from = takeover.reclaimCursor;
        List<StreamPendingEntry> page = client.xpending(keys.stream(), group, XPendingParams
                .xPendingParams(from, StreamEntryID.MAXIMUM_ID, cs.batchSize() * 10).idle(scanIdle));
        if (page.size() == cs.batchSize() * 10) {
            takeover.reclaimCursor = StreamInspector.successor(page.get(page.size() - 1).getID());
            takeover.nextReclaimAt.set(0); // more to scan: continue on the next turn
        } else {
            takeover.reclaimCursor = START;
            pruneIdleConsumers();
        }
        int max = cs.batchSize() * cg.slots().length; // work for every thread of the subscription
        Reclaim plan = Reclaim.plan(page, live, queue.instanceId(), name -> queue.isActiveConsumer(cg.slotKey(), name),
                takeover.reclaimEveryMillis, takeover.reclaimIdleMillis, max);
        if (plan.size() >= max) {
            takeover.reclaimCursor = from; // a full batch taken: the next free thread takes the next one at once
            takeover.nextReclaimAt.set(0);
        }
        List<StreamEntry> claimed = new ArrayList<>();
        if (!plan.fromDead().isEmpty()) {
            claimed.addAll(present(client.xclaim(keys.stream(), group, consumer, takeover.reclaimEveryMillis,
                    XClaimParams.xClaimParams(), plan.fromDead().toArray(new StreamEntryID[0]))));
        }
        if (!plan.idle().isEmpty()) {
            claimed.addAll(present(client.xclaim(keys.stream(), group, consumer, takeover.reclaimIdleMillis,
                    XClaimParams.xClaimParams(), plan.idle().toArray(new StreamEntryID[0]))));
        }
        if (claimed.isEmpty()) {
            return List.of();
        }
        claimed.forEach(e -> retries.remove(e.getID()));
        LOG.info("{}/{}: consumer {} took over {} entries ({})", topic, group, consumer, claimed.size(),
                plan.describe(takeover.reclaimIdleMillis));
        queue.metrics().count("queue.reclaimed", claimed.size(), "topic", topic);
        List<TakenEntry> items = withDeliveryCounts(claimed);
        for (int i = cs.batchSize(); i < items.size(); i += cs.batchSize()) {
            takeover.handoff.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + cs.batchSize()))));
        }
        return items.size() <= cs.batchSize() ? items : new ArrayList<>(items.subList(0, cs.batchSize()));
    }

    /**
     * The entries of a claim that still exist. Redis 6.2 answers {@code nil} for a pending entry whose data was
     * deleted (Redis 7 drops them from the pending list itself): such entries are acknowledged here, with a warning,
     * since nothing can process them.
     */
    private List<StreamEntry> present(List<StreamEntry> claimed) {
        if (claimed == null) {
            return List.of();
        }
        List<StreamEntry> out = new ArrayList<>(claimed.size());
        boolean vanished = false;
        for (StreamEntry e : claimed) {
            if (e == null || e.getFields() == null) {
                vanished = true;
            } else {
                out.add(e);
            }
        }
        if (vanished) {
            dropVanished();
        }
        return out;
    }

    private void dropVanished() {
        List<StreamPendingEntry> mine = client.xpending(keys.stream(), group,
                XPendingParams.xPendingParams().count(1000).consumer(consumer));
        for (StreamPendingEntry p : mine) {
            if (client.xrange(keys.stream(), p.getID(), p.getID(), 1).isEmpty()) {
                client.xack(keys.stream(), group, p.getID());
                LOG.warn("{}/{}: pending entry {} was deleted from the stream by someone else; acknowledged",
                        topic, group, p.getID());
            }
        }
    }

    /** Reads each entry's delivery count (XPENDING); entries no longer pending under this consumer are skipped. */
    private List<TakenEntry> withDeliveryCounts(List<StreamEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Response<List<StreamPendingEntry>>> answers = new ArrayList<>(entries.size());
        try (Pipeline p = client.pipelined()) {
            for (StreamEntry e : entries) {
                answers.add(p.xpending(keys.stream(), group,
                        XPendingParams.xPendingParams(e.getID(), e.getID(), 1).consumer(consumer)));
            }
            p.sync();
        }
        List<TakenEntry> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            List<StreamPendingEntry> found = answers.get(i).get();
            if (!found.isEmpty()) {
                items.add(new TakenEntry(entries.get(i).getID(), entries.get(i), (int) found.get(0).getDeliveredTimes()));
            }
        }
        return items;
    }

    /**
     * Removes consumers of the group that own nothing and have not been seen for a long time (instances that
     * stopped for good under another id), so the group's consumer list does not grow without end.
     */
    private void pruneIdleConsumers() {
        long now = System.currentTimeMillis();
        long at = takeover.nextPruneAt.get();
        if (now < at || !takeover.nextPruneAt.compareAndSet(at, now + TakeoverState.PRUNE_EVERY_MILLIS)) {
            return;
        }
        long idleLimit = Math.max(TimeUnit.HOURS.toMillis(1), 10 * takeover.reclaimIdleMillis);
        Set<String> ours = new HashSet<>();
        for (int slot : cg.slots()) {
            ours.add(queue.consumerName(slot));
        }
        for (StreamConsumerInfo c : client.xinfoConsumers2(keys.stream(), group)) {
            if (c.getPending() == 0 && c.getIdle() > idleLimit && !ours.contains(c.getName())) {
                client.xgroupDelConsumer(keys.stream(), group, c.getName());
                LOG.info("{}/{}: removed consumer {} (idle {} ms, nothing pending)", topic, group, c.getName(),
                        c.getIdle());
            }
        }
    }
}
