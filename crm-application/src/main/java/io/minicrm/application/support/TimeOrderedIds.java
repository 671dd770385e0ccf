package io.minicrm.application.support;

import io.minicrm.domain.shared.IdGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ids that sort by creation time: 24 lower-case hex characters (like a MongoDB ObjectId): 12 of
 * milliseconds since the epoch, 4 of a random per-process prefix, 8 of a counter. Ids made later (in
 * the same process, or in another after a millisecond) sort after, so "newest first" is "id descending".
 */
public final class TimeOrderedIds implements IdGenerator {
    private final Clock clock;
    private final int process;
    private final AtomicLong counter;

    public TimeOrderedIds(Clock clock) {
        this.clock = clock;
        SecureRandom r = new SecureRandom();
        this.process = r.nextInt(1 << 16);
        this.counter = new AtomicLong(r.nextInt(1 << 20));
    }

    @Override
    public String newId() {
        long millis = clock.millis();
        long n = counter.getAndIncrement() & 0xFFFF_FFFFL;
        return String.format("%012x%04x%08x", millis & 0xFFFF_FFFF_FFFFL, process, n);
    }
}
