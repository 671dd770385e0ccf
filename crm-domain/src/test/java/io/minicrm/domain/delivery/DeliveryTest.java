package io.minicrm.domain.delivery;

import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery.Change;
import io.minicrm.domain.delivery.Delivery.Transition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryTest {
    static final Instant T0 = Instant.parse("2025-06-15T12:00:00Z");
    static final CampaignId CAMPAIGN = CampaignId.of("camp-1");
    static final CustomerId CUSTOMER = CustomerId.of("c1");
    static final RetryPolicy NO_JITTER = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(30), 0);

    static Delivery fresh() {
        return Delivery.pending(CAMPAIGN, CUSTOMER, T0);
    }

    static Receipt sent(Delivery d, int attempt, String messageId) {
        return new Receipt(d.id(), messageId, Receipt.Outcome.SENT, null, false, T0.plusSeconds(attempt * 100L), attempt);
    }

    static Receipt failed(Delivery d, int attempt, String messageId, boolean retryable) {
        return new Receipt(d.id(), messageId, Receipt.Outcome.FAILED, "busy " + attempt, retryable,
                T0.plusSeconds(attempt * 100L), attempt);
    }

    static Transition apply(Delivery d, Receipt r) {
        return d.applyReceipt(r, NO_JITTER, T0.plusSeconds(1000));
    }

    @Test
    void newDelivery_isPendingAndDueForItsFirstAttempt() {
        Delivery d = fresh();
        assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(d.attempt()).isEqualTo(1);
        assertThat(d.isDue(T0)).isTrue();
        assertThat(d.isDue(T0.minusMillis(1))).isFalse();
        assertThat(d.id()).isEqualTo(DeliveryId.of(CAMPAIGN, CUSTOMER));
        assertThat(d.idempotencyKey()).isEqualTo(d.id().value() + "-1");
        assertThat(d.version()).isZero();
    }

    @Test
    void sentReceipt_finishesTheDelivery_andRecordsTheAttempt() {
        Delivery d = fresh().accepted(1, "m1", T0, Duration.ofMinutes(5));
        Transition t = apply(d, sent(d, 1, null));
        assertThat(t.change()).isEqualTo(Change.SENT);
        Delivery done = t.delivery();
        assertThat(done.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(done.vendorMessageId()).isEqualTo("m1");
        assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(done.leaseUntil()).isNull();
        assertThat(done.history()).containsExactly(new Delivery.Attempt(1, "m1", Receipt.Outcome.SENT, null, false, T0.plusSeconds(100)));
        assertThat(done.version()).isEqualTo(d.version() + 1);
    }

    @Test
    void aReceiptThatOvertakesTheDispatchersRecord_stillLeavesTheHandOverTime() {
        // the vendor's receipt can arrive before the dispatcher has written accepted(): the row becomes final
        // at once, and accepted() afterwards changes nothing, so the receipt itself must mark the hand-over
        Delivery d = fresh();
        Delivery sent = apply(d, sent(d, 1, "m1")).delivery();
        assertThat(sent.dispatchedAt()).isEqualTo(T0.plusSeconds(100));
        assertThat(sent.accepted(1, "m1", T0.plusSeconds(200), Duration.ofMinutes(5))).isSameAs(sent);
        Delivery failed = apply(d, failed(d, 1, "m1", false)).delivery();
        assertThat(failed.dispatchedAt()).isEqualTo(T0.plusSeconds(100));
        Delivery accepted = fresh().accepted(1, "m1", T0.plusSeconds(5), Duration.ofMinutes(5));
        assertThat(apply(accepted, sent(accepted, 1, "m1")).delivery().dispatchedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void duplicateReceipts_changeNothing() {
        Delivery d = fresh();
        Receipt r = sent(d, 1, "m1");
        Delivery once = apply(d, r).delivery();
        Transition again = apply(once, r);
        assertThat(again.change()).isEqualTo(Change.NONE);
        assertThat(again.delivery()).isSameAs(once);
        Delivery retried = apply(d, failed(d, 1, "m1", true)).delivery();
        Transition duplicate = apply(retried, failed(d, 1, "m1", true));
        assertThat(duplicate.change()).isEqualTo(Change.NONE);
        assertThat(duplicate.delivery()).isSameAs(retried);
    }

    @Test
    void retryableFailures_scheduleRetriesUpToMaxAttempts_thenFail() {
        Delivery d = fresh();
        Transition first = apply(d, failed(d, 1, "m1", true));
        assertThat(first.change()).isEqualTo(Change.RETRY_SCHEDULED);
        Delivery second = first.delivery();
        assertThat(second.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.retries()).isEqualTo(1);
        assertThat(second.idempotencyKey()).isEqualTo(d.id().value() + "-2");
        assertThat(second.nextAttemptAt()).isEqualTo(T0.plusSeconds(1000 + 30));
        assertThat(second.vendorMessageId()).isNull();
        assertThat(second.dispatchedAt()).isNull();
        assertThat(second.isDue(T0.plusSeconds(1029))).isFalse();
        assertThat(second.isDue(T0.plusSeconds(1030))).isTrue();

        Delivery third = apply(second, failed(second, 2, "m2", true)).delivery();
        assertThat(third.attempt()).isEqualTo(3);
        assertThat(third.nextAttemptAt()).as("backoff doubles").isEqualTo(T0.plusSeconds(1000 + 60));

        Transition last = apply(third, failed(third, 3, "m3", true));
        assertThat(last.change()).isEqualTo(Change.FAILED);
        assertThat(last.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(last.delivery().reason()).isEqualTo("busy 3 (gave up after 3 attempts)");
        assertThat(last.delivery().history()).extracting(Delivery.Attempt::number, Delivery.Attempt::vendorMessageId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "m1"), org.assertj.core.groups.Tuple.tuple(2, "m2"),
                        org.assertj.core.groups.Tuple.tuple(3, "m3"));
        assertThat(last.delivery().version()).isEqualTo(3);
    }

    @Test
    void nonRetryableFailure_failsAtOnce_withTheVendorsReason() {
        Delivery d = fresh();
        Transition t = apply(d, failed(d, 1, "m1", false));
        assertThat(t.change()).isEqualTo(Change.FAILED);
        assertThat(t.delivery().reason()).isEqualTo("busy 1");
        Receipt noReason = new Receipt(d.id(), null, Receipt.Outcome.FAILED, null, false, T0, 1);
        assertThat(apply(d, noReason).delivery().reason()).isEqualTo("failed");
    }

    @Test
    void receiptForAnOlderAttempt_isIgnored_byAttemptNumberOrByVendorMessageId() {
        Delivery d = fresh().accepted(1, "m1", T0, Duration.ofMinutes(5));
        Delivery second = apply(d, failed(d, 1, null, true)).delivery();
        assertThat(apply(second, sent(d, 1, "m1")).change()).isEqualTo(Change.NONE);
        Receipt lateByMessageId = new Receipt(d.id(), "m1", Receipt.Outcome.FAILED, "late", true, T0, null);
        assertThat(apply(second, lateByMessageId).change()).as("m1 belongs to attempt 1").isEqualTo(Change.NONE);
        Delivery secondAccepted = second.accepted(2, "m2", T0.plusSeconds(1100), Duration.ofMinutes(5));
        assertThat(apply(secondAccepted, lateByMessageId).change()).isEqualTo(Change.NONE);
        Receipt currentByMessageId = new Receipt(d.id(), "m2", Receipt.Outcome.SENT, null, false, T0.plusSeconds(1200), null);
        assertThat(apply(secondAccepted, currentByMessageId).change()).isEqualTo(Change.SENT);
        assertThat(apply(second, sent(d, 3, "m3")).change()).as("a future attempt").isEqualTo(Change.NONE);
    }

    @Test
    void receiptNamingNoAttempt_advancesNone_howeverOftenItIsReplayed() {
        Delivery d = fresh().accepted(1, "m1", T0, Duration.ofMinutes(5));
        Receipt unbound = new Receipt(d.id(), null, Receipt.Outcome.FAILED, "busy", true, T0.plusSeconds(10), null);
        assertThat(unbound.namesAttempt()).isFalse();
        Delivery current = d;
        for (int replay = 0; replay < 3; replay++) {
            Transition t = apply(current, unbound);
            assertThat(t.change()).isEqualTo(Change.NONE);
            assertThat(t.delivery()).isSameAs(current);
            current = t.delivery();
        }
        assertThat(current.attempt()).isEqualTo(1);
        assertThat(current.status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void boundReceiptReplayed_countsOnce() {
        Delivery d = fresh().accepted(1, "m1", T0, Duration.ofMinutes(5));
        Receipt byNumber = failed(d, 1, null, true);
        Transition first = apply(d, byNumber);
        assertThat(first.change()).isEqualTo(Change.RETRY_SCHEDULED);
        assertThat(apply(first.delivery(), byNumber).change()).isEqualTo(Change.NONE);
        Receipt byMessageId = new Receipt(d.id(), "m1", Receipt.Outcome.FAILED, "busy", true, T0, null);
        Transition viaId = apply(d, byMessageId);
        assertThat(viaId.change()).isEqualTo(Change.RETRY_SCHEDULED);
        assertThat(apply(viaId.delivery(), byMessageId).change()).isEqualTo(Change.NONE);
    }

    @Test
    void fail_endsAPendingRowWithTheReason_andLeavesFinalRowsAlone() {
        Delivery d = fresh().accepted(1, "m1", T0, Duration.ofMinutes(5));
        Transition t = d.fail("message could not be rendered: boom", T0.plusSeconds(2));
        assertThat(t.change()).isEqualTo(Change.FAILED);
        assertThat(t.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(t.delivery().reason()).isEqualTo("message could not be rendered: boom");
        assertThat(t.delivery().finishedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(t.delivery().version()).isEqualTo(d.version() + 1);
        assertThat(t.delivery().fail("again", T0).change()).isEqualTo(Change.NONE);
        assertThat(apply(t.delivery(), sent(d, 1, "m1")).change()).as("final").isEqualTo(Change.NONE);
    }

    @Test
    void receiptForAnotherDelivery_isIgnored() {
        Delivery d = fresh();
        Delivery other = Delivery.pending(CAMPAIGN, CustomerId.of("c2"), T0);
        assertThat(apply(d, sent(other, 1, "m1")).change()).isEqualTo(Change.NONE);
    }

    @Test
    void finalStates_neverMoveBack() {
        Delivery d = fresh();
        Delivery sentOne = apply(d, sent(d, 1, "m1")).delivery();
        Delivery failedOne = apply(d, failed(d, 1, "m1", false)).delivery();
        Delivery cancelled = d.cancel(T0).delivery();
        Delivery skipped = Delivery.skipped(CAMPAIGN, CUSTOMER, "frequency cap", T0);
        for (Delivery done : new Delivery[] {sentOne, failedOne, cancelled, skipped}) {
            assertThat(done.status().isFinal()).isTrue();
            assertThat(apply(done, failed(d, 1, "m1", true)).delivery()).isSameAs(done);
            assertThat(apply(done, sent(d, 1, "m1")).delivery()).isSameAs(done);
            assertThat(done.cancel(T0).change()).isEqualTo(Change.NONE);
            assertThat(done.skip("x", T0).change()).isEqualTo(Change.NONE);
            assertThat(done.accepted(1, "m9", T0, Duration.ofMinutes(1))).isSameAs(done);
            assertThat(done.released(T0)).isSameAs(done);
            assertThat(done.isDue(T0.plusSeconds(100_000))).isFalse();
            assertThatThrownBy(() -> done.enqueue(T0, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> done.claim(T0, Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void cancel_cancelsOnlyWhatWasNotHandedToTheVendor() {
        Delivery d = fresh();
        Transition t = d.cancel(T0.plusSeconds(5));
        assertThat(t.change()).isEqualTo(Change.CANCELLED);
        assertThat(t.delivery().status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(t.delivery().reason()).isEqualTo("campaign cancelled");
        assertThat(t.delivery().finishedAt()).isEqualTo(T0.plusSeconds(5));

        Delivery handedOver = d.accepted(1, "m1", T0, Duration.ofMinutes(5));
        assertThat(handedOver.cancel(T0).change()).isEqualTo(Change.NONE);
        assertThat(apply(handedOver, sent(d, 1, null)).change()).as("its receipt still counts").isEqualTo(Change.SENT);

        Delivery retrying = apply(handedOver, failed(d, 1, null, true)).delivery();
        assertThat(retrying.cancel(T0).change()).as("the next attempt was not handed over yet").isEqualTo(Change.CANCELLED);
    }

    @Test
    void enqueueClaimAcceptRelease_leaseTheRow_andBumpTheVersion() {
        Delivery d = fresh();
        Delivery queued = d.enqueue(T0, Duration.ofMinutes(1));
        assertThat(queued.leaseUntil()).isEqualTo(T0.plusSeconds(60));
        assertThat(queued.isDue(T0.plusSeconds(59))).isFalse();
        assertThat(queued.isDue(T0.plusSeconds(60))).as("a lost job makes it due again").isTrue();
        assertThatThrownBy(() -> queued.enqueue(T0.plusSeconds(1), Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
        Delivery claimed = queued.claim(T0.plusSeconds(1), Duration.ofMinutes(2));
        assertThat(claimed.leaseUntil()).isEqualTo(T0.plusSeconds(121));
        Delivery accepted = claimed.accepted(1, "m1", T0.plusSeconds(2), Duration.ofMinutes(10));
        assertThat(accepted.dispatchedAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(accepted.vendorMessageId()).isEqualTo("m1");
        assertThat(accepted.leaseUntil()).isEqualTo(T0.plusSeconds(602));
        assertThat(accepted.accepted(2, "mX", T0, Duration.ofMinutes(1))).as("acceptance of another attempt").isSameAs(accepted);
        assertThat(new long[] {d.version(), queued.version(), claimed.version(), accepted.version()}).containsExactly(0, 1, 2, 3);
        Delivery released = claimed.released(T0.plusSeconds(30));
        assertThat(released.leaseUntil()).isNull();
        assertThat(released.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(released.attempt()).as("same attempt, same idempotency key").isEqualTo(1);
    }

    @Test
    void skip_recordsWhyANotYetSentRowWasNotSent() {
        Transition t = fresh().skip("opted out", T0);
        assertThat(t.change()).isEqualTo(Change.SKIPPED);
        assertThat(t.delivery().status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(t.delivery().reason()).isEqualTo("opted out");
        assertThat(fresh().accepted(1, "m1", T0, Duration.ofMinutes(1)).skip("late", T0).change()).isEqualTo(Change.NONE);
    }

    @Test
    void deliveryId_isDerivedDeterministicallyFromCampaignAndCustomer() {
        DeliveryId a = DeliveryId.of(CAMPAIGN, CUSTOMER);
        assertThat(DeliveryId.of(CampaignId.of("camp-1"), CustomerId.of("c1"))).isEqualTo(a);
        assertThat(a.value()).matches("[0-9a-f]{32}");
        assertThat(DeliveryId.of(CampaignId.of("camp-2"), CUSTOMER)).isNotEqualTo(a);
        assertThat(DeliveryId.of(CAMPAIGN, CustomerId.of("c2"))).isNotEqualTo(a);
        assertThat(DeliveryId.of(CampaignId.of("a"), CustomerId.of("bc")))
                .as("the separator keeps (a, bc) and (ab, c) apart")
                .isNotEqualTo(DeliveryId.of(CampaignId.of("ab"), CustomerId.of("c")));
        assertThat(a.idempotencyKey(2)).isEqualTo(a.value() + "-2");
    }

    @Test
    void retryPolicy_backsOffExponentially_cappedAndJitteredDeterministically() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofSeconds(30), Duration.ofMinutes(5), 0.2);
        DeliveryId id = DeliveryId.of(CAMPAIGN, CUSTOMER);
        for (int failed = 1; failed <= 9; failed++) {
            long base = Math.min(30_000L << (failed - 1), 300_000L);
            long delay = Duration.between(T0, p.nextAttemptAt(id, failed, T0)).toMillis();
            assertThat(delay).as("after failure %d", failed).isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
            assertThat(p.nextAttemptAt(id, failed, T0)).isEqualTo(p.nextAttemptAt(id, failed, T0));
        }
        assertThat(p.mayRetryAfter(9)).isTrue();
        assertThat(p.mayRetryAfter(10)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMinutes(2), Duration.ofMinutes(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
