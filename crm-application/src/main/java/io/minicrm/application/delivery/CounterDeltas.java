package io.minicrm.application.delivery;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects the counter changes of a batch per campaign (each row change's {@link Delivery.Change#delta()}, each
 * new row's {@link Delivery#counted()}) and applies them with one atomic add each. Whether a campaign still takes
 * changes is the campaign's rule ({@link io.minicrm.domain.campaign.Campaign#plusCounts}), kept by the store.
 */
final class CounterDeltas {
    private final Map<CampaignId, DeliveryCounts> deltas = new HashMap<>();

    /** A row written with this change. */
    void add(CampaignId campaign, Delivery.Change change) {
        add(campaign, change.delta());
    }

    /** A row inserted as it is (a new pending or skipped row). */
    void addNew(Delivery row) {
        add(row.campaignId(), row.counted());
    }

    private void add(CampaignId campaign, DeliveryCounts delta) {
        if (!delta.isZero()) {
            deltas.merge(campaign, delta, DeliveryCounts::plus);
        }
    }

    void flush(CampaignRepository campaigns, Metrics metrics) {
        deltas.forEach((id, delta) -> {
            campaigns.addCounts(id, delta); // one atomic add
            metrics.count("crm.deliveries.sent", delta.sent());
            metrics.count("crm.deliveries.failed", delta.failed());
            metrics.count("crm.deliveries.retried", delta.retries());
            metrics.count("crm.deliveries.skipped", delta.skipped());
        });
        deltas.clear();
    }
}
