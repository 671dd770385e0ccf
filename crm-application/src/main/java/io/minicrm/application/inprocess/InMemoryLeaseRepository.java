package io.minicrm.application.inprocess;

import io.minicrm.application.port.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Leases in memory. */
public final class InMemoryLeaseRepository implements LeaseRepository {
    private record Held(String owner, Instant until) {
    }

    private final Map<String, Held> leases = new HashMap<>();

    @Override
    public synchronized boolean tryAcquire(String name, String owner, Instant now, Duration ttl) {
        Held h = leases.get(name);
        if (h == null || h.owner().equals(owner) || !h.until().isAfter(now)) {
            leases.put(name, new Held(owner, now.plus(ttl)));
            return true;
        }
        return false;
    }

    @Override
    public synchronized void release(String name, String owner) {
        Held h = leases.get(name);
        if (h != null && h.owner().equals(owner)) {
            leases.remove(name);
        }
    }
}
