package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named audience definition. {@code lastCount} is the audience size measured at {@code countedAt}
 * (a snapshot for listings; a live count is taken when one segment is shown).
 */
public record Segment(SegmentId id, String name, String description, Rule rule, long lastCount, Instant countedAt,
                      Instant createdAt, String createdBy) {
    /** Longest name, in characters. */
    public static final int MAX_NAME = 120;
    /** Longest description, in characters. */
    public static final int MAX_DESCRIPTION = 1000;

    public Segment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rule, "rule");
        List<Problem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new Problem("/name", "is required"));
        } else if (name.strip().length() > MAX_NAME) {
            problems.add(new Problem("/name", "longer than " + MAX_NAME + " characters"));
        }
        if (description != null && description.length() > MAX_DESCRIPTION) {
            problems.add(new Problem("/description", "longer than " + MAX_DESCRIPTION + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        name = name.strip();
        createdAt = Times.millis(Objects.requireNonNull(createdAt, "createdAt"));
        countedAt = Times.millis(countedAt);
    }

    /** A new segment with its audience size as counted now. */
    public static Segment define(SegmentId id, String name, String description, Rule rule, long count, Instant now,
                                 String createdBy) {
        return new Segment(id, name, description, rule, count, now, now, createdBy);
    }

    /** This segment with a new audience count taken at {@code at}. */
    public Segment recounted(long count, Instant at) {
        return new Segment(id, name, description, rule, count, at, createdAt, createdBy);
    }
}
