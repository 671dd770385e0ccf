package io.minicrm.domain.campaign;

import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign: a message to a segment's audience, with a guarded lifecycle
 * (DRAFT -> SCHEDULED -> SENDING -> COMPLETED | CANCELLED | FAILED; any illegal move is a
 * {@link DomainException}) and delivery counters.
 *
 * <p>While sending, {@code audienceCursor} records the last customer id whose delivery row was
 * written, so a launch interrupted half-way resumes where it stopped; {@code audienceComplete} says
 * every recipient has a row. Once it completes, {@code firstSentAt} and {@code lastSentAt} keep when its
 * first and last message went to the vendor (null when none did). Create with {@link #draft}, rebuild from
 * storage with the constructor.
 */
public record Campaign(CampaignId id, String name, SegmentId segmentId, String segmentName, MessageTemplate template,
                       CampaignStatus status, Instant createdAt, Instant scheduledAt, Instant startedAt,
                       Instant completedAt, String audienceCursor, boolean audienceComplete, DeliveryCounts counts,
                       String statusReason, String createdBy, Instant firstSentAt, Instant lastSentAt) {
    /** Longest name, in characters. */
    public static final int MAX_NAME = 120;

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(status, "status");
        if (name == null || name.isBlank()) {
            throw new ValidationException("/name", "is required");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new ValidationException("/name", "longer than " + MAX_NAME + " characters");
        }
        name = name.strip();
        createdAt = Times.millis(Objects.requireNonNull(createdAt, "createdAt"));
        scheduledAt = Times.millis(scheduledAt);
        startedAt = Times.millis(startedAt);
        completedAt = Times.millis(completedAt);
        counts = counts == null ? DeliveryCounts.ZERO : counts;
        firstSentAt = Times.millis(firstSentAt);
        lastSentAt = Times.millis(lastSentAt);
        if (firstSentAt != null && lastSentAt != null && firstSentAt.isAfter(lastSentAt)) {
            throw new IllegalArgumentException("firstSentAt is after lastSentAt");
        }
    }

    /**
     * Every problem of a would-be campaign (paths {@code /name}, {@code /message}, {@code /scheduledAt}),
     * so a caller can check a campaign before creating anything else (e.g. its segment).
     */
    public static List<Problem> draftProblems(String name, String message, Instant scheduledAt, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new Problem("/name", "is required"));
        } else if (name.strip().length() > MAX_NAME) {
            problems.add(new Problem("/name", "longer than " + MAX_NAME + " characters"));
        }
        if (message == null) {
            problems.add(new Problem("/message", "is required"));
        } else {
            try {
                MessageTemplate.of(message);
            } catch (ValidationException e) {
                e.problems().forEach(p -> problems.add(p.under("/message")));
            }
        }
        if (scheduledAt != null && scheduledAt.isBefore(now.minusSeconds(60))) {
            problems.add(new Problem("/scheduledAt", "is in the past"));
        }
        return problems;
    }

    /** A new campaign; with {@code scheduledAt} it is SCHEDULED for that time, else a DRAFT. */
    public static Campaign draft(CampaignId id, String name, SegmentId segmentId, String segmentName,
                                 MessageTemplate template, Instant scheduledAt, Instant now, String createdBy) {
        List<Problem> problems = draftProblems(name, template.text(), scheduledAt, now);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new Campaign(id, name, segmentId, segmentName, template,
                scheduledAt == null ? CampaignStatus.DRAFT : CampaignStatus.SCHEDULED,
                now, scheduledAt, null, null, null, false, DeliveryCounts.ZERO, null, createdBy, null, null);
    }

    /** DRAFT or SCHEDULED -> SENDING. */
    public Campaign launch(Instant now) {
        if (status != CampaignStatus.DRAFT && status != CampaignStatus.SCHEDULED) {
            throw new DomainException("campaign-not-launchable", "campaign " + id + " is " + status.wire()
                    + "; only a draft or scheduled campaign can be sent");
        }
        return with(CampaignStatus.SENDING, now, null, null);
    }

    /** Records progress of writing delivery rows: the last customer id written and whether all are written. */
    public Campaign audienceProgress(String cursor, boolean complete) {
        requireSending("record audience progress");
        return new Campaign(id, name, segmentId, segmentName, template, status, createdAt, scheduledAt, startedAt,
                completedAt, cursor, complete, counts, statusReason, createdBy, firstSentAt, lastSentAt);
    }

    /**
     * The counters plus {@code delta} (changes of its delivery rows); unchanged once its counters are final
     * ({@link CampaignStatus#countersAreFinal()}: completed, recounted from the rows).
     */
    public Campaign plusCounts(DeliveryCounts delta) {
        return status.countersAreFinal() || delta.isZero() ? this : withCounts(counts.plus(delta));
    }

    /** These counters replace the current ones (after a recount from the delivery rows). */
    public Campaign withCounts(DeliveryCounts reconciled) {
        return new Campaign(id, name, segmentId, segmentName, template, status, createdAt, scheduledAt, startedAt,
                completedAt, audienceCursor, audienceComplete, reconciled, statusReason, createdBy, firstSentAt, lastSentAt);
    }

    /**
     * This finished campaign with the times its first and last message went to the vendor (both null when
     * none did), so its history shows them without reading its delivery rows.
     */
    public Campaign withSendTimes(Instant first, Instant last) {
        if (!status.isFinal()) {
            throw new DomainException("campaign-not-finished", "campaign " + id + " is " + status.wire()
                    + "; its send times are kept once it is finished");
        }
        return new Campaign(id, name, segmentId, segmentName, template, status, createdAt, scheduledAt, startedAt,
                completedAt, audienceCursor, audienceComplete, counts, statusReason, createdBy, first, last);
    }

    /** The send times kept once it finished ({@link #withSendTimes}); empty before, or when nothing was sent. */
    public Optional<SendWindow> sendWindow() {
        return firstSentAt == null || lastSentAt == null ? Optional.empty()
                : Optional.of(new SendWindow(firstSentAt, lastSentAt));
    }

    /** Whether a SENDING campaign has nothing left to do, given counts recounted from its rows. */
    public boolean isFinishedGiven(DeliveryCounts recount) {
        return status == CampaignStatus.SENDING && audienceComplete && recount.pending() == 0;
    }

    /** SENDING -> COMPLETED, only when every row is written and none is pending. */
    public Campaign complete(DeliveryCounts recount, Instant now) {
        requireSending("complete");
        if (!isFinishedGiven(recount)) {
            throw new DomainException("campaign-not-finished", "campaign " + id + " still has "
                    + (audienceComplete ? recount.pending() + " pending deliveries" : "recipients to enumerate"));
        }
        return withCounts(recount).with(CampaignStatus.COMPLETED, null, now, null);
    }

    /** DRAFT, SCHEDULED or SENDING -> CANCELLED. */
    public Campaign cancel(Instant now) {
        if (status.isFinal()) {
            throw new DomainException("campaign-not-cancellable", "campaign " + id + " is already " + status.wire());
        }
        return with(CampaignStatus.CANCELLED, null, now, "cancelled");
    }

    /** SENDING -> FAILED with a reason (e.g. the segment was deleted while enumerating). */
    public Campaign fail(String reason, Instant now) {
        requireSending("fail");
        return with(CampaignStatus.FAILED, null, now, reason);
    }

    /** Whether a scheduled campaign is due at {@code now}. */
    public boolean isDue(Instant now) {
        return status == CampaignStatus.SCHEDULED && scheduledAt != null && !scheduledAt.isAfter(now);
    }

    private void requireSending(String what) {
        if (status != CampaignStatus.SENDING) {
            throw new DomainException("campaign-not-sending", "cannot " + what + ": campaign " + id + " is " + status.wire());
        }
    }

    private Campaign with(CampaignStatus next, Instant started, Instant completed, String reason) {
        return new Campaign(id, name, segmentId, segmentName, template, next, createdAt, scheduledAt,
                started != null ? started : startedAt, completed != null ? completed : completedAt,
                audienceCursor, audienceComplete, counts, reason != null ? reason : statusReason, createdBy,
                firstSentAt, lastSentAt);
    }
}
