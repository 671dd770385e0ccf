package io.minicrm.domain.campaign;

import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.minicrm.domain.campaign.CampaignStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignTest {
    static final Instant T0 = Instant.parse("2025-06-15T12:00:00Z");
    static final MessageTemplate TEMPLATE = MessageTemplate.of("Hi {{firstName|there}}!");
    static final DeliveryCounts DONE = new DeliveryCounts(0, 8, 1, 1, 2, 3);

    static Campaign draft() {
        return Campaign.draft(CampaignId.of("camp-1"), "  Summer sale  ", SegmentId.of("seg-1"), "Big spenders", TEMPLATE,
                null, T0, "u1");
    }

    static Campaign inStatus(CampaignStatus status) {
        Campaign d = draft();
        return switch (status) {
            case DRAFT -> d;
            case SCHEDULED -> Campaign.draft(d.id(), d.name(), d.segmentId(), d.segmentName(), TEMPLATE, T0.plusSeconds(3600), T0, "u1");
            case SENDING -> d.launch(T0);
            case COMPLETED -> d.launch(T0).audienceProgress("c9", true).complete(DONE, T0.plusSeconds(60));
            case CANCELLED -> d.cancel(T0);
            case FAILED -> d.launch(T0).fail("segment deleted", T0);
        };
    }

    /** The actions of the lifecycle, and the states each is legal in. */
    enum Action {
        LAUNCH(c -> c.launch(T0.plusSeconds(1)), EnumSet.of(DRAFT, SCHEDULED)),
        PROGRESS(c -> c.audienceProgress("c5", false), EnumSet.of(SENDING)),
        COMPLETE(c -> c.audienceProgress("c9", true).complete(DONE, T0.plusSeconds(2)), EnumSet.of(SENDING)),
        CANCEL(c -> c.cancel(T0.plusSeconds(3)), EnumSet.of(DRAFT, SCHEDULED, SENDING)),
        FAIL(c -> c.fail("broken", T0.plusSeconds(4)), EnumSet.of(SENDING));

        final Function<Campaign, Campaign> run;
        final Set<CampaignStatus> legalIn;

        Action(Function<Campaign, Campaign> run, Set<CampaignStatus> legalIn) {
            this.run = run;
            this.legalIn = legalIn;
        }
    }

    static final Map<Action, CampaignStatus> RESULT = new EnumMap<>(Map.of(Action.LAUNCH, SENDING, Action.PROGRESS, SENDING,
            Action.COMPLETE, COMPLETED, Action.CANCEL, CANCELLED, Action.FAIL, FAILED));

    static Stream<Arguments> everyStatusAndAction() {
        return Stream.of(CampaignStatus.values())
                .flatMap(s -> Stream.of(Action.values()).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("everyStatusAndAction")
    void everyTransition_isLegalExactlyWhereTheLifecycleAllowsIt(CampaignStatus from, Action action) {
        Campaign c = inStatus(from);
        assertThat(c.status()).isEqualTo(from);
        if (action.legalIn.contains(from)) {
            assertThat(action.run.apply(c).status()).isEqualTo(RESULT.get(action));
        } else {
            assertThatThrownBy(() -> action.run.apply(c)).isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(((DomainException) e).code()).startsWith("campaign-not-"));
        }
    }

    @Test
    void draft_withoutTimeIsADraft_withTimeIsScheduled_andNameIsTrimmed() {
        Campaign d = draft();
        assertThat(d.status()).isEqualTo(DRAFT);
        assertThat(d.name()).isEqualTo("Summer sale");
        assertThat(d.counts()).isEqualTo(DeliveryCounts.ZERO);
        Campaign s = inStatus(SCHEDULED);
        assertThat(s.scheduledAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(s.isDue(T0.plusSeconds(3599))).isFalse();
        assertThat(s.isDue(T0.plusSeconds(3600))).isTrue();
        assertThat(d.isDue(T0.plusSeconds(99_999))).isFalse();
    }

    @Test
    void draft_rejectsAPastScheduleAndABlankOrLongName() {
        assertThatThrownBy(() -> Campaign.draft(CampaignId.of("c"), "n", SegmentId.of("s"), null, TEMPLATE,
                T0.minusSeconds(61), T0, "u")).isInstanceOf(ValidationException.class).hasMessage("/scheduledAt: is in the past");
        assertThat(Campaign.draft(CampaignId.of("c"), "n", SegmentId.of("s"), null, TEMPLATE, T0.minusSeconds(60), T0, "u")
                .status()).as("a minute of clock skew is fine").isEqualTo(SCHEDULED);
        assertThatThrownBy(() -> Campaign.draft(CampaignId.of("c"), " ", SegmentId.of("s"), null, TEMPLATE, null, T0, "u"))
                .isInstanceOf(ValidationException.class).hasMessage("/name: is required");
        assertThatThrownBy(() -> Campaign.draft(CampaignId.of("c"), "x".repeat(121), SegmentId.of("s"), null, TEMPLATE, null, T0, "u"))
                .isInstanceOf(ValidationException.class).hasMessage("/name: longer than 120 characters");
    }

    @Test
    void launch_recordsTheStart_andCompletionNeedsEveryRowWrittenAndNothingPending() {
        Campaign sending = draft().launch(T0.plusSeconds(10));
        assertThat(sending.startedAt()).isEqualTo(T0.plusSeconds(10));
        DeliveryCounts pending = new DeliveryCounts(2, 5, 0, 0, 0, 0);
        assertThatThrownBy(() -> sending.complete(DONE, T0)).isInstanceOf(DomainException.class)
                .hasMessageContaining("recipients to enumerate");
        Campaign written = sending.audienceProgress("c9", true);
        assertThat(written.isFinishedGiven(pending)).isFalse();
        assertThatThrownBy(() -> written.complete(pending, T0)).isInstanceOf(DomainException.class)
                .hasMessageContaining("2 pending deliveries");
        Campaign done = written.complete(DONE, T0.plusSeconds(99));
        assertThat(done.status()).isEqualTo(COMPLETED);
        assertThat(done.counts()).isEqualTo(DONE);
        assertThat(done.completedAt()).isEqualTo(T0.plusSeconds(99));
        assertThat(done.startedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void sendTimes_areKeptOnceFinished_andSurviveLaterChanges() {
        assertThatThrownBy(() -> draft().launch(T0).withSendTimes(T0, T0)).isInstanceOf(DomainException.class)
                .hasMessageContaining("once it is finished");
        Campaign done = inStatus(COMPLETED).withSendTimes(T0.plusSeconds(5), T0.plusSeconds(50));
        assertThat(done.firstSentAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(done.lastSentAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(done.withCounts(DeliveryCounts.ZERO).lastSentAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(inStatus(COMPLETED).withSendTimes(null, null).firstSentAt()).as("nothing was sent").isNull();
        assertThatThrownBy(() -> inStatus(COMPLETED).withSendTimes(T0.plusSeconds(9), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void audienceProgress_resumesFromTheCursor() {
        Campaign c = draft().launch(T0).audienceProgress("c100", false);
        assertThat(c.audienceCursor()).isEqualTo("c100");
        assertThat(c.audienceComplete()).isFalse();
        assertThat(c.audienceProgress("c200", true).audienceCursor()).isEqualTo("c200");
    }

    @Test
    void cancelAndFail_recordTheirReason() {
        assertThat(draft().cancel(T0).statusReason()).isEqualTo("cancelled");
        assertThat(draft().launch(T0).fail("segment deleted", T0).statusReason()).isEqualTo("segment deleted");
        assertThat(draft().launch(T0).fail("x", T0.plusSeconds(5)).completedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void deliveryCounts_addUpAndRate() {
        assertThat(DONE.audience()).isEqualTo(10);
        assertThat(DONE.deliveryRate()).isEqualTo(8.0 / 9);
        assertThat(DeliveryCounts.ZERO.deliveryRate()).isZero();
        assertThat(DONE.plus(DONE)).isEqualTo(new DeliveryCounts(0, 16, 2, 2, 4, 6));
        assertThat(DeliveryCounts.ZERO.isZero()).isTrue();
    }

    @Test
    void counterChanges_addUpWhileSending_andAfterACancellationOrFailure() {
        DeliveryCounts start = new DeliveryCounts(3, 0, 0, 0, 1, 0);
        Campaign sending = draft().launch(T0).withCounts(start);
        Campaign after = sending.plusCounts(new DeliveryCounts(-1, 1, 0, 0, 0, 2)).plusCounts(new DeliveryCounts(-1, 0, 1, 0, 0, 0));
        assertThat(after.counts()).isEqualTo(new DeliveryCounts(1, 1, 1, 0, 1, 2));
        // receipts of messages already on their way still count after a cancellation or failure
        assertThat(sending.cancel(T0).plusCounts(DeliveryCounts.ONE_SENT).counts()).isEqualTo(start.plus(DeliveryCounts.ONE_SENT));
        assertThat(sending.fail("x", T0).plusCounts(DeliveryCounts.ONE_SENT).counts()).isEqualTo(start.plus(DeliveryCounts.ONE_SENT));
        assertThat(sending.plusCounts(DeliveryCounts.ZERO)).isSameAs(sending);
    }

    @Test
    void aCompletedCampaignsCounters_areFinal_noLateChangeMovesThem() {
        Campaign done = draft().launch(T0).audienceProgress("c9", true).complete(DONE, T0.plusSeconds(9));
        assertThat(done.plusCounts(new DeliveryCounts(-1, 1, 0, 0, 0, 0))).isSameAs(done);
        assertThat(COMPLETED.countersAreFinal()).isTrue();
        for (CampaignStatus s : CampaignStatus.values()) {
            assertThat(s.countersAreFinal()).as("%s", s).isEqualTo(s == COMPLETED);
        }
    }

    @Test
    void deliveryCounts_subtractAndScale() {
        assertThat(DONE.minus(DONE)).isEqualTo(DeliveryCounts.ZERO);
        assertThat(DeliveryCounts.ONE_CANCELLED.minus(DeliveryCounts.ONE_PENDING).times(12))
                .isEqualTo(new DeliveryCounts(-12, 0, 0, 12, 0, 0));
        assertThat(DONE.times(0)).isEqualTo(DeliveryCounts.ZERO);
    }
}
