package io.minicrm.application.segment;

import io.minicrm.application.campaign.CampaignService;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Defines a segment and, optionally, a campaign to it in one step (the original service's "save segment
 * and create campaign"). The campaign is checked before anything is written, so a bad campaign leaves no
 * segment behind; it is created as a draft, or scheduled when it has a time, never sent at once.
 */
public final class CreateSegmentWithCampaign {
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final Clock clock;

    public CreateSegmentWithCampaign(SegmentService segments, CampaignService campaigns, Clock clock) {
        this.segments = Objects.requireNonNull(segments, "segments");
        this.campaigns = Objects.requireNonNull(campaigns, "campaigns");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The campaign to create with the segment (its segment is the new one; its creator the segment's).
     * @param scheduledAt when to send (null: a draft, sent by {@code CampaignService.send})
     */
    public record CampaignDraft(String name, String message, Instant scheduledAt) {
    }

    /** What was created. */
    public record Created(Segment segment, Optional<Campaign> campaign) {
    }

    /** The campaign's problems, located under {@code /campaign}; empty when it can be created. */
    public List<Problem> problems(CampaignDraft campaign) {
        return Campaign.draftProblems(campaign.name(), campaign.message(), campaign.scheduledAt(), clock.instant()).stream()
                .map(p -> new Problem("/campaign" + p.path(), p.message())).toList();
    }

    /**
     * Defines the segment, then the campaign.
     * @throws ValidationException with every problem of the campaign (under {@code /campaign}) before anything
     *                             is written
     */
    public Created create(SegmentService.NewSegment segment, Optional<CampaignDraft> campaign) {
        if (campaign.isPresent()) {
            List<Problem> problems = problems(campaign.get());
            if (!problems.isEmpty()) {
                throw new ValidationException(problems);
            }
        }
        Segment s = segments.create(segment);
        Optional<Campaign> c = campaign.map(d -> campaigns.create(new CampaignService.NewCampaign(d.name(), s.id(),
                d.message(), d.scheduledAt(), false, segment.createdBy())));
        return new Created(s, c);
    }
}
