package io.minicrm.application.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where running instances announce themselves, so that each knows which of the others are alive. Every
 * instance sends a heartbeat every so often; each heartbeat keeps it alive for its own {@code deadAfter}.
 * An instance whose last heartbeat is older than that is dead: the work it held (queue entries, leases) is
 * taken over by the others at once, while a slow instance that still sends heartbeats keeps its work.
 * An instance that stops gracefully {@linkplain #leave leaves}, which makes it dead at once.
 *
 * <p>Aliveness is decided by the registry's own clock (e.g. Redis {@code TIME}), so instances with skewed
 * clocks agree on it. Dead instances stay listed for a while (an hour) for the operators, then are forgotten.
 * One registry is shared by every instance (Redis); the in-process one only knows this process.
 */
public interface InstanceRegistry {

    /**
     * Announces that {@code report.instanceId()} is alive until now + {@code deadAfter}, with its report.
     * @throws RegistryUnavailableException when the registry cannot be reached (so do the others below)
     */
    void heartbeat(InstanceReport report, Duration deadAfter);

    /** The instance stopped for good: it is dead from now on (still listed for a while). */
    void leave(String instanceId);

    /** Every instance heard of in the last hour, alive or dead, as of now. */
    List<Instance> instances();

    /** The registry cannot be reached now (its backend is down); callers answer 503 or try again later. */
    class RegistryUnavailableException extends RuntimeException {
        public RegistryUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One instance as the registry knows it.
     *
     * @param report        its last report
     * @param lastHeartbeat when its last heartbeat arrived (registry time)
     * @param aliveUntil    when it counts as dead unless it sends another heartbeat
     * @param alive         whether {@code aliveUntil} is still ahead (registry time, when read)
     */
    record Instance(InstanceReport report, Instant lastHeartbeat, Instant aliveUntil, boolean alive) {
        public Instance {
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
            Objects.requireNonNull(aliveUntil, "aliveUntil");
        }

        public String instanceId() {
            return report.instanceId();
        }
    }
}
