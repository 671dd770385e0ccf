package io.minicrm.application.delivery;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.delivery.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies delivery receipts in batches: reads the rows once, applies every receipt with the domain
 * rules (idempotent, order-insensitive), writes the changed rows with compare-and-set (re-reading
 * and re-applying where a concurrent change won), then adds the counter changes per campaign once.
 * Counters change only for rows actually written, so a duplicate receipt counts nothing.
 */
public final class ReceiptApplier implements WorkQueue.BatchHandler {
    private static final int MAX_ROUNDS = 8;

    private final DeliveryLogRepository deliveries;
    private final CampaignRepository campaigns;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Metrics metrics;

    public ReceiptApplier(DeliveryLogRepository deliveries, CampaignRepository campaigns, RetryPolicy retry, Clock clock,
                          Metrics metrics) {
        this.deliveries = deliveries;
        this.campaigns = campaigns;
        this.retry = retry;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public WorkQueue.Outcome handle(List<WorkQueue.Delivered> batch) {
        Map<String, String> failed = new HashMap<>();
        List<Receipt> receipts = new ArrayList<>(batch.size());
        for (WorkQueue.Delivered d : batch) {
            try {
                receipts.add(ReceiptMessages.decode(d.message()));
            } catch (RuntimeException e) {
                failed.put(d.id(), "malformed receipt message: " + e.getMessage());
            }
        }
        apply(receipts);
        return new WorkQueue.Outcome(failed);
    }

    /** Applies receipts (in the given order per delivery); returns how many rows changed. */
    public int apply(List<Receipt> receipts) {
        Map<DeliveryId, List<Receipt>> byRow = new LinkedHashMap<>();
        for (Receipt r : receipts) {
            byRow.computeIfAbsent(r.deliveryId(), k -> new ArrayList<>()).add(r);
        }
        metrics.count("crm.receipts.received", receipts.size());
        CounterDeltas deltas = new CounterDeltas();
        int changed = 0;
        Map<DeliveryId, List<Receipt>> todo = byRow;
        for (int round = 0; round < MAX_ROUNDS && !todo.isEmpty(); round++) {
            Map<DeliveryId, Delivery> current = deliveries.findByIds(todo.keySet());
            Instant now = clock.instant();
            List<Delivery> writes = new ArrayList<>();
            Map<DeliveryId, List<Delivery.Change>> changes = new HashMap<>();
            for (Map.Entry<DeliveryId, List<Receipt>> e : todo.entrySet()) {
                Delivery row = current.get(e.getKey());
                if (row == null) {
                    if (round == 0) {
                        metrics.count("crm.receipts.unknown", e.getValue().size());
                    }
                    continue;
                }
                Delivery next = row;
                List<Delivery.Change> rowChanges = new ArrayList<>();
                for (Receipt r : e.getValue()) {
                    Delivery.Transition t = next.applyReceipt(r, retry, now);
                    if (t.change() != Delivery.Change.NONE) {
                        rowChanges.add(t.change());
                    }
                    next = t.delivery();
                }
                if (next != row) {
                    writes.add(next.withVersion(row.version() + 1)); // several transitions, one write
                    changes.put(row.id(), rowChanges);
                } else {
                    metrics.count("crm.receipts.ignored", e.getValue().size());
                }
            }
            Set<DeliveryId> written = writes.isEmpty() ? Set.of() : deliveries.compareAndSetAll(writes);
            Map<DeliveryId, List<Receipt>> again = new LinkedHashMap<>();
            for (Delivery w : writes) {
                if (written.contains(w.id())) {
                    changed++;
                    for (Delivery.Change c : changes.get(w.id())) {
                        deltas.add(w.campaignId(), c);
                    }
                } else {
                    again.put(w.id(), todo.get(w.id()));
                }
            }
            todo = again;
        }
        deltas.flush(campaigns, metrics); // also when giving up: the rows written so far are counted once
        if (!todo.isEmpty()) {
            throw new IllegalStateException(todo.size() + " receipts lost the race " + MAX_ROUNDS + " times; retry later");
        }
        return changed;
    }
}
