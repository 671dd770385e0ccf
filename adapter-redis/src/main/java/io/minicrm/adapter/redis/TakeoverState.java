package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.StreamEntryID;

/**
 * What the {@link EntryReader}s of all threads of one subscription share for taking entries over from other
 * consumers: when the next look at the group's pending entries is due (one thread looks at a time), where the
 * scan stands, the batches one thread took over for the others, and when idle consumers are next pruned.
 */
final class TakeoverState {
    static final long PRUNE_EVERY_MILLIS = TimeUnit.MINUTES.toMillis(10);

    final long reclaimIdleMillis;
    final long reclaimEveryMillis;
    final AtomicLong nextReclaimAt = new AtomicLong();
    final AtomicLong nextPruneAt = new AtomicLong(System.currentTimeMillis() + PRUNE_EVERY_MILLIS);
    volatile StreamEntryID reclaimCursor = EntryReader.START;
    /** Batches taken over by one thread for the others (a dead instance held work for several threads). */
    final ConcurrentLinkedQueue<List<TakenEntry>> handoff = new ConcurrentLinkedQueue<>();

    TakeoverState(RedisWorkQueue queue, WorkQueue.ConsumerSettings cs) {
        long idle = cs.reclaimIdle() == null ? 60_000 : cs.reclaimIdle().toMillis();
        this.reclaimIdleMillis = Math.max(100, idle);
        this.reclaimEveryMillis = queue.livenessCheck().map(d -> Math.max(10, d.toMillis()))
                .orElse(Math.max(50, Math.min(reclaimIdleMillis / 2, 5_000)));
    }
}
