package io.minicrm.bootstrap;

/** An opened store: its repositories, whether it answers, and how to close it. */
interface StoreParts extends AutoCloseable {
    Ports.Stores stores();

    /** Whether the store answers (readiness). */
    boolean isHealthy();

    /** One line for a banner: which store, where. */
    String describe();

    /**
     * Writes a consistent snapshot of the store to {@code out} while it keeps serving, where the store can
     * (the embedded store in a data directory); empty elsewhere (MongoDB has its own backup tools).
     */
    default java.util.Optional<Backup> backup() {
        return java.util.Optional.empty();
    }

    /**
     * True when this process alone owns the data (the embedded store in a locked data directory): whatever
     * the previous run of this process held (leases) died with it.
     */
    default boolean ownsItsData() {
        return false;
    }

    /** A snapshot writer. */
    interface Backup {
        void writeTo(java.io.OutputStream out) throws java.io.IOException;
    }

    /** Drops everything at once, as a crash would (nothing more reaches the disk). */
    default void halt() {
        close();
    }

    @Override
    void close();
}
