package io.minicrm.application.campaign;

import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.DeliveryCounts;
import java.util.Optional;

/**
 * A campaign with its delivery statistics: {@code counts} (audience, pending, sent, failed, cancelled,
 * skipped, retries) and, when asked for one campaign, the first and last time a message was handed to
 * the vendor.
 */
public record CampaignView(Campaign campaign, DeliveryCounts counts, Optional<DeliveryLogRepository.SendWindow> sendWindow) {
    public double deliveryRate() {
        return counts.deliveryRate();
    }
}
