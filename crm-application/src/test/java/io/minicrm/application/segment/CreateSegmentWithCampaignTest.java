package io.minicrm.application.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.PageRequest;
import io.minicrm.application.segment.CreateSegmentWithCampaign.CampaignDraft;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A segment and its campaign in one use case: the campaign is checked before anything is written. */
class CreateSegmentWithCampaignTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));

    private static SegmentService.NewSegment segment() {
        return new SegmentService.NewSegment("Big spenders", "over 10k", DslParser.parse("totalSpent > 10000"), "ann");
    }

    @Test
    void aBadCampaign_isReportedUnderCampaign_withEveryProblem_andNothingIsWritten() {
        try (Crm crm = Crm.builder().clock(clock).build()) {
            CampaignDraft bad = new CampaignDraft(" ", "Hi {{shoeSize}}", clock.instant().minus(Duration.ofHours(1)));

            assertThatThrownBy(() -> crm.services.segmentWithCampaign().create(segment(), Optional.of(bad)))
                    .isInstanceOf(ValidationException.class)
                    .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path)
                            .contains("/campaign/name", "/campaign/scheduledAt")
                            .anySatisfy(p -> assertThat(p).startsWith("/campaign/message")));
            assertThat(crm.services.segments().count()).isZero();
            assertThat(crm.services.campaigns().count()).isZero();
        }
    }

    @Test
    void theSegmentAndItsCampaign_areCreated_theCampaignAsADraftOrScheduled_byTheSegmentsCreator() {
        try (Crm crm = Crm.builder().clock(clock).build()) {
            var draft = crm.services.segmentWithCampaign().create(segment(),
                    Optional.of(new CampaignDraft("Thanks", "Hi {{name|there}}", null)));
            var scheduled = crm.services.segmentWithCampaign().create(segment(),
                    Optional.of(new CampaignDraft("Later", "Hi", clock.instant().plus(Duration.ofDays(1)))));
            var alone = crm.services.segmentWithCampaign().create(segment(), Optional.empty());

            assertThat(draft.campaign()).hasValueSatisfying(c -> {
                assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
                assertThat(c.segmentId()).isEqualTo(draft.segment().id());
                assertThat(c.createdBy()).isEqualTo("ann");
            });
            assertThat(scheduled.campaign()).hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CampaignStatus.SCHEDULED));
            assertThat(alone.campaign()).isEmpty();
            assertThat(crm.services.segments().list(PageRequest.first(10)).items()).hasSize(3);
            assertThat(crm.services.campaigns().count()).isEqualTo(2);
        }
    }
}
