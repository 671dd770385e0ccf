package io.minicrm.application.delivery;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.segment.Audience;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.FrequencyCap;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Writes a sending campaign's delivery rows, page by page in customer-id order (bounded memory),
 * and queues a dispatch job per batch. The audience is the segment's rule at the launch time, minus
 * opted-out customers; customers over the frequency cap get a SKIPPED row with the reason. Progress
 * (the last customer id written) is saved after each page, and rows are unique per (campaign,
 * customer), so an interrupted run resumes where it stopped without adding or losing anyone.
 */
public final class AudienceWriter {
    private final CampaignRepository campaigns;
    private final SegmentRepository segments;
    private final CustomerRepository customers;
    private final DeliveryLogRepository deliveries;
    private final WorkQueue queue;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final CampaignStatusListener statusListener;

    /** @param statusListener told when a campaign fails here (its segment is gone) */
    public AudienceWriter(CampaignRepository campaigns, SegmentRepository segments, CustomerRepository customers,
                          DeliveryLogRepository deliveries, WorkQueue queue, DeliverySettings settings, Clock clock,
                          Metrics metrics, CampaignStatusListener statusListener) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.customers = customers;
        this.deliveries = deliveries;
        this.queue = queue;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.statusListener = java.util.Objects.requireNonNull(statusListener, "statusListener");
    }

    /**
     * Writes pages until the audience is complete or {@code keepGoing} says stop (lease lost, shutdown).
     * @return true when every recipient has a row
     */
    public boolean run(Campaign start, BooleanSupplier keepGoing) {
        Campaign campaign = start;
        Optional<Segment> segment = segments.findById(campaign.segmentId());
        if (segment.isEmpty()) {
            campaigns.update(campaign.id(), c -> c.status() == CampaignStatus.SENDING
                    ? c.fail("segment " + c.segmentId() + " no longer exists", clock.instant()) : c)
                    .filter(c -> c.status() == CampaignStatus.FAILED).ifPresent(statusListener::statusChanged);
            return false;
        }
        Rule audience = Audience.reachable(segment.get().rule());
        Instant asOf = campaign.startedAt() != null ? campaign.startedAt() : clock.instant();
        while (!campaign.audienceComplete() && keepGoing.getAsBoolean()) {
            CustomerId after = campaign.audienceCursor() == null ? null : CustomerId.of(campaign.audienceCursor());
            List<CustomerId> page = customers.matchingIds(audience, asOf, after, settings.audiencePageSize());
            String cursor = page.isEmpty() ? campaign.audienceCursor() : page.get(page.size() - 1).value();
            boolean complete = page.size() < settings.audiencePageSize();
            if (!page.isEmpty()) {
                writePage(campaign, page);
            }
            try {
                Optional<Campaign> next = campaigns.update(campaign.id(), c -> advance(c, cursor, complete));
                if (next.isEmpty() || next.get().status() != CampaignStatus.SENDING) {
                    return false;
                }
                campaign = next.get();
            } catch (DomainException e) {
                return false; // cancelled or failed meanwhile
            }
        }
        return campaign.audienceComplete();
    }

    /**
     * Rows of this page that were already written (a writer before this one died or lost its lease between writing
     * the page and queueing its jobs) and have not moved since: their jobs may be lost, so they are queued again at
     * once rather than after the queue grace. A job queued twice sends nothing twice (it names the row's version).
     */
    private List<Delivery> untouched(List<Delivery> existing) {
        if (existing.isEmpty()) {
            return List.of();
        }
        Map<DeliveryId, Delivery> stored = deliveries.findByIds(existing.stream().map(Delivery::id).toList());
        List<Delivery> out = new ArrayList<>();
        for (Delivery mine : existing) {
            Delivery d = stored.get(mine.id());
            if (d != null && d.status() == io.minicrm.domain.delivery.DeliveryStatus.PENDING
                    && d.version() == mine.version() && d.dispatchedAt() == null) {
                out.add(d);
            }
        }
        return out;
    }

    /** Moves the cursor forward only (another writer may have gone further). */
    private static Campaign advance(Campaign c, String cursor, boolean complete) {
        if (c.audienceComplete()) {
            return c;
        }
        if (c.audienceCursor() != null && cursor != null && c.audienceCursor().compareTo(cursor) > 0) {
            return c;
        }
        return c.audienceProgress(cursor, complete);
    }

    private void writePage(Campaign campaign, List<CustomerId> page) {
        Instant now = clock.instant();
        FrequencyCap cap = settings.frequencyCapRule();
        Map<CustomerId, Long> recent = cap.isOn()
                ? deliveries.recentMessageCounts(page, campaign.id(), cap.windowStart(now))
                : Map.of();
        List<Delivery> rows = new ArrayList<>(page.size());
        for (CustomerId id : page) {
            rows.add(cap.holdsBack(recent.getOrDefault(id, 0L))
                    .map(why -> Delivery.skipped(campaign.id(), id, why, now))
                    .orElseGet(() -> Delivery.pending(campaign.id(), id, now).enqueue(now, settings.queueGrace())));
        }
        Set<DeliveryId> inserted = deliveries.insertAll(rows);
        List<Delivery> queued = new ArrayList<>();
        List<Delivery> existing = new ArrayList<>();
        CounterDeltas deltas = new CounterDeltas();
        for (Delivery d : rows) {
            if (inserted.contains(d.id())) {
                deltas.addNew(d);
                if (d.status() == DeliveryStatus.PENDING) {
                    queued.add(d);
                }
            } else if (d.status() == DeliveryStatus.PENDING) {
                existing.add(d);
            }
        }
        deltas.flush(campaigns, metrics);
        List<Delivery> toSend = new ArrayList<>(queued);
        toSend.addAll(untouched(existing));
        List<QueueMessage> jobs = DispatchJob.split(campaign.id(), toSend, settings.dispatchBatch()).stream()
                .map(DispatchJob::toMessage).toList();
        if (!jobs.isEmpty()) {
            queue.publish(Topics.DELIVERIES, jobs);
        }
        metrics.count("crm.deliveries.queued", queued.size());
    }
}
