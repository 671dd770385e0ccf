package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Ids;

/** Identity of a segment. */
public record SegmentId(String value) {
    public SegmentId {
        Ids.require(value, "segment id");
    }

    /** The id, validated (1 to 64 letters, digits, {@code _} or {@code -}). */
    public static SegmentId of(String value) {
        return new SegmentId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
