package io.minicrm.application.delivery;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.Receipt;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Receipts as queue messages (flat string fields). */
final class ReceiptMessages {
    private ReceiptMessages() {
    }

    static QueueMessage encode(Receipt r) {
        Map<String, String> f = new HashMap<>();
        f.put("deliveryId", r.deliveryId().value());
        f.put("outcome", r.outcome().name());
        f.put("retryable", Boolean.toString(r.retryable()));
        f.put("occurredAt", r.occurredAt().toString());
        if (r.vendorMessageId() != null) {
            f.put("vendorMessageId", r.vendorMessageId());
        }
        if (r.reason() != null) {
            f.put("reason", r.reason());
        }
        if (r.attempt() != null) {
            f.put("attempt", r.attempt().toString());
        }
        return new QueueMessage(f);
    }

    /** @throws IllegalArgumentException (or a subclass) on a malformed message */
    static Receipt decode(QueueMessage m) {
        String attempt = m.get("attempt");
        return new Receipt(DeliveryId.of(m.get("deliveryId")), m.get("vendorMessageId"),
                Receipt.Outcome.valueOf(m.get("outcome")), m.get("reason"), Boolean.parseBoolean(m.get("retryable")),
                Instant.parse(m.get("occurredAt")), attempt == null ? null : Integer.valueOf(attempt));
    }
}
