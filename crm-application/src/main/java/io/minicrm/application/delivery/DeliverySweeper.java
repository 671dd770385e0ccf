package io.minicrm.application.delivery;

import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queues rows that are due but not in anyone's hands: retries whose time has come, rows whose job was
 * lost (a crash of the in-process queue) or whose dispatcher died, and rows whose receipt never came.
 * Each row is queued with compare-and-set, so sweepers on several instances queue it once, and a row
 * another instance took meanwhile is left to it.
 */
public final class DeliverySweeper {
    private final DeliveryLogRepository deliveries;
    private final WorkQueue queue;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Metrics metrics;

    public DeliverySweeper(DeliveryLogRepository deliveries, WorkQueue queue, DeliverySettings settings, Clock clock,
                           Metrics metrics) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Queues up to {@code limit} due rows; returns how many. */
    public int sweep(int limit) {
        Instant now = clock.instant();
        List<Delivery> due = deliveries.findDue(now, limit);
        if (due.isEmpty()) {
            return 0;
        }
        // A row the store listed may have been queued or sent by another instance in the meantime (a read is not a
        // snapshot on every store): it is someone else's now, and is left alone.
        List<Delivery> queued = due.stream().filter(d -> d.isDue(now)).map(d -> d.enqueue(now, settings.queueGrace()))
                .toList();
        Set<DeliveryId> won = deliveries.compareAndSetAll(queued);
        Map<CampaignId, List<Delivery>> byCampaign = new LinkedHashMap<>();
        for (Delivery d : queued) {
            if (won.contains(d.id())) {
                byCampaign.computeIfAbsent(d.campaignId(), k -> new ArrayList<>()).add(d);
            }
        }
        List<QueueMessage> jobs = new ArrayList<>();
        byCampaign.forEach((campaign, rows) -> DispatchJob.split(campaign, rows, settings.dispatchBatch())
                .forEach(j -> jobs.add(j.toMessage())));
        if (!jobs.isEmpty()) {
            queue.publish(Topics.DELIVERIES, jobs);
        }
        metrics.count("crm.deliveries.swept", won.size());
        return won.size();
    }
}
