package io.minicrm.adapter.http.view;

import io.minicrm.domain.delivery.Delivery;
import java.time.Instant;

/** One row of a campaign's delivery log. */
public record DeliveryJson(String id, String campaignId, String customerId, String status, int attempt,
                           String vendorMessageId, String reason, Instant createdAt, Instant dispatchedAt,
                           Instant finishedAt, Instant nextAttemptAt) {

    public static DeliveryJson from(Delivery d) {
        return new DeliveryJson(d.id().value(), d.campaignId().value(), d.customerId().value(), d.status().wire(),
                d.attempt(), d.vendorMessageId(), d.reason(), d.createdAt(), d.dispatchedAt(), d.finishedAt(),
                d.status().isFinal() ? null : d.nextAttemptAt());
    }
}
