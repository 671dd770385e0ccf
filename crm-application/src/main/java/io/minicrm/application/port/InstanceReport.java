package io.minicrm.application.port;

import java.time.Instant;
import java.util.Objects;

/**
 * What an instance says about itself in each heartbeat: when it started and how busy it is.
 *
 * @param instanceId      the instance's id (unique among live instances)
 * @param startedAt       when it started
 * @param vendorInFlight  messages being sent: handed to the vendor gateway (waiting for a request slot or at the
 *                        vendor) and not yet answered
 * @param sendsPerSecond  messages the vendor accepted from it per second, over the last few seconds
 * @param messagesSent    messages the vendor accepted from it since it started
 * @param reclaimed       queue entries it took over from dead (or hung) consumers since it started
 */
public record InstanceReport(String instanceId, Instant startedAt, long vendorInFlight, double sendsPerSecond,
                             long messagesSent, long reclaimed) {
    public InstanceReport {
        if (instanceId == null || instanceId.isBlank() || instanceId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("instanceId must be a non-blank word, was '" + instanceId + "'");
        }
        Objects.requireNonNull(startedAt, "startedAt");
        if (vendorInFlight < 0 || messagesSent < 0 || reclaimed < 0 || !(sendsPerSecond >= 0)) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** A report of an instance that has done nothing yet. */
    public static InstanceReport idle(String instanceId, Instant startedAt) {
        return new InstanceReport(instanceId, startedAt, 0, 0, 0, 0);
    }
}
