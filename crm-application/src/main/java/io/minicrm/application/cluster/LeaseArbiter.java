package io.minicrm.application.cluster;

import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Takes and renews this instance's leases, and decides when another instance's lease may be taken from it: at
 * once when its holder is dead (missed heartbeats), never while the holder is alive (a slow holder keeps its work,
 * however late its renewal) unless it has not renewed for {@code reclaimIdle} past the expiry (a hung holder), and
 * after the expiry when the registry does not know the holder.
 */
public final class LeaseArbiter {
    private static final System.Logger LOG = System.getLogger(LeaseArbiter.class.getName());

    private final LeaseRepository leases;
    private final InstanceRegistry registry;
    private final ClusterSettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final String owner;

    public LeaseArbiter(LeaseRepository leases, InstanceRegistry registry, ClusterSettings settings, Clock clock,
                        Metrics metrics, String owner) {
        this.leases = leases;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.owner = owner;
    }

    /** Takes {@code name} (free, ours, or free to take over) or renews it; false when someone else keeps it. */
    public boolean acquire(String name) {
        Instant now = clock.instant();
        Optional<LeaseRepository.Lease> held = leases.find(name);
        if (held.isEmpty() || held.get().owner().equals(owner)) {
            return leases.tryAcquire(name, owner, now, settings.leaseTtl());
        }
        LeaseRepository.Lease lease = held.get();
        Liveness.State holder = Liveness.read(registry).of(lease.owner());
        boolean free = switch (holder) {
            case DEAD -> true;
            case ALIVE -> !lease.until().plus(settings.reclaimIdle()).isAfter(now);
            case UNKNOWN -> !lease.until().isAfter(now);
        };
        if (!free || !leases.takeOver(lease, owner, now, settings.leaseTtl())) {
            return false;
        }
        String why = switch (holder) {
            case DEAD -> "dead: missed its heartbeats";
            case ALIVE -> "alive but not renewing it for " + settings.reclaimIdle().toMillis() + " ms past its expiry";
            case UNKNOWN -> "unknown to the instance registry; the lease had expired";
        };
        LOG.log(System.Logger.Level.INFO, "took over lease " + name + " from instance " + lease.owner() + " (" + why + ")");
        metrics.count("crm.leases.taken_over", 1);
        return true;
    }

    /** Gives {@code name} back if this instance holds it. */
    public void release(String name) {
        leases.release(name, owner);
    }

    public String owner() {
        return owner;
    }
}
