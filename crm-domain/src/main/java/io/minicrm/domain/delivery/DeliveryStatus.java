package io.minicrm.domain.delivery;

import io.minicrm.domain.campaign.DeliveryCounts;
import java.util.Locale;
import java.util.Optional;

/** PENDING -> SENT | FAILED (final); SKIPPED (frequency cap) and CANCELLED are final too. */
public enum DeliveryStatus {
    /** Not yet sent, or waiting for a retry. */
    PENDING,
    /** The vendor delivered it. */
    SENT,
    /** It failed for good (not retryable, or out of attempts). */
    FAILED,
    /** Not sent: the frequency cap held it back, or the customer opted out or disappeared after the launch. */
    SKIPPED,
    /** Not sent: the campaign was cancelled first. */
    CANCELLED;

    /** Whether the delivery can change no more (anything but pending). */
    public boolean isFinal() {
        return this != PENDING;
    }

    /** What one row in this status stands for in its campaign's counters. */
    public DeliveryCounts oneRow() {
        return switch (this) {
            case PENDING -> DeliveryCounts.ONE_PENDING;
            case SENT -> DeliveryCounts.ONE_SENT;
            case FAILED -> DeliveryCounts.ONE_FAILED;
            case SKIPPED -> DeliveryCounts.ONE_SKIPPED;
            case CANCELLED -> DeliveryCounts.ONE_CANCELLED;
        };
    }

    /** The name in the API ({@code sent}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this API name (any case), if any. */
    public static Optional<DeliveryStatus> fromWire(String s) {
        for (DeliveryStatus st : values()) {
            if (st.wire().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }
}
