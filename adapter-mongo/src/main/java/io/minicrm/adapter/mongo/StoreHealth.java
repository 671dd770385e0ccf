package io.minicrm.adapter.mongo;

import java.time.Duration;

/** Outcome of a health check: whether the database answered a ping, how fast, and what went wrong. */
public record StoreHealth(boolean up, Duration latency, String detail) {
    public static StoreHealth up(Duration latency) {
        return new StoreHealth(true, latency, "ok");
    }

    public static StoreHealth down(Duration latency, String detail) {
        return new StoreHealth(false, latency, detail);
    }
}
