package io.minicrm.application.campaign;

import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import java.util.Optional;

/**
 * A campaign with its delivery statistics: {@code counts} (audience, pending, sent, failed, cancelled,
 * skipped, retries: the campaign's own counters, kept with every delivery write, so a list and a single
 * campaign show the same numbers) and the first and last time a message was handed to the vendor (in a list
 * once it is finished; for one campaign while it sends too).
 */
public record CampaignView(Campaign campaign, DeliveryCounts counts, Optional<SendWindow> sendWindow) {
    /** The campaign as it is stored: its counters and its kept send times. */
    public static CampaignView of(Campaign c) {
        return new CampaignView(c, c.counts(), c.sendWindow());
    }

    public double deliveryRate() {
        return counts.deliveryRate();
    }
}
