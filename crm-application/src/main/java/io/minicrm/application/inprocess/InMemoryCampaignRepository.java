package io.minicrm.application.inprocess;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Campaigns in memory. Every write is atomic (one lock). */
public final class InMemoryCampaignRepository implements CampaignRepository {
    private final NavigableMap<CampaignId, Campaign> campaigns = new TreeMap<>(Comparator.comparing(CampaignId::value));

    @Override
    public synchronized void insert(Campaign campaign) {
        if (campaigns.putIfAbsent(campaign.id(), campaign) != null) {
            throw new IllegalStateException("campaign " + campaign.id() + " exists");
        }
    }

    @Override
    public synchronized Optional<Campaign> findById(CampaignId id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public synchronized Optional<Campaign> update(CampaignId id, UnaryOperator<Campaign> change) {
        Campaign c = campaigns.get(id);
        if (c == null) {
            return Optional.empty();
        }
        Campaign next = change.apply(c);
        campaigns.put(id, next);
        return Optional.of(next);
    }

    @Override
    public synchronized void addCounts(CampaignId id, DeliveryCounts delta) {
        campaigns.computeIfPresent(id, (k, c) -> c.plusCounts(delta));
    }

    @Override
    public synchronized Page<Campaign> list(PageRequest page) {
        return NewestFirst.page(campaigns, CampaignId::of, c -> c.id().value(), c -> true, page);
    }

    @Override
    public synchronized List<Campaign> findByStatus(CampaignStatus status, int limit) {
        return campaigns.values().stream().filter(c -> c.status() == status)
                .sorted(Comparator.comparing(c -> c.id().value())).limit(limit).toList();
    }

    @Override
    public synchronized List<Campaign> findDue(Instant now, int limit) {
        return campaigns.values().stream().filter(c -> c.isDue(now))
                .sorted(Comparator.comparing(Campaign::scheduledAt)).limit(limit).toList();
    }

    @Override
    public synchronized long countAll() {
        return campaigns.size();
    }
}
