package io.minicrm.domain.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery.Change;
import io.minicrm.domain.testing.Property;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a delivery stands for in its campaign's counters, and how each change moves them. */
class DeliveryCountingTest {
    private static final Instant T0 = DeliveryTest.T0;

    @Test
    void aNewRow_countsOnceInItsStatus() {
        assertThat(DeliveryTest.fresh().counted()).isEqualTo(DeliveryCounts.ONE_PENDING);
        assertThat(Delivery.skipped(DeliveryTest.CAMPAIGN, DeliveryTest.CUSTOMER, "cap", T0).counted())
                .isEqualTo(DeliveryCounts.ONE_SKIPPED);
    }

    @Test
    void eachChange_movesOneRowOutOfPending_orCountsARetry() {
        assertThat(Change.SENT.delta()).isEqualTo(new DeliveryCounts(-1, 1, 0, 0, 0, 0));
        assertThat(Change.FAILED.delta()).isEqualTo(new DeliveryCounts(-1, 0, 1, 0, 0, 0));
        assertThat(Change.CANCELLED.delta()).isEqualTo(new DeliveryCounts(-1, 0, 0, 1, 0, 0));
        assertThat(Change.SKIPPED.delta()).isEqualTo(new DeliveryCounts(-1, 0, 0, 0, 1, 0));
        assertThat(Change.RETRY_SCHEDULED.delta()).isEqualTo(new DeliveryCounts(0, 0, 0, 0, 0, 1));
        assertThat(Change.NONE.delta()).isEqualTo(DeliveryCounts.ZERO);
    }

    @Test
    void aRowRetriedTwiceThenSent_countsOneSentAndTwoRetries() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
        Delivery d = DeliveryTest.fresh();
        d = d.applyReceipt(DeliveryTest.failed(d, 1, "m1", true), policy, T0).delivery();
        d = d.applyReceipt(DeliveryTest.failed(d, 2, "m2", true), policy, T0).delivery();
        d = d.applyReceipt(DeliveryTest.sent(d, 3, "m3"), policy, T0).delivery();
        assertThat(d.counted()).isEqualTo(new DeliveryCounts(0, 1, 0, 0, 0, 2));
    }

    @Test
    void anyTransition_changesWhatTheRowCountsForByExactlyItsDelta() {
        Property.forAll("counted(after) == counted(before) + delta", 1000, r -> r.nextLong(), seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            RetryPolicy policy = new RetryPolicy(1 + r.nextInt(5), Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
            Delivery start = DeliveryTest.fresh();
            Delivery d = start;
            DeliveryCounts added = DeliveryCounts.ZERO;
            Instant now = T0;
            for (int step = 0; step < 12; step++) {
                now = now.plusSeconds(1 + r.nextInt(120));
                Delivery.Transition t = randomEvent(r, d, policy, now);
                assertThat(t.delivery().counted()).as("step %d: %s", step, t.change())
                        .isEqualTo(d.counted().plus(t.change().delta()));
                added = added.plus(t.change().delta());
                d = t.delivery();
            }
            assertThat(start.counted().plus(added)).isEqualTo(d.counted());
        });
    }

    /** A receipt for some attempt (maybe a replay), a cancellation, a skip, a failure, or a step that is no change. */
    private static Delivery.Transition randomEvent(SplittableRandom r, Delivery d, RetryPolicy policy, Instant now) {
        int attempt = 1 + r.nextInt(Math.max(1, d.attempt() + 1));
        return switch (r.nextInt(8)) {
            case 0, 1 -> d.applyReceipt(DeliveryTest.failed(d, attempt, "m" + attempt, r.nextBoolean()), policy, now);
            case 2, 3 -> d.applyReceipt(DeliveryTest.sent(d, attempt, "m" + attempt), policy, now);
            case 4 -> d.cancel(now);
            case 5 -> d.skip("opted out", now);
            case 6 -> d.fail("cannot render", now);
            default -> new Delivery.Transition(d.isDue(now) ? d.claim(now, Duration.ofSeconds(30))
                    : d.accepted(d.attempt(), "m" + d.attempt(), now, Duration.ofMinutes(1)), Change.NONE);
        };
    }

    @Test
    void withVersion_keepsEverythingButTheVersion() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        Delivery read = DeliveryTest.fresh().claim(T0, Duration.ofSeconds(30));
        Delivery twoSteps = read.accepted(1, "m1", T0, Duration.ofMinutes(1))
                .applyReceipt(DeliveryTest.sent(read, 1, "m1"), policy, T0).delivery();
        assertThat(twoSteps.version()).isEqualTo(read.version() + 2);

        Delivery oneWrite = twoSteps.withVersion(read.version() + 1);

        assertThat(oneWrite.version()).isEqualTo(read.version() + 1);
        assertThat(oneWrite.withVersion(twoSteps.version())).isEqualTo(twoSteps);
        assertThat(twoSteps.withVersion(twoSteps.version())).isSameAs(twoSteps);
        assertThatThrownBy(() -> twoSteps.withVersion(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
