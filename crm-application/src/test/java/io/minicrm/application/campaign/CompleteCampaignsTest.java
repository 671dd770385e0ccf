package io.minicrm.application.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.testing.CountingMetrics;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.segment.SegmentId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The completion job reports a completion only where it made it, without a side channel out of the update. */
class CompleteCampaignsTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<Campaign> notified = new ArrayList<>();
    private final CompleteCampaigns job = new CompleteCampaigns(campaigns, new InMemoryDeliveryLogRepository(),
            Duration.ofSeconds(30), Clock.fixed(NOW, ZoneOffset.UTC), metrics, notified::add);

    @Test
    void campaignCompletedMeanwhileElsewhere_isNeitherReportedNorCountedAgain() {
        Campaign sending = Campaign.draft(CampaignId.of("c1"), "c", SegmentId.of("s1"), "all", MessageTemplate.of("Hi"),
                null, NOW, "test").launch(NOW).audienceProgress(null, true);
        campaigns.insert(sending);

        job.run(List.of(sending), NOW); // this instance completes it (no rows: nothing pending)
        job.run(List.of(sending), NOW.plusSeconds(1)); // a stale SENDING read, as another instance would have

        assertThat(campaigns.findById(sending.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(notified).singleElement().extracting(Campaign::status).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(metrics.total("crm.campaigns.completed")).isEqualTo(1);
    }
}
