package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Campaigns: create (now or scheduled), launch, cancel, read with statistics. Launching only flips the
 * campaign to SENDING; background jobs scheduled by the {@link CampaignSupervisor} do the rest (see
 * {@link #launch}).
 */
public final class CampaignService {
    private final CampaignRepository campaigns;
    private final SegmentRepository segments;
    private final DeliveryLogRepository deliveries;
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;
    private final CampaignStatusListener statusListener;

    /**
     * @param statusListener told after each status change made here (a launch: the supervisor starts at once
     *                       instead of at its next tick; a cancellation: whoever awaits the campaign)
     */
    public CampaignService(CampaignRepository campaigns, SegmentRepository segments, DeliveryLogRepository deliveries,
                           IdGenerator ids, Clock clock, Metrics metrics, CampaignStatusListener statusListener) {
        this.campaigns = campaigns;
        this.segments = segments;
        this.deliveries = deliveries;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.statusListener = java.util.Objects.requireNonNull(statusListener, "statusListener");
    }

    /**
     * A campaign to create. With {@code scheduledAt} it waits for that time; otherwise {@code sendNow} says
     * whether it starts sending at once or stays a draft until {@link #send}. Build one with
     * {@link #builder()}: {@code NewCampaign.builder().name("Thank you").segment(id).message("Hi {{name}}").sendNow().build()}.
     *
     * @param name        shown in lists (required)
     * @param segmentId   the audience (required)
     * @param message     the template, with {@code {{name}}}-style placeholders (required)
     * @param scheduledAt when to start sending (null: now or never, see {@code sendNow})
     * @param sendNow     start sending at once (ignored when scheduled)
     * @param createdBy   who asked for it (shown in the history)
     */
    public record NewCampaign(String name, SegmentId segmentId, String message, Instant scheduledAt, boolean sendNow,
                              String createdBy) {
        /** A builder with named fields; a draft unless {@link Builder#sendNow()} or {@link Builder#scheduledAt}. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builds a {@link NewCampaign} field by field. */
        public static final class Builder {
            private String name;
            private SegmentId segmentId;
            private String message;
            private Instant scheduledAt;
            private boolean sendNow;
            private String createdBy = "api";

            private Builder() {
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder segment(SegmentId segmentId) {
                this.segmentId = segmentId;
                return this;
            }

            public Builder message(String message) {
                this.message = message;
                return this;
            }

            /** Send at this time (the supervisor launches it when due). */
            public Builder scheduledAt(Instant at) {
                this.scheduledAt = at;
                return this;
            }

            /** Start sending as soon as it is created. */
            public Builder sendNow() {
                this.sendNow = true;
                return this;
            }

            /** Who created it (default {@code "api"}). */
            public Builder createdBy(String who) {
                this.createdBy = who;
                return this;
            }

            public NewCampaign build() {
                return new NewCampaign(name, segmentId, message, scheduledAt, sendNow, createdBy);
            }
        }
    }

    /**
     * Creates the campaign; one that is to be sent now is stored already SENDING (one write, so a crash
     * leaves either nothing or a campaign the supervisor takes up), with its audience counted and queued
     * by the supervisor as after {@link #send}.
     */
    public Campaign create(NewCampaign request) {
        MessageTemplate template;
        try {
            template = MessageTemplate.of(request.message());
        } catch (ValidationException e) {
            throw e.under("/message");
        }
        Segment segment = segments.findById(request.segmentId())
                .orElseThrow(() -> new ValidationException("/segmentId", "no such segment: " + request.segmentId()));
        Instant now = clock.instant();
        Campaign c = Campaign.draft(CampaignId.of(ids.newId()), request.name(), request.segmentId(), segment.name(),
                template, request.scheduledAt(), now, request.createdBy());
        boolean sendNow = request.sendNow() && request.scheduledAt() == null;
        if (sendNow) {
            c = c.launch(now);
        }
        campaigns.insert(c);
        metrics.count("crm.campaigns.defined", 1); // not ".created": OpenMetrics reserves the _created suffix
        if (sendNow) {
            metrics.count("crm.campaigns.launched", 1);
            statusListener.statusChanged(c);
        }
        return c;
    }

    /** What {@link #send} found: the campaign, and whether this call started it. */
    public record Sending(Campaign campaign, boolean startedNow) {
    }

    /**
     * Sends a draft or scheduled campaign now; a campaign already sending or finished is answered as it is
     * (so a client may repeat the request safely). Exactly one of concurrent callers starts it.
     */
    public Sending send(CampaignId id) {
        boolean[] started = {false};
        Campaign c = campaigns.update(id, x -> {
            started[0] = x.status() == CampaignStatus.DRAFT || x.status() == CampaignStatus.SCHEDULED;
            return started[0] ? x.launch(clock.instant()) : x;
        }).orElseThrow(() -> new NotFoundException("campaign", id.value()));
        if (started[0]) {
            metrics.count("crm.campaigns.launched", 1);
            statusListener.statusChanged(c);
        }
        return new Sending(c, started[0]);
    }

    /**
     * DRAFT or SCHEDULED -> SENDING. Nothing is sent here: the status listener nudges the
     * {@link CampaignSupervisor}, whose job {@link WriteAudiences} writes the delivery rows (under a lease, page by
     * page, through {@link io.minicrm.application.delivery.AudienceWriter}) and queues dispatch jobs, which
     * {@link io.minicrm.application.delivery.DispatchWorker} sends to the vendor; its job {@link CompleteCampaigns}
     * completes the campaign when every row is final. A scheduled campaign is launched by
     * {@link LaunchDueCampaigns} when due.
     * @throws io.minicrm.domain.shared.DomainException when it is already sending or finished
     */
    public Campaign launch(CampaignId id) {
        Campaign c = campaigns.update(id, x -> x.launch(clock.instant()))
                .orElseThrow(() -> new NotFoundException("campaign", id.value()));
        metrics.count("crm.campaigns.launched", 1);
        statusListener.statusChanged(c);
        return c;
    }

    /**
     * Cancels the campaign. Rows waiting to be queued (or for a retry) are cancelled at once; rows in the
     * dispatch queue are cancelled by the dispatcher when their job comes up; rows already on their way to
     * the vendor finish with their receipt.
     */
    public Campaign cancel(CampaignId id) {
        Campaign c = campaigns.update(id, x -> x.cancel(clock.instant()))
                .orElseThrow(() -> new NotFoundException("campaign", id.value()));
        cancelPendingRows(id);
        statusListener.statusChanged(c);
        return campaigns.findById(id).orElse(c);
    }

    private void cancelPendingRows(CampaignId id) {
        DeliveryId after = null;
        long cancelled = 0;
        while (true) {
            List<Delivery> page = deliveries.findPending(id, after, 500);
            if (page.isEmpty()) {
                break;
            }
            Instant now = clock.instant();
            List<Delivery> changes = new ArrayList<>();
            for (Delivery d : page) {
                if (d.leaseUntil() != null && d.leaseUntil().isAfter(now)) {
                    // queued or in a dispatcher's hands: the dispatcher sees the cancellation and cancels it
                    // (or, if it was already on its way to the vendor, records what the vendor answers)
                    continue;
                }
                Delivery.Transition t = d.cancel(now);
                if (t.change() == Delivery.Change.CANCELLED) {
                    changes.add(t.delivery());
                }
            }
            Set<DeliveryId> written = deliveries.compareAndSetAll(changes);
            cancelled += written.size();
            after = page.get(page.size() - 1).id();
        }
        if (cancelled > 0) {
            campaigns.addCounts(id, Delivery.Change.CANCELLED.delta().times(cancelled));
        }
    }

    /**
     * One campaign with its counters (the same numbers its line in {@link #list} shows) and its send times,
     * read from the delivery log while it has none kept.
     */
    public CampaignView get(CampaignId id) {
        Campaign c = campaigns.findById(id).orElseThrow(() -> new NotFoundException("campaign", id.value()));
        CampaignView kept = CampaignView.of(c);
        boolean mayHaveSent = c.startedAt() != null;
        return kept.sendWindow().isPresent() || !mayHaveSent ? kept
                : new CampaignView(c, c.counts(), deliveries.sendWindow(id));
    }

    public Campaign find(CampaignId id) {
        return campaigns.findById(id).orElseThrow(() -> new NotFoundException("campaign", id.value()));
    }

    /** Campaign history, newest first, each with its counters (and, once finished, its send times). */
    public Page<CampaignView> list(PageRequest page) {
        return campaigns.list(page).map(CampaignView::of);
    }

    /** A campaign's delivery rows, optionally of one status. */
    public Page<Delivery> deliveries(CampaignId id, Optional<DeliveryStatus> status, PageRequest page) {
        find(id);
        return deliveries.list(id, status, page);
    }

    public long count() {
        return campaigns.countAll();
    }
}
