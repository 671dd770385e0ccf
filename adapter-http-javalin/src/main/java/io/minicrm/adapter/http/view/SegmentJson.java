package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslPrinter;
import java.time.Instant;
import java.util.Map;

/**
 * A segment: its rule in canonical JSON and as DSL text, and its last counted size. When the segment was
 * created together with a campaign, {@code campaign} holds it.
 */
@JsonPropertyOrder({"id", "_id"})
public record SegmentJson(String id, @JsonProperty("_id") String legacyId, String name, String description,
                          Map<String, Object> rules, String dsl, long customerCount, Instant countedAt,
                          Instant createdAt, String createdBy,
                          @JsonInclude(JsonInclude.Include.NON_NULL) CampaignJson campaign) {

    public static SegmentJson from(Segment s) {
        return from(s, null);
    }

    public static SegmentJson from(Segment s, CampaignJson campaign) {
        return new SegmentJson(s.id().value(), s.id().value(), s.name(), s.description(),
                CanonicalRuleWriter.write(s.rule()), DslPrinter.print(s.rule()), s.lastCount(), s.countedAt(),
                s.createdAt(), s.createdBy(), campaign);
    }
}
