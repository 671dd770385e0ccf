package io.minicrm.application.campaign;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What happened to messages, read for people: a campaign's sends and outcomes over time (for a chart), and
 * the messages one customer was sent across campaigns.
 */
public final class CampaignActivity {
    /** At most this many buckets in a timeline; the bucket width is the smallest step that fits. */
    public static final int MAX_BUCKETS = 120;
    static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(7));

    /** A campaign's activity from {@code from} to {@code to} in buckets of {@code bucket} (empty ones left out). */
    public record Timeline(Instant from, Instant to, Duration bucket, List<DeliveryLogRepository.Activity> buckets) {
        public Timeline {
            buckets = List.copyOf(buckets);
        }
    }

    private final CampaignRepository campaigns;
    private final CustomerRepository customers;
    private final DeliveryLogRepository deliveries;
    private final Clock clock;

    public CampaignActivity(CampaignRepository campaigns, CustomerRepository customers, DeliveryLogRepository deliveries,
                            Clock clock) {
        this.campaigns = campaigns;
        this.customers = customers;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /**
     * Hand-overs to the vendor and final outcomes over time, from the first hand-over to now (while the
     * campaign is sending) or to its completion. Empty buckets when nothing was handed over yet.
     */
    public Timeline timeline(CampaignId id) {
        Campaign c = campaigns.findById(id).orElseThrow(() -> new NotFoundException("campaign", id.value()));
        var window = deliveries.sendWindow(id);
        if (window.isEmpty()) {
            return new Timeline(null, null, STEPS.get(0), List.of());
        }
        Instant from = window.get().first();
        Instant to = c.status() == CampaignStatus.SENDING || c.completedAt() == null ? clock.instant() : c.completedAt();
        if (to.isBefore(window.get().last())) {
            to = window.get().last();
        }
        Duration bucket = bucketFor(Duration.between(from, to));
        return new Timeline(from, to, bucket, deliveries.activity(id, from, bucket));
    }

    /** The smallest step that covers {@code span} in at most {@link #MAX_BUCKETS} buckets. */
    static Duration bucketFor(Duration span) {
        for (Duration step : STEPS) {
            if (span.toMillis() / step.toMillis() < MAX_BUCKETS) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    /** The messages of one customer (their delivery rows across campaigns), newest first. */
    public Page<Delivery> messagesOf(CustomerId customer, PageRequest page) {
        customers.findById(customer).orElseThrow(() -> new NotFoundException("customer", customer.value()));
        return deliveries.listForCustomer(customer, page);
    }

    /** The campaigns among {@code ids} that exist, by id (to name them beside their messages). */
    public Map<CampaignId, Campaign> campaigns(Collection<CampaignId> ids) {
        Map<CampaignId, Campaign> out = new LinkedHashMap<>();
        for (CampaignId id : ids) {
            campaigns.findById(id).ifPresent(c -> out.put(id, c));
        }
        return out;
    }
}
