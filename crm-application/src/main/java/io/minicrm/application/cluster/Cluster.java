package io.minicrm.application.cluster;

import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.SharedRateLimit;
import java.time.Clock;
import java.util.Objects;

/**
 * How this instance takes part in a group of instances: the registry where they announce themselves, the
 * vendor rate limit they share, the timings, and this instance's load (which the queue built outside may report
 * to through {@link InstanceLoad#tap}).
 *
 * @param registry   where instances announce themselves (Redis when there are several)
 * @param vendorRate the vendor rate limit shared by every instance ({@link SharedRateLimit#NONE}: none)
 * @param settings   heartbeat, dead-after, lease and reclaim timings
 * @param load       this instance's load
 */
public record Cluster(InstanceRegistry registry, SharedRateLimit vendorRate, ClusterSettings settings,
                      InstanceLoad load) {
    public Cluster {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(vendorRate, "vendorRate");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(load, "load");
    }

    /** One instance on its own: an in-process registry, no shared rate limit, default timings. */
    public static Cluster standalone(Clock clock) {
        return new Cluster(new InMemoryInstanceRegistry(clock), SharedRateLimit.NONE, ClusterSettings.defaults(),
                new InstanceLoad());
    }
}
