package io.minicrm.bootstrap;

import io.minicrm.application.cluster.ClusterSettings;
import java.time.Duration;

/**
 * How instances work together and how much each sends (see README "Configuration" and "Running several
 * instances"): the cluster timings ({@code CRM_HEARTBEAT_MS}, {@code CRM_DEAD_AFTER_MS}, {@code CRM_LEASE_MS},
 * {@code CRM_RECLAIM_IDLE_MS}), the dispatch threads and job size of this instance ({@code CRM_DISPATCH_CONCURRENCY},
 * {@code CRM_DISPATCH_BATCH}), and the vendor rate limit every instance shares ({@code CRM_VENDOR_RATE}).
 *
 * @param cluster             heartbeat, dead-after, lease and reclaim timings
 * @param dispatchConcurrency dispatch jobs this instance works on at once (consumer threads)
 * @param dispatchBatch       messages per dispatch job (the gateway splits a job into requests of
 *                            {@code VENDOR_MAX_BATCH} and sends up to {@code VENDOR_MAX_CONCURRENCY} at once)
 * @param vendorRate          messages per second all instances together may send (0: no shared limit)
 */
public record Scaling(ClusterSettings cluster, int dispatchConcurrency, int dispatchBatch, double vendorRate) {

    public static Scaling defaults() {
        return new Scaling(ClusterSettings.defaults(), 4, 250, 0);
    }

    /**
     * The burst of the shared vendor rate limit: one dispatch job, or a tenth of a second's worth, whichever is
     * larger. In any {@code t} seconds the instances together send at most {@code vendorRate * t + burst}.
     */
    public double vendorBurst() {
        return Math.max(dispatchBatch, vendorRate / 10);
    }

    /** The same, with these timings (tests). */
    public Scaling withCluster(ClusterSettings c) {
        return new Scaling(c, dispatchConcurrency, dispatchBatch, vendorRate);
    }

    static Duration ms(int n) {
        return Duration.ofMillis(n);
    }
}
