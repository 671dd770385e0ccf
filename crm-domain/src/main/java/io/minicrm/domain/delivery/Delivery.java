package io.minicrm.domain.delivery;

import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.shared.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One message of a campaign to one customer, and everything that happened to it.
 *
 * <p>PENDING while it waits to be sent or for its receipt; SENT or FAILED when a receipt says so
 * (final, never moves back). A retryable failure before {@code maxAttempts} schedules the next
 * attempt instead (still PENDING, {@code attempt} + 1). Each attempt goes to the vendor under its own
 * idempotency key ({@link DeliveryId#idempotencyKey}); a re-send of the same attempt (after a crash or
 * a lost receipt) reuses the key, so the vendor sends it once.
 *
 * <p>{@code leaseUntil}: while a dispatcher holds the row (sending it, or waiting for its receipt),
 * nobody else sends it; when the lease runs out the attempt is due again.
 *
 * <p>{@code version} counts changes: every transition returns {@code version + 1}, so a store can write
 * a batch of transitions with compare-and-set (write only where the stored version is still
 * {@code version - 1}) and never lose a concurrent change.
 */
public record Delivery(DeliveryId id, CampaignId campaignId, CustomerId customerId, DeliveryStatus status, int attempt,
                       String vendorMessageId, String reason, Instant createdAt, Instant nextAttemptAt,
                       Instant leaseUntil, Instant dispatchedAt, Instant finishedAt, List<Attempt> history,
                       long version) {

    /** The outcome of one finished attempt. */
    public record Attempt(int number, String vendorMessageId, Receipt.Outcome outcome, String reason, boolean retryable,
                          Instant at) {
        public Attempt {
            at = Times.millis(at);
        }
    }

    /**
     * What applying an event did, and what it changes in the campaign's counters ({@link #delta()}): for every
     * transition, {@code after.counted()} is {@code before.counted().plus(change.delta())}.
     */
    public enum Change {
        /** Nothing: the event was a replay or came too late. */
        NONE(DeliveryCounts.ZERO),
        /** The delivery is now sent. */
        SENT(DeliveryCounts.ONE_SENT.minus(DeliveryCounts.ONE_PENDING)),
        /** The delivery failed for good. */
        FAILED(DeliveryCounts.ONE_FAILED.minus(DeliveryCounts.ONE_PENDING)),
        /** The attempt failed; another one is scheduled. */
        RETRY_SCHEDULED(DeliveryCounts.ONE_RETRY),
        /** The delivery was cancelled. */
        CANCELLED(DeliveryCounts.ONE_CANCELLED.minus(DeliveryCounts.ONE_PENDING)),
        /** The delivery was skipped. */
        SKIPPED(DeliveryCounts.ONE_SKIPPED.minus(DeliveryCounts.ONE_PENDING));

        private final DeliveryCounts delta;

        Change(DeliveryCounts delta) {
            this.delta = delta;
        }

        /** What this change adds to the campaign's counters (a pending row leaves pending, a retry counts one). */
        public DeliveryCounts delta() {
            return delta;
        }
    }

    /** A delivery after an event, and what changed. */
    public record Transition(Delivery delivery, Change change) {
    }

    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1");
        }
        createdAt = Times.millis(Objects.requireNonNull(createdAt, "createdAt"));
        nextAttemptAt = Times.millis(nextAttemptAt == null ? createdAt : nextAttemptAt);
        leaseUntil = Times.millis(leaseUntil);
        dispatchedAt = Times.millis(dispatchedAt);
        finishedAt = Times.millis(finishedAt);
        history = history == null ? List.of() : List.copyOf(history);
        if (version < 0) {
            throw new IllegalArgumentException("version must be >= 0");
        }
    }

    /** A new row waiting for its first attempt. */
    public static Delivery pending(CampaignId campaign, CustomerId customer, Instant now) {
        return new Delivery(DeliveryId.of(campaign, customer), campaign, customer, DeliveryStatus.PENDING, 1, null, null,
                now, now, null, null, null, List.of(), 0);
    }

    /** A row recorded as not sent, with the reason (e.g. the frequency cap). */
    public static Delivery skipped(CampaignId campaign, CustomerId customer, String reason, Instant now) {
        return new Delivery(DeliveryId.of(campaign, customer), campaign, customer, DeliveryStatus.SKIPPED, 1, null, reason,
                now, now, null, null, now, List.of(), 0);
    }

    /** The vendor idempotency key of the current attempt. */
    public String idempotencyKey() {
        return id.idempotencyKey(attempt);
    }

    /** Whether a dispatcher may take this row now. */
    public boolean isDue(Instant now) {
        return status == DeliveryStatus.PENDING && !nextAttemptAt.isAfter(now)
                && (leaseUntil == null || !leaseUntil.isAfter(now));
    }

    /**
     * Handed to the dispatch queue: nobody else queues it until {@code now + grace}; if its job is lost,
     * it becomes due again then. Only a due row can be queued.
     */
    public Delivery enqueue(Instant now, Duration grace) {
        if (!isDue(now)) {
            throw new IllegalStateException("delivery " + id + " is not due");
        }
        return new Delivery(id, campaignId, customerId, status, attempt, vendorMessageId, reason, createdAt, nextAttemptAt,
                now.plus(grace), dispatchedAt, finishedAt, history, version + 1);
    }

    /**
     * Taken by a dispatcher until {@code now + lease} to send it. The dispatcher holds a job issued for
     * exactly this version (compare-and-set on the version makes one dispatcher win).
     */
    public Delivery claim(Instant now, Duration lease) {
        if (status != DeliveryStatus.PENDING) {
            throw new IllegalStateException("delivery " + id + " is " + status.wire());
        }
        return new Delivery(id, campaignId, customerId, status, attempt, vendorMessageId, reason, createdAt, nextAttemptAt,
                now.plus(lease), dispatchedAt, finishedAt, history, version + 1);
    }

    /**
     * The vendor accepted attempt {@code forAttempt}: remember its message id and wait up to
     * {@code receiptTimeout} for the receipt before sending the same attempt again.
     */
    public Delivery accepted(int forAttempt, String messageId, Instant now, Duration receiptTimeout) {
        if (status != DeliveryStatus.PENDING || forAttempt != attempt) {
            return this;
        }
        return new Delivery(id, campaignId, customerId, status, attempt, messageId, reason, createdAt, nextAttemptAt,
                now.plus(receiptTimeout), now, finishedAt, history, version + 1);
    }

    /**
     * Applies a receipt. Idempotent and order-insensitive: a receipt for another attempt, a
     * duplicate, or anything after a final state changes nothing. A receipt is bound to the attempt it
     * reports by its attempt number or by the vendor message id of that attempt; one that names neither
     * cannot be told apart from a replay, so it changes nothing either.
     */
    public Transition applyReceipt(Receipt r, RetryPolicy policy, Instant now) {
        if (status.isFinal() || !r.deliveryId().equals(id) || !r.namesAttempt()) {
            return new Transition(this, Change.NONE);
        }
        if (r.attempt() != null) {
            if (r.attempt() != attempt) {
                return new Transition(this, Change.NONE);
            }
        } else if (r.vendorMessageId() != null && (vendorMessageId != null
                ? !vendorMessageId.equals(r.vendorMessageId()) : sentInEarlierAttempt(r.vendorMessageId()))) {
            return new Transition(this, Change.NONE);
        }
        String messageId = r.vendorMessageId() != null ? r.vendorMessageId() : vendorMessageId;
        // a receipt proves the hand-over even when it overtook the dispatcher's record of it
        Instant handedOver = dispatchedAt != null ? dispatchedAt : r.occurredAt();
        List<Attempt> h = new ArrayList<>(history);
        h.add(new Attempt(attempt, messageId, r.outcome(), r.reason(), r.retryable(), r.occurredAt()));
        if (r.outcome() == Receipt.Outcome.SENT) {
            return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.SENT, attempt, messageId, null,
                    createdAt, nextAttemptAt, null, handedOver, r.occurredAt(), h, version + 1), Change.SENT);
        }
        if (r.retryable() && policy.mayRetryAfter(attempt)) {
            return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.PENDING, attempt + 1, null,
                    r.reason(), createdAt, policy.nextAttemptAt(id, attempt, now), null, null, null, h, version + 1),
                    Change.RETRY_SCHEDULED);
        }
        String why = r.reason() == null ? "failed" : r.reason();
        if (r.retryable()) {
            why = why + " (gave up after " + attempt + " attempts)";
        }
        return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.FAILED, attempt, messageId, why,
                createdAt, nextAttemptAt, null, handedOver, r.occurredAt(), h, version + 1), Change.FAILED);
    }

    private boolean sentInEarlierAttempt(String messageId) {
        for (Attempt a : history) {
            if (messageId.equals(a.vendorMessageId())) {
                return true;
            }
        }
        return false;
    }

    /** The campaign was cancelled: a row not yet handed to the vendor is cancelled; others wait for their receipt. */
    public Transition cancel(Instant now) {
        if (status != DeliveryStatus.PENDING || dispatchedAt != null) {
            return new Transition(this, Change.NONE);
        }
        return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.CANCELLED, attempt, vendorMessageId,
                "campaign cancelled", createdAt, nextAttemptAt, null, dispatchedAt, now, history, version + 1),
                Change.CANCELLED);
    }

    /**
     * Not sent after all, with the reason (the customer opted out or disappeared after the launch).
     * Only a row not yet handed to the vendor can be skipped.
     */
    public Transition skip(String why, Instant now) {
        if (status != DeliveryStatus.PENDING || dispatchedAt != null) {
            return new Transition(this, Change.NONE);
        }
        return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.SKIPPED, attempt, vendorMessageId,
                why, createdAt, nextAttemptAt, null, dispatchedAt, now, history, version + 1), Change.SKIPPED);
    }

    /**
     * This delivery cannot be sent at all (its message cannot be rendered, or every try to hand it to the
     * vendor failed): FAILED with the reason. Only a pending row changes.
     */
    public Transition fail(String why, Instant now) {
        if (status != DeliveryStatus.PENDING) {
            return new Transition(this, Change.NONE);
        }
        return new Transition(new Delivery(id, campaignId, customerId, DeliveryStatus.FAILED, attempt, vendorMessageId,
                why, createdAt, nextAttemptAt, null, dispatchedAt, now, history, version + 1), Change.FAILED);
    }

    /**
     * The vendor could not be reached for this attempt: give the row back, to be sent again (same
     * attempt, same idempotency key) from {@code retryAt}.
     */
    public Delivery released(Instant retryAt) {
        if (status != DeliveryStatus.PENDING) {
            return this;
        }
        return new Delivery(id, campaignId, customerId, status, attempt, vendorMessageId, reason, createdAt, retryAt,
                null, dispatchedAt, finishedAt, history, version + 1);
    }

    /** Number of retries scheduled so far (attempts after the first). */
    public int retries() {
        return attempt - 1;
    }

    /**
     * What this row stands for in its campaign's counters: one of its status, and its retries. A campaign's
     * counters are the sum over its rows; a new row adds its own, a transition its {@link Change#delta()}.
     */
    public DeliveryCounts counted() {
        DeliveryCounts one = status.oneRow();
        return attempt == 1 ? one : one.plus(DeliveryCounts.ONE_RETRY.times(retries()));
    }

    /**
     * The same delivery at {@code version}: several transitions applied in memory and written at once carry the
     * version after the one read, so the write is one compare-and-set against the row as it was read.
     */
    public Delivery withVersion(long version) {
        return version == this.version ? this : new Delivery(id, campaignId, customerId, status, attempt,
                vendorMessageId, reason, createdAt, nextAttemptAt, leaseUntil, dispatchedAt, finishedAt, history, version);
    }
}
