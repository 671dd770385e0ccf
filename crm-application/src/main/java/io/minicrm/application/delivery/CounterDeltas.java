package io.minicrm.application.delivery;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects counter changes of a batch, per campaign, and applies them with one atomic add each.
 * A completed campaign's counters are final (recounted from the rows when it completed), so a delta that
 * arrives after the completion changes nothing.
 */
final class CounterDeltas {
    private final Map<CampaignId, long[]> deltas = new HashMap<>();

    void add(CampaignId campaign, Delivery.Change change) {
        long[] d = deltas.computeIfAbsent(campaign, k -> new long[6]);
        switch (change) {
            case SENT -> {
                d[0]--;
                d[1]++;
            }
            case FAILED -> {
                d[0]--;
                d[2]++;
            }
            case CANCELLED -> {
                d[0]--;
                d[3]++;
            }
            case SKIPPED -> {
                d[0]--;
                d[4]++;
            }
            case RETRY_SCHEDULED -> d[5]++;
            case NONE -> {
            }
        }
    }

    void addNew(CampaignId campaign, long pending, long skipped) {
        long[] d = deltas.computeIfAbsent(campaign, k -> new long[6]);
        d[0] += pending;
        d[4] += skipped;
    }

    void flush(CampaignRepository campaigns, Metrics metrics) {
        deltas.forEach((id, d) -> {
            DeliveryCounts delta = new DeliveryCounts(d[0], d[1], d[2], d[3], d[4], d[5]);
            if (!delta.isZero()) {
                // one atomic add; ignored once the campaign completed (its counters were recounted from the rows)
                campaigns.addCounts(id, delta);
            }
            metrics.count("crm.deliveries.sent", d[1]);
            metrics.count("crm.deliveries.failed", d[2]);
            metrics.count("crm.deliveries.retried", d[5]);
            metrics.count("crm.deliveries.skipped", d[4]);
        });
        deltas.clear();
    }
}
