package io.minicrm.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.minicrm.application.port.Metrics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** The application's {@link Metrics} port on Micrometer counters (Prometheus names: dots become underscores, {@code _total}). */
final class MicrometerMetrics implements Metrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<List<String>, Counter> counters = new ConcurrentHashMap<>();

    MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(String name, long amount, String... tags) {
        if (amount == 0) {
            return;
        }
        List<String> key = new java.util.ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        counters.computeIfAbsent(key, k -> Counter.builder(name).tags(Tags.of(tags)).register(registry)).increment(amount);
    }
}
