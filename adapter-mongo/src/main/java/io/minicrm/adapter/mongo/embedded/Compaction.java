package io.minicrm.adapter.mongo.embedded;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store file near the size of its live data. MVStore never updates in place: each commit
 * writes the changed pages to a new chunk, and a chunk's space is reused only once none of its pages
 * is live; random updates (a campaign updates every delivery row three times, receipts arrive in any
 * order) leave many chunks with a few live pages each, and the file grows to several times its data.
 * Two measures: every {@link #STEP_INTERVAL_MS} MVStore's own housekeeping rewrites the sparsest chunks
 * (bounded work, no write in progress); and when the store has been idle for
 * {@link #IDLE_BEFORE_REWRITE_MS} and its file has doubled since it was opened or last rewritten, the live
 * data is written into a fresh file that replaces the old one ({@code DurableStore#compact}).
 */
public final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
    /** Housekeeping runs at most this often. */
    static final long STEP_INTERVAL_MS = 10_000;
    /** The file is rewritten when the store has had no change for this long... */
    static final long IDLE_BEFORE_REWRITE_MS = 30_000;
    /** ...it is at least this big... */
    static final long MIN_REWRITE_BYTES = 16L << 20;
    /* ...and it has doubled since it was opened or last rewritten. */
    /** Target of a compaction run. */
    static final int TARGET_FILL_RATE = 90;

    private volatile MVStore store;
    private final java.util.function.LongSupplier idleMillis;
    private final java.util.function.Supplier<Result> rewrite;
    private volatile long baseline;
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong busyNanos = new AtomicLong();
    private volatile GroupCommit commits;
    private volatile long lastRun;

    /**
     * MVStore's own housekeeping (what its background writer does, which this store does not run because it
     * commits itself): rewrites chunks with little live data and moves chunks to close gaps in the file.
     */
    private void housekeeping() {
        try {
            java.lang.reflect.Method m = org.h2.mvstore.FileStore.class.getDeclaredMethod("doHousekeeping", MVStore.class);
            m.setAccessible(true);
            m.invoke(store.getFileStore(), store);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MVStore housekeeping unavailable: " + e, e);
        }
    }

    /** Sizes and fill rates (percent live) before and after a run. */
    public record Result(long bytesBefore, long bytesAfter, int fillRateBefore, int fillRateAfter, long millis) {
    }

    /**
     * @param idleMillis how long the store has been without changes
     * @param rewrite    writes the live data into a fresh file and swaps it in ({@code DurableStore})
     */
    Compaction(MVStore store, java.util.function.LongSupplier idleMillis, java.util.function.Supplier<Result> rewrite) {
        this.store = store;
        this.idleMillis = idleMillis;
        this.rewrite = rewrite;
        this.baseline = Math.max(MIN_REWRITE_BYTES / 2, store.getFileStore().size());
    }

    /** The store in use from now on (after a swap); {@code size} is its file size, the new baseline. */
    void swapped(MVStore next, long size) {
        this.store = next;
        this.baseline = Math.max(MIN_REWRITE_BYTES / 2, size);
    }

    void attach(GroupCommit commits) {
        this.commits = commits;
    }

    void pause() {
        pauses.incrementAndGet();
    }

    void resume() {
        pauses.decrementAndGet();
    }

    boolean paused() {
        return pauses.get() > 0;
    }

    long runs() {
        return runs.get();
    }

    /**
     * Called by the committer between rounds: at most every {@link #STEP_INTERVAL_MS}, one round of MVStore's
     * housekeeping with no write in progress (it decides itself whether the file is sparse or fragmented enough
     * to rewrite or move chunks, within its own time limits).
     */
    void atIdle() {
        if (pauses.get() > 0 || store.isClosed() || System.currentTimeMillis() - lastRun < STEP_INTERVAL_MS) {
            return;
        }
        lastRun = System.currentTimeMillis();
        long size = store.getFileStore().size();
        if (idleMillis.getAsLong() >= IDLE_BEFORE_REWRITE_MS && size >= MIN_REWRITE_BYTES && size > 2 * baseline) {
            Result r = rewrite.get();
            LOG.info("compacted the store file while idle: {} MB -> {} MB in {} ms", r.bytesBefore() >> 20,
                    r.bytesAfter() >> 20, r.millis());
            return;
        }
        step();
    }

    private void step() {
        long start = System.nanoTime();
        commits.exclusively(() -> {
            housekeeping();
            commits.commitNow();
            return null;
        });
        busyNanos.addAndGet(System.nanoTime() - start);
        runs.incrementAndGet();
    }

    /** Milliseconds writers waited for housekeeping so far. */
    long busyMillis() {
        return busyNanos.get() / 1_000_000;
    }

}
