package io.minicrm.application.delivery;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dispatch job: rows of one campaign to send, each with the version it was queued at. A dispatcher
 * sends a row only if it still has that version, so duplicate or stale jobs send nothing twice.
 */
public record DispatchJob(CampaignId campaignId, Map<DeliveryId, Long> rows) {
    public DispatchJob {
        rows = new LinkedHashMap<>(rows);
    }

    public static DispatchJob of(CampaignId campaign, List<Delivery> queued) {
        Map<DeliveryId, Long> rows = new LinkedHashMap<>();
        for (Delivery d : queued) {
            rows.put(d.id(), d.version());
        }
        return new DispatchJob(campaign, rows);
    }

    public QueueMessage toMessage() {
        StringBuilder sb = new StringBuilder(rows.size() * 40);
        rows.forEach((id, v) -> {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(id.value()).append(':').append(v);
        });
        return new QueueMessage(Map.of("campaignId", campaignId.value(), "rows", sb.toString()));
    }

    /** @throws IllegalArgumentException on a malformed message */
    public static DispatchJob from(QueueMessage m) {
        String campaign = m.get("campaignId");
        String rows = m.get("rows");
        if (campaign == null || rows == null) {
            throw new IllegalArgumentException("dispatch job without campaignId or rows");
        }
        Map<DeliveryId, Long> out = new LinkedHashMap<>();
        for (String part : rows.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed row reference: " + part);
            }
            out.put(DeliveryId.of(part.substring(0, colon)), Long.parseLong(part.substring(colon + 1)));
        }
        return new DispatchJob(CampaignId.of(campaign), out);
    }

    /** Jobs of at most {@code size} rows, one campaign each. */
    public static List<DispatchJob> split(CampaignId campaign, List<Delivery> queued, int size) {
        List<DispatchJob> out = new ArrayList<>();
        for (int i = 0; i < queued.size(); i += size) {
            out.add(of(campaign, queued.subList(i, Math.min(queued.size(), i + size))));
        }
        return out;
    }
}
