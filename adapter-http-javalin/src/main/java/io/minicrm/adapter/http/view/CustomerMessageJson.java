package io.minicrm.adapter.http.view;

import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.delivery.Delivery;
import java.time.Instant;

/** One message a customer was sent (or meant to be): their delivery row, with the campaign's name. */
public record CustomerMessageJson(String id, String campaignId, String campaignName, String status, int attempt,
                                  String reason, Instant createdAt, Instant dispatchedAt, Instant finishedAt) {

    /** @param campaign the row's campaign, or null when it no longer exists */
    public static CustomerMessageJson from(Delivery d, Campaign campaign) {
        return new CustomerMessageJson(d.id().value(), d.campaignId().value(), campaign == null ? null : campaign.name(),
                d.status().wire(), d.attempt(), d.reason(), d.createdAt(), d.dispatchedAt(), d.finishedAt());
    }
}
