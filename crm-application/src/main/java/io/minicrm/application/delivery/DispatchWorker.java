package io.minicrm.application.delivery;

import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.Reasons;
import io.minicrm.application.support.SendPermits;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.Receipt;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sends queued deliveries: for each dispatch job, takes the rows that still have the job's version
 * (a row that moved on is someone else's job now), renders the campaign's template per customer, sends
 * the batch to the vendor under the rate limit under each attempt's idempotency key, and records what
 * the vendor answered with compare-and-set. A customer who opted
 * out or disappeared since the launch is skipped with the reason; rows of a cancelled campaign are
 * cancelled. When the vendor cannot be reached the rows are given back and sent again later under the
 * same idempotency keys.
 *
 * <p>One bad recipient cannot stall the others. A message that cannot be rendered fails its row at once,
 * with the reason, and the rest of the batch is sent. A batch the vendor refuses as a whole
 * ({@link VendorGateway.RequestRefusedException}) is sent again in halves, down to the message it refuses, whose
 * row fails with the vendor's reason. A job that fails for another reason fails alone (the
 * other jobs of the queue batch go on) and is delivered again; on its last delivery
 * ({@link #MAX_DELIVERIES}) it is split in halves, down to single rows, so that the rows that can be sent
 * are sent and each row that still fails on its own is failed with the reason. The message is then
 * dead-lettered once, and its rows, now final, are never queued again.
 */
public final class DispatchWorker implements WorkQueue.BatchHandler {
    private static final System.Logger LOG = System.getLogger(DispatchWorker.class.getName());
    /** Deliveries of a dispatch job before it is dead-lettered (the consumer setting of the deliveries topic). */
    public static final int MAX_DELIVERIES = 5;

    private final DeliveryLogRepository deliveries;
    private final CampaignRepository campaigns;
    private final CustomerRepository customers;
    private final VendorGateway vendor;
    private final SendPermits rateLimiter;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Metrics metrics;

    public DispatchWorker(DeliveryLogRepository deliveries, CampaignRepository campaigns, CustomerRepository customers,
                          VendorGateway vendor, SendPermits rateLimiter, DeliverySettings settings, Clock clock,
                          Metrics metrics) {
        this.deliveries = deliveries;
        this.campaigns = campaigns;
        this.customers = customers;
        this.vendor = vendor;
        this.rateLimiter = rateLimiter;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public WorkQueue.Outcome handle(List<WorkQueue.Delivered> batch) throws InterruptedException {
        Map<String, String> failed = new HashMap<>();
        Map<CampaignId, Optional<Campaign>> campaignCache = new HashMap<>();
        for (WorkQueue.Delivered message : batch) {
            DispatchJob job;
            try {
                job = DispatchJob.from(message.message());
            } catch (RuntimeException e) {
                failed.put(message.id(), "malformed dispatch job: " + e.getMessage());
                continue;
            }
            try {
                Optional<Campaign> campaign = campaignCache.computeIfAbsent(job.campaignId(), campaigns::findById);
                if (message.deliveries() >= MAX_DELIVERIES) {
                    lastChance(job, campaign.orElse(null)).ifPresent(why -> failed.put(message.id(), why));
                } else {
                    dispatch(job, campaign.orElse(null));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "dispatch job of campaign " + job.campaignId() + " (" + job.rows().size() + " rows) failed on delivery " + message.deliveries() + ", will be retried: " + e.toString());
                failed.put(message.id(), Reasons.of(e));
            }
        }
        return new WorkQueue.Outcome(failed);
    }

    /**
     * The job's last delivery: sends what can be sent, halving the job around whatever fails, and fails each
     * single row that still fails on its own with the reason. Returns the first error met (the message is
     * dead-lettered with it), or empty when everything went through.
     */
    private Optional<String> lastChance(DispatchJob job, Campaign campaign) throws InterruptedException {
        try {
            dispatch(job, campaign);
            return Optional.empty();
        } catch (RuntimeException e) {
            if (job.rows().size() == 1) {
                String why = Reasons.of(e);
                failRows(job, "could not be dispatched after " + MAX_DELIVERIES + " tries: " + why);
                return Optional.of(why);
            }
            List<Map.Entry<DeliveryId, Long>> rows = new ArrayList<>(job.rows().entrySet());
            int half = rows.size() / 2;
            Optional<String> first = lastChance(sub(job, rows.subList(0, half)), campaign);
            Optional<String> second = lastChance(sub(job, rows.subList(half, rows.size())), campaign);
            return Optional.of(first.or(() -> second).orElse(Reasons.of(e)));
        }
    }

    private static DispatchJob sub(DispatchJob job, List<Map.Entry<DeliveryId, Long>> rows) {
        Map<DeliveryId, Long> m = new java.util.LinkedHashMap<>();
        rows.forEach(e -> m.put(e.getKey(), e.getValue()));
        return new DispatchJob(job.campaignId(), m);
    }

    /** Fails the job's rows that still have the job's version, with the reason. */
    private void failRows(DispatchJob job, String why) {
        CounterDeltas deltas = new CounterDeltas();
        try {
            Instant now = clock.instant();
            List<Delivery> rows = new ArrayList<>();
            deliveries.findByIds(job.rows().keySet()).forEach((id, d) -> {
                if (d.version() == job.rows().get(id) && !d.status().isFinal()) {
                    rows.add(d);
                }
            });
            writeWithRetry(rows, d -> d.fail(why, now).delivery(), deltas);
            LOG.log(Level.WARNING, rows.size() + " delivery row(s) of campaign " + job.campaignId() + " failed: " + why);
            metrics.count("crm.deliveries.poisoned", rows.size());
        } finally {
            deltas.flush(campaigns, metrics);
        }
    }

    /** Sends one job's rows. */
    public void dispatch(DispatchJob job, Campaign campaign) throws InterruptedException {
        CounterDeltas deltas = new CounterDeltas();
        try {
            dispatch(job, campaign, deltas);
        } finally {
            deltas.flush(campaigns, metrics); // what was written is counted, even if a later step failed
        }
    }

    private void dispatch(DispatchJob job, Campaign campaign, CounterDeltas deltas) throws InterruptedException {
        Map<DeliveryId, Delivery> rows = deliveries.findByIds(job.rows().keySet());
        Instant now = clock.instant();
        List<Delivery> claims = new ArrayList<>();
        for (Map.Entry<DeliveryId, Long> e : job.rows().entrySet()) {
            Delivery row = rows.get(e.getKey());
            if (row == null || row.version() != e.getValue() || row.status().isFinal()) {
                continue; // sent, changed or re-queued meanwhile: someone else's job now
            }
            claims.add(row);
        }
        if (claims.isEmpty()) {
            return;
        }
        if (campaign == null || campaign.status() != CampaignStatus.SENDING) {
            if (campaign == null || !campaign.status().isFinal()) {
                return;
            }
            // cancelled or failed: rows not yet handed to the vendor are cancelled; a row already handed
            // over whose receipt is missing is asked again below under the same key (no new message)
            List<Delivery> cancelled = new ArrayList<>();
            List<Delivery> handedOver = new ArrayList<>();
            for (Delivery d : claims) {
                Delivery.Transition t = d.cancel(now);
                if (t.change() != Delivery.Change.NONE) {
                    cancelled.add(t.delivery());
                } else {
                    handedOver.add(d);
                }
            }
            for (DeliveryId id : deliveries.compareAndSetAll(cancelled)) {
                deltas.add(job.campaignId(), Delivery.Change.CANCELLED);
            }
            claims = handedOver;
            if (claims.isEmpty()) {
                return;
            }
        }
        // The job is the claim: it names each row's version, and the row's lease (taken when it was queued)
        // keeps the sweeper away while it is being sent. Should a duplicate job for the same version reach
        // another dispatcher, both send under the same idempotency key, the vendor sends once, and only one
        // of them records the answer (compare-and-set on the version). No write is spent on claiming.
        List<Delivery> mine = claims;
        Map<CustomerId, Customer> people = customers.findByIds(mine.stream().map(Delivery::customerId).collect(Collectors.toSet()));
        List<Delivery> sending = new ArrayList<>();
        List<VendorGateway.OutboundMessage> messages = new ArrayList<>();
        List<Delivery> skips = new ArrayList<>();
        List<Delivery> unrenderable = new ArrayList<>();
        for (Delivery d : mine) {
            Customer c = people.get(d.customerId());
            if (c == null || c.optedOut()) {
                Delivery.Transition t = d.skip(c == null ? "customer no longer exists" : "customer opted out", now);
                if (t.change() == Delivery.Change.SKIPPED) {
                    skips.add(t.delivery());
                    continue;
                }
                if (c == null) {
                    continue; // handed over already and nobody to address: the lease runs out, the receipt may come
                }
                // handed to the vendor before the opt-out: ask again under the same key (no new message)
            }
            String text;
            try {
                text = campaign.template().render(c);
            } catch (RuntimeException e) {
                // this recipient's message cannot be made: its row fails, the others go on
                LOG.log(Level.WARNING, "the message of delivery " + d.id() + " could not be rendered: " + e.toString());
                unrenderable.add(d.fail("message could not be rendered: " + Reasons.of(e), now).delivery());
                continue;
            }
            sending.add(d);
            messages.add(new VendorGateway.OutboundMessage(d.id(), d.attempt(), d.idempotencyKey(), d.campaignId(),
                    c.email().value(), c.phone(), text));
        }
        for (DeliveryId id : deliveries.compareAndSetAll(skips)) {
            deltas.add(job.campaignId(), Delivery.Change.SKIPPED);
        }
        for (DeliveryId id : deliveries.compareAndSetAll(unrenderable)) {
            deltas.add(job.campaignId(), Delivery.Change.FAILED);
        }
        if (!messages.isEmpty()) {
            send(sending, messages, deltas);
        }
    }

    private void send(List<Delivery> rows, List<VendorGateway.OutboundMessage> messages, CounterDeltas deltas)
            throws InterruptedException {
        rateLimiter.acquire(messages.size());
        List<VendorGateway.SendResult> results;
        try {
            results = vendor.send(messages);
            if (results.size() != messages.size()) {
                throw new VendorGateway.VendorUnavailableException("vendor answered " + results.size()
                        + " results for " + messages.size() + " messages", null);
            }
        } catch (VendorGateway.RequestRefusedException e) {
            if (rows.size() == 1) {
                // this message alone is refused: its row fails with the vendor's reason, nothing else waits for it
                Instant now = clock.instant();
                writeWithRetry(rows, d -> d.fail("vendor refused the message: " + Reasons.of(e), now).delivery(), deltas);
                metrics.count("crm.deliveries.poisoned", 1);
                return;
            }
            // some message of the batch is unacceptable: send the halves apart (same keys), down to the culprit
            int half = rows.size() / 2;
            send(rows.subList(0, half), messages.subList(0, half), deltas);
            send(rows.subList(half, rows.size()), messages.subList(half, messages.size()), deltas);
            return;
        } catch (VendorGateway.VendorUnavailableException e) {
            LOG.log(Level.WARNING, "vendor unavailable, " + rows.size() + " messages will be sent again in " + settings.vendorBackoff() + ": " + e.getMessage());
            metrics.count("crm.vendor.unavailable", 1);
            Instant retryAt = clock.instant().plus(settings.vendorBackoff());
            writeWithRetry(rows, d -> d.released(retryAt), deltas);
            return;
        }
        metrics.count("crm.vendor.messages", messages.size());
        Instant now = clock.instant();
        Map<DeliveryId, VendorGateway.SendResult> byId = new HashMap<>();
        Map<DeliveryId, Integer> attemptSent = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            byId.put(rows.get(i).id(), results.get(i));
            attemptSent.put(rows.get(i).id(), rows.get(i).attempt());
        }
        writeWithRetry(rows, d -> outcome(d, byId.get(d.id()), attemptSent.get(d.id()), now), deltas);
    }

    /** The row after the vendor's answer for attempt {@code sent} (a no-op if the row has moved past it). */
    private Delivery outcome(Delivery d, VendorGateway.SendResult result, int sent, Instant now) {
        if (result instanceof VendorGateway.Accepted a) {
            return d.accepted(sent, a.vendorMessageId(), now, settings.receiptTimeout());
        }
        VendorGateway.Rejected r = (VendorGateway.Rejected) result;
        Receipt refusal = new Receipt(d.id(), null, Receipt.Outcome.FAILED, r.reason(), r.retryable(), now, sent);
        return d.applyReceipt(refusal, settings.retry(), now).delivery();
    }

    /**
     * Writes {@code change} applied to each row with compare-and-set; where a receipt got there first,
     * re-reads and applies the change to the fresh row (a no-op once final).
     */
    private void writeWithRetry(List<Delivery> rows, java.util.function.UnaryOperator<Delivery> change,
                                CounterDeltas deltas) {
        List<Delivery> base = rows;
        for (int round = 0; round < 8 && !base.isEmpty(); round++) {
            List<Delivery> next = new ArrayList<>();
            Map<DeliveryId, Delivery> before = new HashMap<>();
            for (Delivery d : base) {
                Delivery n = change.apply(d);
                if (n != d) {
                    next.add(n);
                    before.put(d.id(), d);
                }
            }
            Set<DeliveryId> written = deliveries.compareAndSetAll(next);
            List<DeliveryId> lost = new ArrayList<>();
            for (Delivery n : next) {
                if (written.contains(n.id())) {
                    Delivery.Change c = changeOf(before.get(n.id()), n);
                    deltas.add(n.campaignId(), c);
                } else {
                    lost.add(n.id());
                }
            }
            base = lost.isEmpty() ? List.of() : new ArrayList<>(deliveries.findByIds(lost).values());
        }
    }

    private static Delivery.Change changeOf(Delivery before, Delivery after) {
        if (before.status() == after.status()) {
            return after.attempt() > before.attempt() ? Delivery.Change.RETRY_SCHEDULED : Delivery.Change.NONE;
        }
        return switch (after.status()) {
            case SENT -> Delivery.Change.SENT;
            case FAILED -> Delivery.Change.FAILED;
            case CANCELLED -> Delivery.Change.CANCELLED;
            case SKIPPED -> Delivery.Change.SKIPPED;
            case PENDING -> Delivery.Change.NONE;
        };
    }
}
