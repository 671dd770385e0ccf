package io.minicrm.bootstrap;

/** An opened store: its repositories, whether it answers, and how to close it. */
interface StoreParts extends AutoCloseable {
    Ports.Stores stores();

    /** Whether the store answers (readiness). */
    boolean isHealthy();

    /** One line for a banner: which store, where. */
    String describe();

    /** Drops everything at once, as a crash would (nothing more reaches the disk). */
    default void halt() {
        close();
    }

    @Override
    void close();
}
