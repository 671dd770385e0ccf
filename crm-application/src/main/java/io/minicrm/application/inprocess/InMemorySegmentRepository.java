package io.minicrm.application.inprocess;

import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import java.util.Optional;
import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListMap;

/** Segments in memory, listed newest first (by creation time, then id). Thread-safe. */
public final class InMemorySegmentRepository implements SegmentRepository {
    private final ConcurrentSkipListMap<SegmentId, Segment> segments =
            new ConcurrentSkipListMap<>(Comparator.comparing(SegmentId::value));

    @Override
    public void save(Segment segment) {
        segments.put(segment.id(), segment);
    }

    @Override
    public Optional<Segment> findById(SegmentId id) {
        return Optional.ofNullable(segments.get(id));
    }

    @Override
    public Page<Segment> list(PageRequest page) {
        return NewestFirst.page(segments, SegmentId::of, s -> s.id().value(), s -> true, page);
    }

    @Override
    public long countAll() {
        return segments.size();
    }
}
