package io.minicrm.application.ai;

import java.time.Duration;
import java.util.Optional;

/**
 * The numbers a campaign summary may use, all from our own data: recipients, outcomes, retries,
 * delivery rate (percent, one decimal), how long sending took, and the median delivery rate of earlier
 * completed campaigns for comparison.
 */
public record CampaignFacts(String campaignName, String status, long audience, long sent, long failed, long pending,
                            long retries, long skipped, double deliveryRatePercent, Optional<Duration> duration,
                            Optional<Double> previousMedianRatePercent, int previousCampaigns) {
}
