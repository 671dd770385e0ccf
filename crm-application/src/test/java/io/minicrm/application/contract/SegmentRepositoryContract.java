package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SegmentRepository}: save (insert or replace), exact read-back of rules, newest-first paging. */
public abstract class SegmentRepositoryContract {
    /** A rule using every kind of node and operand, to prove the stored form reads back equal. */
    public static final String RICH_RULE = "totalSpent > 10000.5 and (visits < 3 or lastOrderAt not in last 90 days)"
            + " and not tags contains \"churned\" and city in [\"Pune\", \"delhi\"] and visits not in [1, 25]"
            + " and totalSpent between 10 and 20 and createdAt between 2024-01-01 and 2024-12-31T23:59:59.999Z"
            + " and lastActiveAt after 2025-01-02T03:04:05.006Z and phone exists and tags is empty"
            + " and tags contains any [\"a\", \"b\"] and tags contains all [\"c\"] and optedOut = false"
            + " and attributes.plan = \"gold\" and attributes.score >= -1.25 and attributes.beta = true"
            + " and name starts with \"An\\\"n\" and email ends with \"@example.com\" and firstOrderAt in last 0 days";

    /** A fresh, empty repository. */
    protected abstract SegmentRepository newRepository();

    protected SegmentRepository repo;
    private final TimeOrderedIds ids = new TimeOrderedIds(Clock.systemUTC());

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    private Segment segment(String name, Rule rule) {
        return Segment.define(SegmentId.of(ids.newId()), name, "about " + name, rule, 42, NOW, "tester");
    }

    @Test
    void save_thenFind_readsBackEqual_includingEveryKindOfRule() {
        Segment s = segment("Rich", DslParser.parse(RICH_RULE));
        repo.save(s);

        assertThat(repo.findById(s.id())).contains(s);
        assertThat(repo.findById(SegmentId.of("nope"))).isEmpty();
        assertThat(repo.countAll()).isEqualTo(1);
    }

    @Test
    void save_withAnExistingId_replacesIt() {
        Segment s = segment("Vip", DslParser.parse("tags contains \"vip\""));
        repo.save(s);
        Segment recounted = s.recounted(7, NOW.plusSeconds(60));
        repo.save(recounted);

        assertThat(repo.findById(s.id())).contains(recounted);
        assertThat(repo.countAll()).isEqualTo(1);
    }

    @Test
    void list_isNewestFirst_withCursors() {
        List<SegmentId> newestFirst = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Segment s = segment("s" + i, DslParser.parse("visits > " + i));
            repo.save(s);
            newestFirst.add(0, s.id());
        }
        List<SegmentId> seen = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 20; guard++) {
            Page<Segment> page = repo.list(new PageRequest(cursor, 4));
            page.items().forEach(s -> seen.add(s.id()));
            cursor = page.nextCursor();
            if (cursor == null) {
                break;
            }
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);
        assertThat(repo.countAll()).isEqualTo(11);
    }

    @Test
    void aMalformedCursor_isBadInput() {
        repo.save(segment("one", DslParser.parse("visits > 1")));
        assertThatThrownBy(() -> repo.list(new PageRequest("%%% not a cursor %%%", 5)))
                .isInstanceOf(ValidationException.class);
    }
}
