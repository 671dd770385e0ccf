package io.minicrm.adapter.mongo.embedded;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps a commit from landing in the middle of a change that spans several maps (a document and its
 * index entries): changes hold the shared side, a commit the exclusive side. Document writes hold it
 * per document ({@link DurableCollection}), other writing commands for the whole command
 * ({@link DurableWireServer}), so a commit waits for the documents being written at that moment, not for
 * whole bulks.
 */
final class CommitLock {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    <T> T shared(Supplier<T> change) {
        lock.readLock().lock();
        try {
            return change.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    void shared(Runnable change) {
        shared(() -> {
            change.run();
            return null;
        });
    }

    <T> T exclusive(Supplier<T> action) {
        lock.writeLock().lock();
        try {
            return action.get();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
