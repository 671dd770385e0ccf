package io.minicrm.adapter.mongo.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes writes durable in groups: a write runs under the shared side of the commit lock
 * ({@link #write}), then asks to be told when it is on disk ({@link #afterCommit}). One committer thread
 * takes everyone who is waiting, commits the store (a new MVStore version holding every change so far)
 * and forces the file to disk (fsync), then tells them all. Writes arriving meanwhile wait for the next
 * round, so concurrent writers share one fsync and a busy store syncs as often as the disk allows.
 *
 * <p>A commit takes the exclusive side of the lock, so it never lands in the middle of a write: a
 * document and its index entries reach the disk together or not at all. Writes nobody waits for
 * (write concern {@code j: false}) are committed at the latest after {@link #IDLE_COMMIT_MS}. A failed
 * commit (disk full, I/O error) is reported to every waiter, and to every later one: the store is then
 * closed by MVStore, and nothing is acknowledged as durable that is not.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    /** Longest time a change nobody waits for stays uncommitted. */
    static final long IDLE_COMMIT_MS = 200;

    private volatile MVStore store;
    private final Runnable idleWork;
    private final java.util.function.LongConsumer synced;
    private final CommitLock lock;
    private final Object monitor = new Object();
    private List<Consumer<Throwable>> waiting = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong syncNanos = new AtomicLong();
    private final AtomicLong commitNanos = new AtomicLong();
    private final AtomicLong waiters = new AtomicLong();
    private volatile long lastChange = System.nanoTime();

    /**
     * @param idleWork run by the committer thread between rounds, at most once a second (housekeeping such as
     *                 compaction); it may take the exclusive lock through {@link #exclusively}
     * @param synced   told each version that is on disk (after the fsync)
     */
    GroupCommit(MVStore store, CommitLock lock, Runnable idleWork, java.util.function.LongConsumer synced) {
        this.store = store;
        this.lock = lock;
        this.idleWork = idleWork;
        this.synced = synced;
        this.thread = new Thread(this::run, "store-commit");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs a write; a commit waits for it to finish. */
    <T> T write(Supplier<T> action) {
        return lock.shared(action);
    }

    /** Runs {@code action} with no write in progress and none starting (a consistent cut of the store). */
    <T> T exclusively(Supplier<T> action) {
        return lock.exclusive(action);
    }

    /**
     * Calls {@code callback} once every write finished before this call is on disk: with null, or with
     * the error that kept it from getting there. The callback runs on the committer thread and must not block.
     */
    void afterCommit(Consumer<Throwable> callback) {
        Throwable failed = failure;
        if (failed == null) {
            synchronized (monitor) {
                if (running) {
                    waiting.add(callback);
                    monitor.notifyAll();
                    return;
                }
            }
            failed = new IllegalStateException("the store is closed");
        }
        callback.accept(failed);
    }

    /** Commits to {@code next} from now on (a compaction swapped the file; called under the exclusive lock). */
    void store(MVStore next) {
        this.store = next;
    }

    /** Commits and syncs now, on the caller's thread (close, backup). */
    void commitNow() {
        commitAndSync();
    }

    private void run() {
        long lastIdleWork = System.nanoTime();
        while (true) {
            List<Consumer<Throwable>> batch;
            synchronized (monitor) {
                if (waiting.isEmpty() && running) {
                    try {
                        monitor.wait(IDLE_COMMIT_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                batch = waiting;
                waiting = new ArrayList<>();
                if (!running && batch.isEmpty()) {
                    return;
                }
            }
            Throwable error = failure;
            if (error == null) {
                try {
                    commitAndSync();
                } catch (Throwable t) {
                    LOG.error("the embedded store could not write to disk; writes are refused from now on: {}", t.toString());
                    failure = t;
                    error = t;
                }
            }
            waiters.addAndGet(batch.size());
            for (Consumer<Throwable> callback : batch) {
                try {
                    callback.accept(error);
                } catch (RuntimeException e) {
                    LOG.warn("commit callback failed: {}", e.toString());
                }
            }
            if (failure == null && System.nanoTime() - lastIdleWork > TimeUnit.SECONDS.toNanos(1)) {
                lastIdleWork = System.nanoTime();
                try {
                    idleWork.run();
                } catch (RuntimeException e) {
                    LOG.warn("store housekeeping failed: {}", e.toString());
                }
            }
        }
    }

    private void commitAndSync() {
        long start = System.nanoTime();
        long[] result = lock.exclusive(() -> {
            boolean changed = store.hasUnsavedChanges();
            if (changed) {
                store.commit();
            }
            return new long[] {changed ? 1 : 0, store.getCurrentVersion()};
        });
        boolean changed = result[0] == 1;
        long version = result[1];
        if (changed) {
            long committed = System.nanoTime();
            store.sync();
            long done = System.nanoTime();
            commits.incrementAndGet();
            lastChange = done;
            commitNanos.addAndGet(committed - start);
            syncNanos.addAndGet(done - committed);
            synced.accept(version);
        }
    }

    /** Milliseconds since the last commit that wrote a change. */
    long idleMillis() {
        return (System.nanoTime() - lastChange) / 1_000_000;
    }

    /** Figures for serverStatus: commits, writes acknowledged, time spent writing and syncing. */
    Stats stats() {
        return new Stats(commits.get(), waiters.get(), commitNanos.get() / 1_000_000, syncNanos.get() / 1_000_000);
    }

    record Stats(long commits, long acknowledgedWrites, long commitMillis, long syncMillis) {
    }

    /** Stops at once without another commit, as a crash would (tests): waiters are told the store is gone. */
    void abort() {
        failure = new IllegalStateException("the store was halted");
        close();
    }

    /** Stops the thread after a last round (everyone waiting is answered). */
    @Override
    public void close() {
        synchronized (monitor) {
            running = false;
            monitor.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
