package io.minicrm.application.port;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

    /** The lease {@code name} as stored (expired or not), if anyone holds it. */
    Optional<Lease> find(String name);

    /**
     * Takes the lease from its holder (whom the caller knows to be dead), expired or not: only if it is still
     * exactly {@code held} (same holder, same expiry: not renewed or taken by someone else meanwhile). Atomic.
     */
    boolean takeOver(Lease held, String owner, Instant now, Duration ttl);

    /** Every lease held now or expired but not given back, by name, at most {@code limit}. */
    List<Lease> list(int limit);

    /** A lease as stored: who holds it, until when. */
    record Lease(String name, String owner, Instant until) {
        public Lease {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(until, "until");
        }
    }
}
