package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.application.campaign.CampaignView;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import java.time.Instant;

/**
 * A campaign with its delivery statistics; {@code sentCount}, {@code failedCount} and {@code totalCount}
 * repeat them for the old frontend. {@code deliveryRate} is sent / (sent + failed), from 0 to 1.
 * {@code segmentId} is the segment populated as the original service did ({@code {id, _id, name}}; the
 * old frontend shows {@code segmentId.name}), {@code segment} the same. {@code firstSentAt} and
 * {@code lastSentAt}: when the first and last message went to the vendor (on one campaign while it sends;
 * in the history once it is finished).
 */
@JsonPropertyOrder({"id", "_id"})
public record CampaignJson(String id, @JsonProperty("_id") String legacyId, String name, SegmentRef segmentId,
                           SegmentRef segment, String message, String status, String statusReason, Stats stats,
                           double deliveryRate, long sentCount, long failedCount, long totalCount, Instant createdAt,
                           Instant scheduledAt, Instant startedAt, Instant completedAt, Instant firstSentAt,
                           Instant lastSentAt, String createdBy) {

    /** The campaign's segment: its id (also as {@code _id}) and name. */
    @JsonPropertyOrder({"id", "_id"})
    public record SegmentRef(String id, @JsonProperty("_id") String legacyId, String name) {
    }

    public record Stats(long audience, long pending, long sent, long failed, long cancelled, long skipped, long retries,
                        double deliveryRate) {
        static Stats of(DeliveryCounts n) {
            return new Stats(n.audience(), n.pending(), n.sent(), n.failed(), n.cancelled(), n.skipped(), n.retries(),
                    rate(n));
        }
    }

    public static CampaignJson from(CampaignView v) {
        Campaign c = v.campaign();
        DeliveryCounts n = v.counts();
        SendWindow w = v.sendWindow().orElse(null);
        SegmentRef segment = new SegmentRef(c.segmentId().value(), c.segmentId().value(), c.segmentName());
        return new CampaignJson(c.id().value(), c.id().value(), c.name(), segment, segment, c.template().text(),
                c.status().wire(),
                c.statusReason(), Stats.of(n), rate(n), n.sent(), n.failed(), n.audience(), c.createdAt(),
                c.scheduledAt(), c.startedAt(), c.completedAt(), w == null ? null : w.first(), w == null ? null : w.last(),
                c.createdBy());
    }

    public static CampaignJson from(Campaign c) {
        return from(CampaignView.of(c));
    }

    static double rate(DeliveryCounts n) {
        return Math.round(n.deliveryRate() * 10_000) / 10_000.0;
    }
}
