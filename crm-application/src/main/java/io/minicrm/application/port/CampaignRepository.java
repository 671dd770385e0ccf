package io.minicrm.application.port;

import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Campaigns. Every write is atomic per campaign; {@link #update} is compare-and-set (a concurrent
 * {@link #addCounts} or update makes it retry), so no change is ever lost.
 */
public interface CampaignRepository {
    void insert(Campaign campaign);

    Optional<Campaign> findById(CampaignId id);

    /**
     * Applies {@code change} atomically, retrying on conflict; {@code change} is pure and may run more
     * than once. A {@link io.minicrm.domain.shared.DomainException} it throws propagates (nothing written).
     * Empty when the campaign does not exist.
     */
    Optional<Campaign> update(CampaignId id, UnaryOperator<Campaign> change);

    /**
     * Adds {@code delta} to the campaign's counters atomically (e.g. MongoDB {@code $inc}); nothing when the
     * campaign does not exist or is COMPLETED (a completed campaign's counters were recounted from its rows,
     * which already hold any change still on its way).
     */
    void addCounts(CampaignId id, DeliveryCounts delta);

    /** Newest first. */
    Page<Campaign> list(PageRequest page);

    /** Campaigns in {@code status}, oldest first, at most {@code limit}. */
    List<Campaign> findByStatus(CampaignStatus status, int limit);

    /** SCHEDULED campaigns whose time has come. */
    List<Campaign> findDue(Instant now, int limit);

    long countAll();
}
