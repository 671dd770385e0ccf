package io.minicrm.application.ops;

import io.minicrm.application.campaign.CampaignView;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.domain.campaign.CampaignStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The CRM at a glance, as a dashboard shows it: how many of each, and the campaigns sending now. */
public final class CrmOverview {
    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final SegmentRepository segments;
    private final CampaignRepository campaigns;

    public CrmOverview(CustomerRepository customers, OrderRepository orders, SegmentRepository segments,
                       CampaignRepository campaigns) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.orders = Objects.requireNonNull(orders, "orders");
        this.segments = Objects.requireNonNull(segments, "segments");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
    }

    /** Counts, and up to {@code maxSending} campaigns sending now with their counters. */
    public record Snapshot(long customers, long orders, long segments, long campaigns, List<CampaignView> sending) {
        public Snapshot {
            sending = List.copyOf(sending);
        }
    }

    public Snapshot snapshot(int maxSending) {
        List<CampaignView> sending = campaigns.findByStatus(CampaignStatus.SENDING, maxSending).stream()
                .map(c -> new CampaignView(c, c.counts(), Optional.empty())).toList();
        return new Snapshot(customers.countAll(), orders.countAll(), segments.countAll(), campaigns.countAll(), sending);
    }
}
