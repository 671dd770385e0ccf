package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.Metrics;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.shared.DomainException;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Job: launches SCHEDULED campaigns whose time has come. The launch is a compare-and-set, so when several
 * instances run this job each campaign is launched once, by whichever wins; the others find it launched.
 */
final class LaunchDueCampaigns {
    private static final System.Logger LOG = System.getLogger(LaunchDueCampaigns.class.getName());
    private static final int BATCH = 50;

    private final CampaignRepository campaigns;
    private final CampaignStatusListener statusListener;
    private final Metrics metrics;

    LaunchDueCampaigns(CampaignRepository campaigns, CampaignStatusListener statusListener, Metrics metrics) {
        this.campaigns = campaigns;
        this.statusListener = statusListener;
        this.metrics = metrics;
    }

    void run(Instant now) {
        for (Campaign due : campaigns.findDue(now, BATCH)) {
            try {
                campaigns.update(due.id(), c -> c.launch(now)).ifPresent(statusListener::statusChanged);
                LOG.log(Level.INFO, "launched scheduled campaign " + due.id() + " (" + due.name() + ")");
                metrics.count("crm.campaigns.launched", 1);
            } catch (DomainException e) {
                // another instance launched it, or it was cancelled
            }
        }
    }
}
