package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md's missing values from the client's request to the answer: customers ingested as JSON rows
 * ({@link IngestCustomers}) without one optional field or another, then previewed ({@link SegmentService})
 * with a rule on every field of the catalog. A field a client did not send (or sent blank) is missing, so
 * positive comparisons are false and negated ones true; nothing is stored as a default that nobody said
 * (0 visits, a first order date copied from the last one). The totals and the consent flag are always
 * known: 0 spent in 0 orders, not opted out. Extend it with a factory of fresh, empty repositories: it runs
 * on the in-memory evaluator and on the MongoDB filter alike.
 */
public abstract class MissingValuesContract {
    private static final Map<String, Map<String, Object>> ROWS = new LinkedHashMap<>();

    static {
        Map<String, Object> attributes = map("plan", "gold", "score", 7, "beta", true);
        ROWS.put("full", map("email", "full@example.com", "name", "Ann", "phone", "+91 98765 43210", "city", "Pune",
                "tags", List.of("vip"), "visits", 5, "lastActiveAt", ago(2), "optedOut", false, "attributes", attributes,
                "totalSpent", 2500, "totalOrders", 3, "firstPurchaseDate", ago(200), "lastPurchaseDate", ago(10)));
        ROWS.put("bare", map("email", "bare@example.com"));
        ROWS.put("blank", map("email", "blank@example.com", "name", "", "phone", "  ", "city", "", "tags", List.of("", " "),
                "attributes", map()));
        ROWS.put("zero", map("email", "zero@example.com", "visits", 0, "totalSpent", 0, "totalOrders", 0,
                "tags", List.of()));
        ROWS.put("lastonly", map("email", "lastonly@example.com", "lastPurchaseDate", ago(400)));
        // the original frontend's customer form: a short phone, zero totals as its initial values
        ROWS.put("form", map("email", "form@example.com", "name", "Form", "phone", "99999", "totalSpent", 0,
                "totalOrders", 0, "tags", List.of()));
    }

    /** Rules on every field, and who they select. */
    private static final Object[][] CASES = {
            {"name exists", Set.of("full", "form")},
            {"not name exists", Set.of("bare", "blank", "zero", "lastonly")},
            {"name != \"Ann\"", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"name contains \"n\"", Set.of("full")},
            {"phone exists", Set.of("full", "form")},
            {"phone = \"99999\"", Set.of("form")},
            {"phone starts with \"+9198765\"", Set.of("full")},
            {"phone not contains \"9\"", Set.of("bare", "blank", "zero", "lastonly")},
            {"city exists", Set.of("full")},
            {"city != \"Pune\"", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"city in [\"Pune\", \"Delhi\"]", Set.of("full")},
            {"tags is empty", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"tags contains \"vip\"", Set.of("full")},
            {"tags not contains \"vip\"", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"visits exists", Set.of("full", "zero")},
            {"visits < 3", Set.of("zero")},
            {"visits = 0", Set.of("zero")},
            {"visits >= 0", Set.of("full", "zero")},
            {"visits != 5", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"visits not in [5]", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"not visits > 1", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"visits between 0 and 10", Set.of("full", "zero")},
            {"lastActiveAt exists", Set.of("full")},
            {"lastActiveAt in last 7 days", Set.of("full")},
            {"lastActiveAt not in last 7 days", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"firstOrderAt exists", Set.of("full")},
            {"firstPurchaseDate before 2100-01-01", Set.of("full")},
            {"firstOrderAt in last 500 days", Set.of("full")},
            {"lastOrderAt exists", Set.of("full", "lastonly")},
            {"lastPurchaseDate in last 90 days", Set.of("full")},
            {"lastPurchaseDate not in last 90 days", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"lastOrderAt after 2000-01-01", Set.of("full", "lastonly")},
            {"attributes.plan exists", Set.of("full")},
            {"attributes.plan != \"gold\"", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"attributes.score > 1", Set.of("full")},
            {"attributes.score not in [7]", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"attributes.beta = true", Set.of("full")},
            {"totalSpent exists", Set.of("full", "bare", "blank", "zero", "lastonly", "form")},
            {"totalSpent = 0", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"totalSpent > 1000", Set.of("full")},
            {"totalOrders = 0", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"orderCount >= 1", Set.of("full")},
            {"optedOut = false", Set.of("full", "bare", "blank", "zero", "lastonly", "form")},
            {"createdAt exists", Set.of("full", "bare", "blank", "zero", "lastonly", "form")},
            {"visits < 3 or lastOrderAt not in last 90 days", Set.of("bare", "blank", "zero", "lastonly", "form")},
            {"visits < 3 and lastOrderAt not in last 90 days", Set.of("zero")},
    };

    /** A fresh, empty repository. */
    protected abstract CustomerRepository newRepository();

    private CustomerRepository repo;
    private SegmentService segments;

    private static String ago(int days) {
        return NOW.minus(Duration.ofDays(days)).toString();
    }

    @BeforeEach
    void ingest() {
        repo = newRepository();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        IngestCustomers ingest = new IngestCustomers(repo, Fixtures.ids(), clock, Metrics.NONE);
        assertThat(ingest.ingest(Rows.customers(List.copyOf(ROWS.values()))).rejected()).isEmpty();
        segments = new SegmentService(new InMemorySegmentRepository(), repo, Fixtures.ids(), clock);
    }

    @Test
    void fieldsNobodySent_areStoredMissing_notAsDefaults() {
        for (String name : List.of("bare", "blank")) {
            Customer c = stored(name);
            assertThat(Stream.of(c.name(), c.phone(), c.city(), c.visits(), c.lastActiveAt(), c.firstOrderAt(),
                    c.lastOrderAt())).as(name).containsOnlyNulls();
            assertThat(c.tags()).as(name).isEmpty();
            assertThat(c.attributes().isEmpty()).as(name).isTrue();
            assertThat(c.totalSpentMinor()).as(name).isZero();
            assertThat(c.orderCount()).as(name).isZero();
            assertThat(c.optedOut()).as(name).isFalse();
        }
        assertThat(stored("zero").visits()).as("0 said explicitly").isZero();
        assertThat(stored("lastonly").firstOrderAt()).as("not copied from the last order").isNull();
        assertThat(stored("form").phone()).isEqualTo("99999");
        assertThat(stored("full").phone()).isEqualTo("+919876543210");
    }

    @Test
    void everyFieldMissingOrPresent_previewsAsRulesMdSays() {
        for (Object[] row : CASES) {
            String dsl = (String) row[0];
            @SuppressWarnings("unchecked")
            Set<String> expected = (Set<String>) row[1];
            Rule rule = DslParser.parse(dsl);
            SegmentService.Preview preview = segments.preview(rule);
            assertThat(preview.count()).as("preview(%s).count", dsl).isEqualTo(expected.size());
            assertThat(preview.reachable()).as("preview(%s).reachable", dsl).isEqualTo(expected.size());
            assertThat(names(preview.sample())).as("preview(%s).sample", dsl).hasSize(Math.min(expected.size(),
                    SegmentService.SAMPLE_SIZE)).isSubsetOf(expected);
            assertThat(names(repo.matching(rule, NOW, PageRequest.first(100)).items())).as("members of %s", dsl)
                    .isEqualTo(expected);
        }
    }

    private Customer stored(String name) {
        return repo.findByEmail(Email.of((String) ROWS.get(name).get("email"))).orElseThrow();
    }

    private static Set<String> names(List<Customer> customers) {
        Map<String, String> byEmail = new LinkedHashMap<>();
        ROWS.forEach((name, row) -> byEmail.put((String) row.get("email"), name));
        return customers.stream().map(c -> byEmail.get(c.email().value())).collect(Collectors.toSet());
    }
}
