package io.minicrm.application.segment;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SegmentServiceTest {
    private final Crm crm = Crm.builder().build();
    private final SegmentService segments = crm.services.segments();

    @BeforeEach
    void customers() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(map("email", "c" + i + "@example.com", "visits", i, "optedOut", i % 10 == 0,
                    "tags", i % 3 == 0 ? List.of("vip") : List.of()));
        }
        crm.services.ingestCustomers().ingest(Rows.customers(rows));
    }

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void preview_countsTheAudience_howManyCanBeMessaged_andShowsASample() {
        SegmentService.Preview p = segments.preview(DslParser.parse("visits >= 10"));

        assertThat(p.count()).isEqualTo(20);
        assertThat(p.reachable()).as("opted-out customers 10 and 20 are in the segment but not reachable").isEqualTo(18);
        assertThat(p.sample()).hasSize(SegmentService.SAMPLE_SIZE).allSatisfy(c -> assertThat(c.visits()).isGreaterThanOrEqualTo(10));
        assertThat(p.sample().get(0).visits()).as("newest first").isEqualTo(29);
        assertThat(segments.preview(DslParser.parse("visits > 100"))).isEqualTo(new SegmentService.Preview(0, 0, List.of()));
    }

    @Test
    void preview_readsTheCustomersOnce_likeCreatingASegmentCountsThem() {
        List<String> reads = new ArrayList<>();
        try (Crm counted = Crm.builder().customers(repo -> new ForwardingCustomerRepository(repo) {
            @Override
            public long count(Rule rule, java.time.Instant now) {
                reads.add("count");
                return super.count(rule, now);
            }

            @Override
            public List<Customer> sample(Rule rule, java.time.Instant now, int n) {
                reads.add("sample");
                return super.sample(rule, now, n);
            }

            @Override
            public RulePreview preview(Rule rule, java.time.Instant now, int sampleSize) {
                reads.add("preview");
                return super.preview(rule, now, sampleSize);
            }
        }).build()) {
            counted.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com", "visits", 3))));
            SegmentService.Preview p = counted.services.segments().preview(DslParser.parse("visits > 1"));
            assertThat(p.count()).isEqualTo(1);
            assertThat(reads).containsExactly("preview");
            reads.clear();
            counted.services.segments().create(new SegmentService.NewSegment("s", null, DslParser.parse("visits > 1"), "t"));
            assertThat(reads).containsExactly("count");
        }
    }

    @Test
    void readRule_acceptsEverySpelling_andRejectsBadRulesWithPaths() {
        Rule dsl = SegmentService.readRule(map("dsl", "visits > 5 and tags contains \"vip\""));
        Rule canonical = SegmentService.readRule(map("and", List.of(map("field", "visits", "op", "gt", "value", 5),
                map("field", "tags", "op", "contains", "value", "vip"))));
        Rule legacy = SegmentService.readRule(List.of(map("condition", "AND", "rules", List.of(
                map("field", "visits", "operator", "greaterThan", "value", "5"),
                map("field", "tags", "operator", "contains", "value", "vip")))));
        assertThat(canonical).isEqualTo(dsl).isEqualTo(legacy);

        assertThatThrownBy(() -> SegmentService.readRule(map("field", "visits", "op", "gt", "value", "abc")))
                .isInstanceOf(InvalidRuleException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(x -> x.path()).contains("/value"));
    }

    @Test
    void create_savesTheSegmentWithItsCount_membersArePagedNewestFirst() {
        Segment vip = segments.create(new SegmentService.NewSegment("VIPs", "every third", DslParser.parse("tags contains \"vip\""), "ann"));

        assertThat(vip.lastCount()).isEqualTo(10);
        assertThat(segments.find(vip.id())).isEqualTo(vip);
        assertThat(segments.list(PageRequest.first(10)).items()).containsExactly(vip);
        assertThat(segments.count()).isEqualTo(1);

        List<Long> visits = new ArrayList<>();
        Page<Customer> page = segments.members(vip.id(), PageRequest.first(4));
        int pages = 1;
        while (true) {
            page.items().forEach(c -> visits.add(c.visits()));
            if (!page.hasMore()) {
                break;
            }
            page = segments.members(vip.id(), new PageRequest(page.nextCursor(), 4));
            pages++;
        }
        assertThat(visits).containsExactly(27L, 24L, 21L, 18L, 15L, 12L, 9L, 6L, 3L, 0L);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void get_recountsAndStoresTheNewCount() {
        Segment vip = segments.create(new SegmentService.NewSegment("VIPs", null, DslParser.parse("tags contains \"vip\""), "ann"));
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "new@example.com", "tags", List.of("VIP")))));

        Segment fresh = segments.get(vip.id());

        assertThat(fresh.lastCount()).isEqualTo(11);
        assertThat(segments.find(vip.id()).lastCount()).isEqualTo(11);
    }

    @Test
    void unknownSegments_areNotFound_andInvalidSegmentsAreRejected() {
        assertThatThrownBy(() -> segments.find(SegmentId.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> segments.members(SegmentId.of("nope"), PageRequest.first(5)))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> segments.create(new SegmentService.NewSegment(" ", null, DslParser.parse("visits > 1"), "ann")))
                .isInstanceOf(ValidationException.class);
        assertThat(segments.count()).isZero();
    }
}
