package io.minicrm.application.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CampaignActivityTest {
    @Test
    void theBucket_isTheSmallestStepThatKeepsATimelineUnder120Buckets() {
        assertThat(CampaignActivity.bucketFor(Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
        assertThat(CampaignActivity.bucketFor(Duration.ofSeconds(119))).isEqualTo(Duration.ofSeconds(1));
        assertThat(CampaignActivity.bucketFor(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(2));
        assertThat(CampaignActivity.bucketFor(Duration.ofSeconds(55))).isEqualTo(Duration.ofSeconds(1));
        assertThat(CampaignActivity.bucketFor(Duration.ofMinutes(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(CampaignActivity.bucketFor(Duration.ofDays(3))).isEqualTo(Duration.ofHours(1));
        assertThat(CampaignActivity.bucketFor(Duration.ofDays(10_000))).isEqualTo(Duration.ofDays(7));
    }
}
