package io.minicrm.application.port;

/** Where use cases report what they did (counts); an adapter turns it into real metrics. */
@FunctionalInterface
public interface Metrics {
    Metrics NONE = (name, amount, tags) -> { };

    /** Adds {@code amount} to counter {@code name}; {@code tags} are key, value pairs. */
    void count(String name, long amount, String... tags);
}
