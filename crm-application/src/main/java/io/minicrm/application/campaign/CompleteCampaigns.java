package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import io.minicrm.domain.shared.DomainException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job: completes sending campaigns whose rows are all written and final. A campaign whose counters say nothing
 * is pending is recounted from its rows at once; the others every {@code reconcileInterval}, which catches a
 * counter change lost in a crash. On completion the counters are replaced by the recount; while a campaign
 * sends they are only added to, never overwritten, so a change in flight is never lost or counted twice. The
 * completion is a compare-and-set, so of several instances exactly one completes it.
 */
final class CompleteCampaigns {
    private static final System.Logger LOG = System.getLogger(CompleteCampaigns.class.getName());

    private final CampaignRepository campaigns;
    private final DeliveryLogRepository deliveries;
    private final Duration reconcileInterval;
    private final Clock clock;
    private final Metrics metrics;
    private final CampaignStatusListener statusListener;
    /** When each sending campaign was last recounted here. */
    private final Map<CampaignId, Instant> lastRecount = new ConcurrentHashMap<>();

    CompleteCampaigns(CampaignRepository campaigns, DeliveryLogRepository deliveries, Duration reconcileInterval,
                      Clock clock, Metrics metrics, CampaignStatusListener statusListener) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.reconcileInterval = reconcileInterval;
        this.clock = clock;
        this.metrics = metrics;
        this.statusListener = statusListener;
    }

    /** Looks at every campaign of {@code sending} (all SENDING campaigns) whose audience is written. */
    void run(List<Campaign> sending, Instant now) {
        Set<CampaignId> ids = new HashSet<>();
        for (Campaign c : sending) {
            ids.add(c.id());
            if (c.audienceComplete()) {
                completeIfFinished(c, now);
            }
        }
        lastRecount.keySet().retainAll(ids);
    }

    private void completeIfFinished(Campaign c, Instant now) {
        Instant last = lastRecount.getOrDefault(c.id(), Instant.EPOCH);
        boolean looksDone = c.counts().pending() <= 0;
        if (!looksDone && Duration.between(last, now).compareTo(reconcileInterval) < 0) {
            return;
        }
        lastRecount.put(c.id(), now);
        DeliveryCounts recount = deliveries.countByStatus(c.id());
        if (!c.isFinishedGiven(recount)) {
            return;
        }
        Optional<SendWindow> sent = deliveries.sendWindow(c.id());
        Instant firstSent = sent.map(SendWindow::first).orElse(null);
        Instant lastSent = sent.map(SendWindow::last).orElse(null);
        Optional<Campaign> completed;
        try {
            // complete() refuses a campaign no longer SENDING: another instance completed (or someone cancelled) it
            completed = campaigns.update(c.id(), x -> x.complete(recount, clock.instant()).withSendTimes(firstSent, lastSent));
        } catch (DomainException e) {
            return;
        }
        if (completed.isEmpty()) {
            return;
        }
        statusListener.statusChanged(completed.get());
        lastRecount.remove(c.id());
        LOG.log(Level.INFO, "campaign " + c.id() + " completed: " + recount.sent() + " sent, " + recount.failed()
                + " failed of " + recount.audience());
        metrics.count("crm.campaigns.completed", 1);
    }
}
