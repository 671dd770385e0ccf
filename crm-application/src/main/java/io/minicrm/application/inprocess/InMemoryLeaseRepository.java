package io.minicrm.application.inprocess;

import io.minicrm.application.port.LeaseRepository;
import io.minicrm.domain.shared.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Leases in memory. */
public final class InMemoryLeaseRepository implements LeaseRepository {
    private final Map<String, Lease> leases = new TreeMap<>();

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Instant now, Duration ttl) {
        Lease h = leases.get(name);
        if (h == null || h.owner().equals(owner) || !h.until().isAfter(now)) {
            leases.put(name, new Lease(name, owner, Times.millis(now.plus(ttl))));
            return true;
        }
        return false;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Lease h = leases.get(name);
        if (h != null && h.owner().equals(owner)) {
            leases.remove(name);
        }
    }

    @Override
    public synchronized Optional<Lease> find(String name) {
        return Optional.ofNullable(leases.get(name));
    }

    @Override
    public synchronized boolean takeOver(Lease held, String owner, Instant now, Duration ttl) {
        if (!held.equals(leases.get(held.name()))) {
            return false;
        }
        leases.put(held.name(), new Lease(held.name(), owner, Times.millis(now.plus(ttl))));
        return true;
    }

    @Override
    public synchronized List<Lease> list(int limit) {
        return leases.values().stream().limit(Math.max(0, limit)).toList();
    }
}
