package io.minicrm.application.port;

import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import java.util.Optional;

/** Segments. */
public interface SegmentRepository {
    /** Inserts or replaces the segment with this id. */
    void save(Segment segment);

    Optional<Segment> findById(SegmentId id);

    /** Newest first. */
    Page<Segment> list(PageRequest page);

    long countAll();
}
