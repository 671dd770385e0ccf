package io.minicrm.adapter.redis;

import io.minicrm.application.port.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Sums the counters the queue reports, by name. */
final class RecordingMetrics implements Metrics {
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public void count(String name, long amount, String... tags) {
        counters.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(amount);
    }

    long get(String name) {
        AtomicLong v = counters.get(name);
        return v == null ? 0 : v.get();
    }
}
