package io.minicrm.domain.delivery;

import io.minicrm.domain.shared.Times;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery receipt from the vendor: the outcome of one attempt of one delivery. {@code attempt}
 * is known when the vendor echoes our attempt number or idempotency key; otherwise the vendor message id
 * ties it to an attempt. A receipt with neither is applied to no attempt ({@link #namesAttempt()}).
 */
public record Receipt(DeliveryId deliveryId, String vendorMessageId, Outcome outcome, String reason, boolean retryable,
                      Instant occurredAt, Integer attempt) {
    /** What the vendor reports. */
    public enum Outcome {
        /** Delivered. */
        SENT,
        /** Not delivered; {@code retryable} says whether another attempt may succeed. */
        FAILED
    }

    public Receipt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(outcome, "outcome");
        occurredAt = Times.millis(Objects.requireNonNull(occurredAt, "occurredAt"));
        if (attempt != null && attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
    }

    /** Whether it says which attempt it reports (by number or by the vendor message id of that attempt). */
    public boolean namesAttempt() {
        return attempt != null || vendorMessageId != null;
    }
}
