package io.minicrm.application.testing;

import io.minicrm.application.port.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Metrics that remember the totals per counter name (tags ignored). */
public final class CountingMetrics implements Metrics {
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();

    @Override
    public void count(String name, long amount, String... tags) {
        totals.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(amount);
    }

    public long total(String name) {
        AtomicLong n = totals.get(name);
        return n == null ? 0 : n.get();
    }
}
