package io.minicrm.adapter.redis;

import io.minicrm.application.cluster.Liveness;
import io.minicrm.application.port.WorkQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * One subscription: {@code concurrency} consumer threads of one group, each a Redis consumer of its own name. Each
 * thread takes, in this order: entries still pending under its name from an earlier run (once, at start), its own
 * failed entries whose retry delay has passed ({@code XCLAIM}), entries other consumers hold that are free to take
 * over (see {@link Reclaim}; one thread of the subscription at a time, every check interval), and new entries
 * ({@code XREADGROUP >}, blocking).
 */
final class RedisConsumer implements WorkQueue.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConsumer.class);
    private static final StreamEntryID START = new StreamEntryID(0, 0);
    private static final long PRUNE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);

    /** A stream entry in hand, with how many times it has been delivered (this delivery included). */
    private record Item(StreamEntryID id, StreamEntry entry, int deliveries) {
    }

    private final RedisWorkQueue queue;
    private final RedisClient client;
    private final RedisQueueSettings settings;
    private final String topic;
    private final String group;
    private final StreamKeys keys;
    private final WorkQueue.ConsumerSettings cs;
    private final WorkQueue.BatchHandler handler;
    private final int[] slots;
    private final long reclaimIdleMillis;
    private final long reclaimEveryMillis;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean aborted;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong nextReclaimAt = new AtomicLong();
    private final AtomicLong nextPruneAt = new AtomicLong(System.currentTimeMillis() + PRUNE_EVERY_MILLIS);
    private volatile StreamEntryID reclaimCursor = START;
    /** Batches taken over by one thread for the others (a dead instance held work for several threads). */
    private final java.util.concurrent.ConcurrentLinkedQueue<List<Item>> handoff =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    RedisConsumer(RedisWorkQueue queue, String topic, String group, StreamKeys keys, WorkQueue.ConsumerSettings cs,
                  WorkQueue.BatchHandler handler, int[] slots) {
        this.queue = queue;
        this.client = queue.client();
        this.settings = queue.settings();
        this.topic = topic;
        this.group = group;
        this.keys = keys;
        this.cs = cs;
        this.handler = handler;
        this.slots = slots;
        long idle = cs.reclaimIdle() == null ? 60_000 : cs.reclaimIdle().toMillis();
        this.reclaimIdleMillis = Math.max(100, idle);
        this.reclaimEveryMillis = queue.livenessCheck().map(d -> Math.max(10, d.toMillis()))
                .orElse(Math.max(50, Math.min(reclaimIdleMillis / 2, 5_000)));
    }

    static String slotKey(String topic, String group) {
        return topic + '\u0000' + group;
    }

    String slotKey() {
        return slotKey(topic, group);
    }

    void start() {
        for (int slot : slots) {
            String name = queue.consumerName(slot);
            Thread t = new Thread(new Worker(name), "redis-queue-" + topic + "-" + group + "-" + slot);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        stopping.countDown();
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        try {
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            for (Thread t : threads) {
                if (t.isAlive() && t != Thread.currentThread()) {
                    LOG.warn("{}/{}: consumer {} still busy after {}; interrupting it (its batch is not acknowledged "
                            + "and will be delivered again)", topic, group, t.getName(), settings.closeTimeout());
                    t.interrupt();
                    t.join(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.closed(this, slots);
        }
    }

    /** Stops without waiting and without acknowledging anything more (see {@link RedisWorkQueue#abort()}). */
    void abort() {
        aborted = true;
        running.set(false);
        stopping.countDown();
        threads.forEach(Thread::interrupt);
        queue.closed(this, slots);
    }

    private final class Worker implements Runnable {
        private final String consumer;
        /** Own failed entries waiting for their retry: id -> when. */
        private final Map<StreamEntryID, Long> retries = new HashMap<>();
        private final Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        private StreamEntryID historyCursor = START;
        private boolean historyDone;
        private boolean failing;

        Worker(String consumer) {
            this.consumer = consumer;
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    List<Item> batch = next();
                    if (failing) {
                        LOG.info("{}/{}: consumer {} is connected to Redis again", topic, group, consumer);
                        failing = false;
                    }
                    backoff.reset();
                    if (!batch.isEmpty()) {
                        process(batch);
                    }
                } catch (RuntimeException e) {
                    if (!aborted) {
                        onFailure(e);
                    }
                }
            }
        }

        private void onFailure(RuntimeException e) {
            if (RedisErrors.isNoGroup(e)) {
                LOG.warn("{}/{}: the stream or group is gone (Redis restarted without its data?); creating it again",
                        topic, group);
                historyDone = false;
                historyCursor = START;
                retries.clear();
                try {
                    queue.ensureGroup(keys, group);
                    return;
                } catch (RuntimeException again) {
                    e = again;
                }
            }
            if (RedisErrors.isTransient(e)) {
                if (!failing) {
                    LOG.warn("{}/{}: consumer {} lost Redis ({}); reconnecting with backoff", topic, group, consumer,
                            e.toString());
                    queue.metrics().count("queue.connection_errors", 1, "topic", topic);
                    failing = true;
                }
            } else {
                LOG.error("{}/{}: consumer {} failed", topic, group, consumer, e);
            }
            pause(backoff.nextMillis());
        }

        private List<Item> next() {
            if (!historyDone) {
                List<Item> own = readOwnPending();
                if (!own.isEmpty()) {
                    return own;
                }
                historyDone = true;
            }
            long now = System.currentTimeMillis();
            List<StreamEntryID> due = new ArrayList<>();
            retries.forEach((id, at) -> {
                if (at <= now && due.size() < cs.batchSize()) {
                    due.add(id);
                }
            });
            if (!due.isEmpty()) {
                List<Item> again = claimOwnRetries(due);
                if (!again.isEmpty()) {
                    return again;
                }
            }
            List<Item> handed = handoff.poll();
            if (handed != null) {
                return handed;
            }
            long reclaimAt = nextReclaimAt.get();
            if (now >= reclaimAt && nextReclaimAt.compareAndSet(reclaimAt, now + reclaimEveryMillis)) {
                List<Item> reclaimed = reclaim();
                if (!reclaimed.isEmpty()) {
                    return reclaimed;
                }
            }
            return readNew(blockMillis(now));
        }

        private int blockMillis(long now) {
            long block = Math.min(cs.block() == null ? 500 : cs.block().toMillis(), settings.maxBlock().toMillis());
            if (queue.livenessCheck().isPresent()) {
                block = Math.min(block, Math.max(1, nextReclaimAt.get() - now)); // wake up for the next look
            }
            for (long at : retries.values()) {
                block = Math.min(block, at - now);
            }
            return (int) Math.max(1, block); // BLOCK 0 would wait forever
        }

        /** Entries pending under this consumer's name from an earlier run: re-read once, oldest first. */
        private List<Item> readOwnPending() {
            List<StreamEntry> entries = read(historyCursor, XReadGroupParams.xReadGroupParams().count(cs.batchSize()));
            if (entries.isEmpty()) {
                return List.of();
            }
            historyCursor = entries.get(entries.size() - 1).getID();
            LOG.info("{}/{}: consumer {} resumes {} entries it had not acknowledged", topic, group, consumer,
                    entries.size());
            return withDeliveryCounts(entries);
        }

        private List<Item> readNew(int block) {
            List<StreamEntry> entries = read(StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY,
                    XReadGroupParams.xReadGroupParams().count(cs.batchSize()).block(block));
            List<Item> items = new ArrayList<>(entries.size());
            for (StreamEntry e : entries) {
                items.add(new Item(e.getID(), e, 1));
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
        private List<Item> claimOwnRetries(List<StreamEntryID> due) {
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
        private List<Item> reclaim() {
            Liveness live = queue.liveness();
            long scanIdle = queue.livenessCheck().isPresent() ? reclaimEveryMillis : reclaimIdleMillis;
            StreamEntryID from = reclaimCursor;
            List<StreamPendingEntry> page = client.xpending(keys.stream(), group, XPendingParams
                    .xPendingParams(from, StreamEntryID.MAXIMUM_ID, cs.batchSize() * 10).idle(scanIdle));
            if (page.size() == cs.batchSize() * 10) {
                reclaimCursor = StreamInspector.successor(page.get(page.size() - 1).getID());
                nextReclaimAt.set(0); // more to scan: continue on the next turn
            } else {
                reclaimCursor = START;
                pruneIdleConsumers();
            }
            int max = cs.batchSize() * slots.length; // work for every thread of the subscription
            Reclaim plan = Reclaim.plan(page, live, queue.instanceId(), name -> queue.isActiveConsumer(slotKey(), name),
                    reclaimEveryMillis, reclaimIdleMillis, max);
            if (plan.size() >= max) {
                reclaimCursor = from; // a full batch taken: the next free thread takes the next one at once
                nextReclaimAt.set(0);
            }
            List<StreamEntry> claimed = new ArrayList<>();
            if (!plan.fromDead().isEmpty()) {
                claimed.addAll(present(client.xclaim(keys.stream(), group, consumer, reclaimEveryMillis,
                        XClaimParams.xClaimParams(), plan.fromDead().toArray(new StreamEntryID[0]))));
            }
            if (!plan.idle().isEmpty()) {
                claimed.addAll(present(client.xclaim(keys.stream(), group, consumer, reclaimIdleMillis,
                        XClaimParams.xClaimParams(), plan.idle().toArray(new StreamEntryID[0]))));
            }
            if (claimed.isEmpty()) {
                return List.of();
            }
            claimed.forEach(e -> retries.remove(e.getID()));
            LOG.info("{}/{}: consumer {} took over {} entries ({})", topic, group, consumer, claimed.size(),
                    plan.describe(reclaimIdleMillis));
            queue.metrics().count("queue.reclaimed", claimed.size(), "topic", topic);
            List<Item> items = withDeliveryCounts(claimed);
            for (int i = cs.batchSize(); i < items.size(); i += cs.batchSize()) {
                handoff.add(new ArrayList<>(items.subList(i, Math.min(items.size(), i + cs.batchSize()))));
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
        private List<Item> withDeliveryCounts(List<StreamEntry> entries) {
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
            List<Item> items = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                List<StreamPendingEntry> found = answers.get(i).get();
                if (!found.isEmpty()) {
                    items.add(new Item(entries.get(i).getID(), entries.get(i), (int) found.get(0).getDeliveredTimes()));
                }
            }
            return items;
        }

        private void process(List<Item> batch) {
            List<Item> live = new ArrayList<>(batch.size());
            for (Item item : batch) {
                if (item.deliveries() > cs.maxDeliveries()) {
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
            for (Item item : live) {
                delivered.add(new WorkQueue.Delivered(item.id().toString(), EntryCodec.toMessage(item.entry().getFields()),
                        item.deliveries()));
            }
            Map<String, String> failed = handle(delivered);
            if (aborted) {
                return; // a crash acknowledges nothing
            }
            List<StreamEntryID> done = new ArrayList<>(live.size());
            List<Item> failures = new ArrayList<>();
            for (Item item : live) {
                if (failed.containsKey(item.id().toString())) {
                    failures.add(item);
                } else {
                    done.add(item.id());
                }
            }
            acknowledge(done);
            long now = System.currentTimeMillis();
            for (Item item : failures) {
                String error = failed.get(item.id().toString());
                if (item.deliveries() >= cs.maxDeliveries()) {
                    deadLetter(item, error);
                } else {
                    retries.put(item.id(), now + Backoff.retryDelayMillis(settings.retryDelay(), settings.retryDelayMax(),
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
                return allFailed(batch, io.minicrm.application.support.Reasons.of(e));
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
                queue.retrying("acknowledge " + ids.size() + " entries of " + topic, settings.publishTimeout(),
                        () -> client.xack(keys.stream(), group, ids.toArray(new StreamEntryID[0])));
                queue.metrics().count("queue.acked", ids.size(), "topic", topic);
            } catch (RuntimeException e) {
                LOG.warn("{}/{}: could not acknowledge {} handled entries; they will be delivered again (handlers are "
                        + "idempotent): {}", topic, group, ids.size(), e.toString());
            }
        }

        private void deadLetter(Item item, String error) {
            retries.remove(item.id());
            if (aborted) {
                return;
            }
            List<String> args = new ArrayList<>();
            args.add(group);
            args.add(item.id().toString());
            args.add(Long.toString(settings.deadLetterMaxLength()));
            args.addAll(EntryCodec.deadLetterArgs(item.id().toString(), EntryCodec.toMessage(item.entry().getFields()),
                    item.deliveries(), error, group, consumer, System.currentTimeMillis()));
            try {
                Object moved = queue.retrying("dead-letter " + item.id() + " of " + topic, settings.publishTimeout(),
                        () -> client.eval(Scripts.DEAD_LETTER, List.of(keys.stream(), keys.dead(), keys.deadCount()),
                                args));
                if (Long.valueOf(1).equals(moved)) {
                    LOG.warn("{}/{}: entry {} dead-lettered after {} deliveries: {}", topic, group, item.id(),
                            item.deliveries(), error);
                    queue.metrics().count("queue.dead_lettered", 1, "topic", topic);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}/{}: could not dead-letter entry {} (it stays pending and is tried again): {}", topic, group,
                        item.id(), e.toString());
            }
        }

        /**
         * Removes consumers of the group that own nothing and have not been seen for a long time (instances that
         * stopped for good under another id), so the group's consumer list does not grow without end.
         */
        private void pruneIdleConsumers() {
            long now = System.currentTimeMillis();
            long at = nextPruneAt.get();
            if (now < at || !nextPruneAt.compareAndSet(at, now + PRUNE_EVERY_MILLIS)) {
                return;
            }
            long idleLimit = Math.max(TimeUnit.HOURS.toMillis(1), 10 * reclaimIdleMillis);
            Set<String> ours = new HashSet<>();
            for (int slot : slots) {
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

        private void pause(long millis) {
            try {
                stopping.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }
    }
}
