package io.minicrm.adapter.http.view;

import io.minicrm.application.ai.CampaignFacts;

/** The numbers a campaign summary is made of (rates in percent; durations in seconds; null when unknown). */
public record FactsJson(String campaignName, String status, long audience, long sent, long failed, long pending,
                        long retries, long skipped, double deliveryRatePercent, Long durationSeconds,
                        Double previousMedianRatePercent, int previousCampaigns) {

    public static FactsJson from(CampaignFacts f) {
        return new FactsJson(f.campaignName(), f.status(), f.audience(), f.sent(), f.failed(), f.pending(), f.retries(),
                f.skipped(), Math.round(f.deliveryRatePercent() * 10) / 10.0,
                f.duration().map(java.time.Duration::toSeconds).orElse(null),
                f.previousMedianRatePercent().map(r -> Math.round(r * 10) / 10.0).orElse(null), f.previousCampaigns());
    }
}
