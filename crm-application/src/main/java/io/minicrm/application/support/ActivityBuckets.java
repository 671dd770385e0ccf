package io.minicrm.application.support;

import io.minicrm.application.port.DeliveryLogRepository.Activity;
import io.minicrm.domain.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts delivery rows into time buckets for {@link io.minicrm.application.port.DeliveryLogRepository#activity}:
 * hand-overs by {@code dispatchedAt}, final outcomes (SENT, FAILED) by {@code finishedAt}. Times before the
 * origin count in the first bucket. Not thread-safe: one per query.
 */
public final class ActivityBuckets {
    private final long origin;
    private final long width;
    private final Map<Long, long[]> buckets = new TreeMap<>();

    public ActivityBuckets(Instant origin, Duration bucket) {
        if (bucket.toMillis() < 1) {
            throw new IllegalArgumentException("a bucket must be at least a millisecond");
        }
        this.origin = origin.toEpochMilli();
        this.width = bucket.toMillis();
    }

    /** Counts one row. */
    public void add(DeliveryStatus status, Instant dispatchedAt, Instant finishedAt) {
        if (dispatchedAt != null) {
            slot(dispatchedAt)[0]++;
        }
        if (finishedAt != null && status == DeliveryStatus.SENT) {
            slot(finishedAt)[1]++;
        } else if (finishedAt != null && status == DeliveryStatus.FAILED) {
            slot(finishedAt)[2]++;
        }
    }

    private long[] slot(Instant at) {
        long index = Math.max(0, Math.floorDiv(at.toEpochMilli() - origin, width));
        return buckets.computeIfAbsent(index, k -> new long[3]);
    }

    /** The non-empty buckets in time order. */
    public List<Activity> result() {
        List<Activity> out = new ArrayList<>(buckets.size());
        buckets.forEach((i, n) -> out.add(new Activity(Instant.ofEpochMilli(origin + i * width), n[0], n[1], n[2])));
        return out;
    }
}
