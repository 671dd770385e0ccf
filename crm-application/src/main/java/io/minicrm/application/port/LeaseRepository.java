package io.minicrm.application.port;

import java.time.Duration;
import java.time.Instant;

/**
 * Named, expiring leases shared by every instance: only one holder at a time. Used so that one
 * instance at a time enumerates a campaign's audience.
 */
public interface LeaseRepository {
    /**
     * Takes or renews the lease {@code name} for {@code owner} until {@code now + ttl}, if it is free,
     * expired, or already held by {@code owner}. Atomic.
     */
    boolean tryAcquire(String name, String owner, Instant now, Duration ttl);

    /** Gives the lease back if {@code owner} holds it. */
    void release(String name, String owner);
}
