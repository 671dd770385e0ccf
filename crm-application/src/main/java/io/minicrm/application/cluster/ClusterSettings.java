package io.minicrm.application.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * The timings of instances working together.
 *
 * @param heartbeatInterval how often an instance announces that it is alive; also how often each instance looks
 *                          for work to take over from dead ones
 * @param deadAfter         an instance not heard of for this long is dead: its queue entries and leases are taken
 *                          over. At least three heartbeat intervals, so one late heartbeat (a pause, a busy
 *                          machine) does not kill an instance
 * @param leaseTtl          how long a lease (e.g. writing a campaign's audience) holds without renewal. A live
 *                          holder renews it as it works and keeps it even when late; a dead one loses it after
 *                          {@code deadAfter}. The expiry decides only when the holder is unknown to the registry
 *                          (an instance without heartbeats). At least {@code deadAfter}
 * @param reclaimIdle       a queue entry (or lease) held this long by an instance that is still alive is taken over
 *                          anyway (its handler hangs), as are entries held by an instance the registry has never
 *                          heard of. Longer than any batch legitimately takes, and longer than {@code deadAfter}
 */
public record ClusterSettings(Duration heartbeatInterval, Duration deadAfter, Duration leaseTtl, Duration reclaimIdle) {
    public static final Duration MIN_HEARTBEAT = Duration.ofMillis(10);
    public static final int MIN_HEARTBEATS_PER_DEAD_AFTER = 3;

    public ClusterSettings {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(deadAfter, "deadAfter");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        Objects.requireNonNull(reclaimIdle, "reclaimIdle");
        if (heartbeatInterval.compareTo(MIN_HEARTBEAT) < 0) {
            throw new IllegalArgumentException("heartbeatInterval must be at least " + MIN_HEARTBEAT.toMillis()
                    + " ms, was " + heartbeatInterval.toMillis() + " ms");
        }
        if (deadAfter.compareTo(heartbeatInterval.multipliedBy(MIN_HEARTBEATS_PER_DEAD_AFTER)) < 0) {
            throw new IllegalArgumentException("deadAfter must be at least " + MIN_HEARTBEATS_PER_DEAD_AFTER
                    + " heartbeat intervals (" + heartbeatInterval.multipliedBy(MIN_HEARTBEATS_PER_DEAD_AFTER).toMillis()
                    + " ms), was " + deadAfter.toMillis() + " ms");
        }
        if (leaseTtl.compareTo(deadAfter) < 0) {
            throw new IllegalArgumentException("leaseTtl must be at least deadAfter (" + deadAfter.toMillis()
                    + " ms), was " + leaseTtl.toMillis() + " ms");
        }
        if (reclaimIdle.compareTo(deadAfter) <= 0) {
            throw new IllegalArgumentException("reclaimIdle must be longer than deadAfter (" + deadAfter.toMillis()
                    + " ms), was " + reclaimIdle.toMillis() + " ms");
        }
    }

    /** Heartbeat every second, dead after 5 s, leases of 30 s, hung after 5 minutes. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(5));
    }
}
