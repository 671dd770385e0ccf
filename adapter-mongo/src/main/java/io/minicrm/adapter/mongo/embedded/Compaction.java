package io.minicrm.adapter.mongo.embedded;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store file near the size of its live data. MVStore never updates in place: each commit
 * writes the changed pages to a new chunk and leaves the old copies as garbage (a campaign updates
 * every delivery row three times). Space of chunks left without live pages is reused after
 * {@link DurableStore#RETENTION_MS}; chunks left sparse (a few live pages among dead ones) are
 * rewritten here, when the store is idle, so their space can be reused too; then the chunks at the
 * end of the file are moved into free space before it and the file's end is cut off.
 */
public final class Compaction {
    private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);
    /** Compact when idle and the file is at least this big. */
    static final long MIN_FILE_BYTES = 8L << 20;
    /** Target of a compaction run. */
    static final int TARGET_FILL_RATE = 90;

    private final MVStore store;
    private final AtomicInteger pauses = new AtomicInteger();
    private final AtomicLong runs = new AtomicLong();
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

    /** Commits, waits until the space freed is reusable ({@link DurableStore#RETENTION_MS}), commits again. */
    private void settle() {
        commits.commitNow();
        try {
            Thread.sleep(DurableStore.RETENTION_MS + 200L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commits.commitNow();
    }

    /** Sizes and fill rates (percent live) before and after a run. */
    public record Result(long bytesBefore, long bytesAfter, int fillRateBefore, int fillRateAfter, long millis) {
    }

    Compaction(MVStore store) {
        this.store = store;
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

    long runs() {
        return runs.get();
    }

    /** Called by the committer when nothing waits: compacts when worth it, at most once a minute. */
    void atIdle() {
        if (pauses.get() > 0 || store.isClosed() || System.currentTimeMillis() - lastRun < 60_000) {
            return;
        }
        long size = store.getFileStore().size();
        if (size < MIN_FILE_BYTES) {
            return;
        }
        Result r = run();
        if (r.bytesAfter() == r.bytesBefore() && r.fillRateAfter() == r.fillRateBefore()) {
            return;
        }
        LOG.info("compacted the store file: {} MB -> {} MB (live {}% -> {}%) in {} ms", r.bytesBefore() >> 20,
                r.bytesAfter() >> 20, r.fillRateBefore(), r.fillRateAfter(), r.millis());
    }

    /** Rewrites sparse chunks and shrinks the file. */
    synchronized Result run() {
        lastRun = System.currentTimeMillis();
        long start = System.nanoTime();
        long before = store.getFileStore().size();
        int fillBefore = store.getFillRate();
        if (pauses.get() == 0) {
            for (int round = 0; round < 6; round++) {
                settle(); // space freed by the last commits becomes reusable, so rewritten pages fill holes
                long size = store.getFileStore().size();
                commits.exclusively(() -> {
                    housekeeping();
                    commits.commitNow();
                    return null;
                });
                if (store.getFileStore().size() >= size && round > 0) {
                    break;
                }
            }
            settle();
        }
        runs.incrementAndGet();
        return new Result(before, store.getFileStore().size(), fillBefore, store.getFillRate(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
