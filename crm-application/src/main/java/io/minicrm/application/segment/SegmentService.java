package io.minicrm.application.segment;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.RuleReaders;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Segments: preview an audience without saving, define a segment, read segments and their members.
 * Counts include opted-out customers (they are part of the segment); campaigns never message them.
 */
public final class SegmentService {
    public static final int SAMPLE_SIZE = 5;

    private final SegmentRepository segments;
    private final CustomerRepository customers;
    private final IdGenerator ids;
    private final Clock clock;

    public SegmentService(SegmentRepository segments, CustomerRepository customers, IdGenerator ids, Clock clock) {
        this.segments = segments;
        this.customers = customers;
        this.ids = ids;
        this.clock = clock;
    }

    /** Audience size (and how many of them can be messaged) plus a few sample customers. */
    public record Preview(long count, long reachable, List<Customer> sample) {
    }

    /** Reads a rule from any of its spellings (canonical, legacy groups, {"dsl": ...}). */
    public static Rule readRule(Object tree) {
        return RuleReaders.readAny(tree);
    }

    /** From one pass over the customers, like {@link #create}'s count. */
    public Preview preview(Rule rule) {
        CustomerRepository.RulePreview p = customers.preview(rule, clock.instant(), SAMPLE_SIZE);
        return new Preview(p.count(), p.reachable(), p.sample());
    }

    /**
     * A segment to define.
     * @param name        shown in lists (required)
     * @param description optional
     * @param rule        who belongs to it (see {@code RuleReaders} and {@code DslParser} to read one)
     * @param createdBy   who asked for it
     */
    public record NewSegment(String name, String description, Rule rule, String createdBy) {
        /** A segment with no description, created by {@code "api"}. */
        public static NewSegment of(String name, Rule rule) {
            return new NewSegment(name, null, rule, "api");
        }
    }

    /** Defines the segment, counted now. */
    public Segment create(NewSegment request) {
        Instant now = clock.instant();
        long count = customers.count(request.rule(), now);
        Segment s = Segment.define(SegmentId.of(ids.newId()), request.name(), request.description(), request.rule(), count,
                now, request.createdBy());
        segments.save(s);
        return s;
    }

    /** One segment with a fresh count (stored as its latest snapshot). */
    public Segment get(SegmentId id) {
        Segment s = segments.findById(id).orElseThrow(() -> new NotFoundException("segment", id.value()));
        Instant now = clock.instant();
        Segment fresh = s.recounted(customers.count(s.rule(), now), now);
        segments.save(fresh);
        return fresh;
    }

    public Segment find(SegmentId id) {
        return segments.findById(id).orElseThrow(() -> new NotFoundException("segment", id.value()));
    }

    /** Newest first, with their last counted sizes. */
    public Page<Segment> list(PageRequest page) {
        return segments.list(page);
    }

    public long count() {
        return segments.countAll();
    }

    /** The segment's customers, newest first. */
    public Page<Customer> members(SegmentId id, PageRequest page) {
        Segment s = find(id);
        return customers.matching(s.rule(), clock.instant(), page);
    }

    /** Up to {@code n} customers matching {@code rule}, newest first (no count: cheap enough to call per keystroke). */
    public List<Customer> sample(Rule rule, int n) {
        return customers.sample(rule, clock.instant(), n);
    }
}
