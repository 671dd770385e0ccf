package io.minicrm.application.inprocess;

import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.domain.shared.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The instance registry in memory: the instances of this process (tests, a single instance). */
public final class InMemoryInstanceRegistry implements InstanceRegistry {
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record Entry(InstanceReport report, Instant last, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Entry> entries = new TreeMap<>();

    public InMemoryInstanceRegistry(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void heartbeat(InstanceReport report, Duration deadAfter) {
        Instant now = Times.millis(clock.instant());
        entries.put(report.instanceId(), new Entry(report, now, now.plus(deadAfter)));
        entries.values().removeIf(e -> e.until().plus(FORGET_AFTER).isBefore(now));
    }

    @Override
    public synchronized void leave(String instanceId) {
        Entry e = entries.get(instanceId);
        if (e != null) {
            Instant now = Times.millis(clock.instant());
            entries.put(instanceId, new Entry(e.report(), e.last(), now));
        }
    }

    @Override
    public synchronized List<Instance> instances() {
        Instant now = clock.instant();
        List<Instance> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!e.until().plus(FORGET_AFTER).isBefore(now)) {
                out.add(new Instance(e.report(), e.last(), e.until(), e.until().isAfter(now)));
            }
        }
        return out;
    }
}
