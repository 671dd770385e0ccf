package io.minicrm.application.cluster;

import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.WorkQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The operators' view of the instances: every instance the registry knows (alive, or dead within the last hour),
 * with its heartbeat, its load, and what it holds: leases, and queue entries per topic, as the queue and the store
 * see them (so a dead instance's entries show until someone takes them over). Instances that hold something but
 * never sent a heartbeat are listed too.
 */
public final class InstanceOverview {
    /** The topics and consumer groups whose entries are counted. */
    static final Map<String, String> GROUPS = Map.of(Topics.DELIVERIES, Topics.DISPATCHERS,
            Topics.RECEIPTS, Topics.RECEIPT_APPLIERS, Topics.INGEST, Topics.INGESTERS);
    private static final int MAX_LEASES = 10_000;

    private final InstanceRegistry registry;
    private final LeaseRepository leases;
    private final WorkQueue queue;
    private final Clock clock;
    private final String self;

    public InstanceOverview(InstanceRegistry registry, LeaseRepository leases, WorkQueue queue, Clock clock,
                            String self) {
        this.registry = registry;
        this.leases = leases;
        this.queue = queue;
        this.clock = clock;
        this.self = self;
    }

    /**
     * One instance.
     *
     * @param known         whether the registry knows it (false: it holds something but never sent a heartbeat)
     * @param lastHeartbeat null when not known
     * @param aliveUntil    null when not known
     * @param report        its last report; null when not known
     * @param leases        the leases it holds (expired ones included: they are still its until taken over)
     * @param held          queue entries it holds, per topic (topics where it holds none are left out)
     */
    public record InstanceView(String instanceId, boolean self, boolean known, boolean alive, Instant lastHeartbeat,
                               Instant aliveUntil, InstanceReport report, List<LeaseRepository.Lease> leases,
                               Map<String, Long> held) {
    }

    /** A queue topic as every instance shares it: entries not yet delivered ({@code lag}) and held by someone. */
    public record QueueView(String topic, long lag, long pending, long deadLetters) {
    }

    /** Everything at one moment. */
    public record Snapshot(Instant asOf, String self, List<InstanceView> instances, List<QueueView> queues) {
    }

    public Snapshot snapshot() {
        Map<String, InstanceRegistry.Instance> known = new TreeMap<>();
        for (InstanceRegistry.Instance i : registry.instances()) {
            known.put(i.instanceId(), i);
        }
        Map<String, List<LeaseRepository.Lease>> leasesByOwner = new TreeMap<>();
        for (LeaseRepository.Lease l : leases.list(MAX_LEASES)) {
            leasesByOwner.computeIfAbsent(l.owner(), k -> new ArrayList<>()).add(l);
        }
        Map<String, Map<String, Long>> heldByOwner = new TreeMap<>();
        List<QueueView> queues = new ArrayList<>();
        for (String topic : List.of(Topics.DELIVERIES, Topics.RECEIPTS, Topics.INGEST)) {
            String group = GROUPS.get(topic);
            WorkQueue.QueueStats stats = queue.stats(topic, group);
            queues.add(new QueueView(topic, stats.lag(), stats.pending(), stats.deadLetters()));
            Map<String, Long> held = queue.heldByInstance(topic, group) // a queue that cannot tell is ours alone
                    .orElse(stats.pending() > 0 ? Map.of(self, stats.pending()) : Map.of());
            held.forEach((instance, n) -> heldByOwner.computeIfAbsent(instance, k -> new LinkedHashMap<>()).put(topic, n));
        }
        TreeSet<String> ids = new TreeSet<>(known.keySet());
        ids.addAll(leasesByOwner.keySet());
        ids.addAll(heldByOwner.keySet());
        List<InstanceView> views = new ArrayList<>();
        for (String id : ids) {
            InstanceRegistry.Instance i = known.get(id);
            views.add(new InstanceView(id, id.equals(self), i != null, i != null && i.alive(),
                    i == null ? null : i.lastHeartbeat(), i == null ? null : i.aliveUntil(), i == null ? null : i.report(),
                    List.copyOf(leasesByOwner.getOrDefault(id, List.of())), Map.copyOf(heldByOwner.getOrDefault(id, Map.of()))));
        }
        return new Snapshot(clock.instant(), self, views, queues);
    }

    /**
     * Queue entries of {@code topic} this instance holds now (delivered to it, not acknowledged); -1 when the queue
     * cannot be read. A queue that cannot tell who holds what belongs to this instance alone: all its pending entries.
     */
    public long heldHere(String topic) {
        String group = GROUPS.get(topic);
        if (group == null) {
            throw new IllegalArgumentException("topic must be one of " + GROUPS.keySet() + ": " + topic);
        }
        try {
            return queue.heldByInstance(topic, group).map(m -> m.getOrDefault(self, 0L))
                    .orElseGet(() -> queue.stats(topic, group).pending());
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
