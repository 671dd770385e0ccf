package io.minicrm.adapter.http.view;

import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.LeaseRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/admin/instances}: every instance with its heartbeat, load and holdings, and the shared queues. */
public record InstancesJson(Instant asOf, String self, List<Instance> instances, List<Queue> queues) {

    /**
     * One instance. {@code known}: the registry has heard of it (false: it holds something but never sent a
     * heartbeat; then the heartbeat and load fields are null).
     */
    public record Instance(String instanceId, boolean self, boolean alive, boolean known, Instant startedAt,
                           Instant lastHeartbeat, Instant aliveUntil, Long vendorInFlight, Double sendsPerSecond,
                           Long messagesSent, Long reclaimed, List<Lease> leases, Map<String, Long> held) {
    }

    /** A lease the instance holds ({@code expired}: not renewed in time; still its own until taken over). */
    public record Lease(String name, Instant until, boolean expired) {
    }

    /** A queue topic: messages not yet delivered ({@code lag}), held by consumers ({@code pending}), dead-lettered. */
    public record Queue(String topic, long lag, long pending, long deadLetters) {
    }

    public static InstancesJson from(InstanceOverview.Snapshot s) {
        List<Instance> instances = s.instances().stream().map(i -> {
            InstanceReport r = i.report();
            return new Instance(i.instanceId(), i.self(), i.alive(), i.known(), r == null ? null : r.startedAt(),
                    i.lastHeartbeat(), i.aliveUntil(), r == null ? null : r.vendorInFlight(),
                    r == null ? null : Math.round(r.sendsPerSecond() * 10) / 10.0, r == null ? null : r.messagesSent(),
                    r == null ? null : r.reclaimed(), i.leases().stream().map(l -> lease(l, s.asOf())).toList(), i.held());
        }).toList();
        List<Queue> queues = s.queues().stream()
                .map(q -> new Queue(q.topic(), q.lag(), q.pending(), q.deadLetters())).toList();
        return new InstancesJson(s.asOf(), s.self(), instances, queues);
    }

    private static Lease lease(LeaseRepository.Lease l, Instant now) {
        return new Lease(l.name(), l.until(), !l.until().isAfter(now));
    }
}
