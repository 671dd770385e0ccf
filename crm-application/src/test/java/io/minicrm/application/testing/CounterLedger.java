package io.minicrm.application.testing;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A campaign store that also keeps the sum of every counter change the services asked it to add,
 * whether or not the store applied it (a completed campaign ignores late ones). Summed over a whole
 * campaign, those changes must equal the delivery log's aggregate: each row's transition counted
 * exactly once, none lost and none doubled, independently of the recount at completion.
 */
public final class CounterLedger implements CampaignRepository {
    private final CampaignRepository delegate;
    private final Map<CampaignId, DeliveryCounts> asked = new ConcurrentHashMap<>();

    private CounterLedger(CampaignRepository delegate) {
        this.delegate = delegate;
    }

    /** For {@link Crm.Builder#campaigns(UnaryOperator)}: the ledger is handed to {@code sink}. */
    public static UnaryOperator<CampaignRepository> into(java.util.function.Consumer<CounterLedger> sink) {
        return store -> {
            CounterLedger ledger = new CounterLedger(store);
            sink.accept(ledger);
            return ledger;
        };
    }

    /** The sum of the changes asked for {@code id}. */
    public DeliveryCounts total(CampaignId id) {
        return asked.getOrDefault(id, DeliveryCounts.ZERO);
    }

    @Override
    public void addCounts(CampaignId id, DeliveryCounts delta) {
        asked.merge(id, delta, DeliveryCounts::plus);
        delegate.addCounts(id, delta);
    }

    @Override
    public void insert(Campaign campaign) {
        delegate.insert(campaign);
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<Campaign> update(CampaignId id, UnaryOperator<Campaign> change) {
        return delegate.update(id, change);
    }

    @Override
    public Page<Campaign> list(PageRequest page) {
        return delegate.list(page);
    }

    @Override
    public List<Campaign> findByStatus(CampaignStatus status, int limit) {
        return delegate.findByStatus(status, limit);
    }

    @Override
    public List<Campaign> findDue(Instant now, int limit) {
        return delegate.findDue(now, limit);
    }

    @Override
    public long countAll() {
        return delegate.countAll();
    }
}
