package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Job, run once at start-up: for an instance that is the only one on its store and whose queue died with its
 * previous run, gives back the leases that run's rows still hold (see
 * {@link CampaignSupervisor#releaseLeasesOfPreviousRun()}).
 */
final class ReleaseLeasesOfPreviousRun {
    private static final System.Logger LOG = System.getLogger(ReleaseLeasesOfPreviousRun.class.getName());
    private static final int PAGE = 1000;

    private final CampaignRepository campaigns;
    private final DeliveryLogRepository deliveries;
    private final Clock clock;

    ReleaseLeasesOfPreviousRun(CampaignRepository campaigns, DeliveryLogRepository deliveries, Clock clock) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** @return how many rows were released */
    int run() {
        Instant now = clock.instant();
        int released = 0;
        for (Campaign c : campaigns.findByStatus(CampaignStatus.SENDING, 200)) {
            DeliveryId after = null;
            while (true) {
                List<Delivery> page = deliveries.findPending(c.id(), after, PAGE);
                if (page.isEmpty()) {
                    break;
                }
                List<Delivery> held = new ArrayList<>();
                for (Delivery d : page) {
                    if (d.leaseUntil() != null && d.leaseUntil().isAfter(now)) {
                        held.add(d.released(d.nextAttemptAt().isAfter(now) ? d.nextAttemptAt() : now));
                    }
                }
                released += deliveries.compareAndSetAll(held).size();
                after = page.get(page.size() - 1).id();
                if (page.size() < PAGE) {
                    break;
                }
            }
        }
        if (released > 0) {
            LOG.log(Level.INFO, "released " + released + " delivery rows held by the previous run; they are queued again now");
        }
        return released;
    }
}
