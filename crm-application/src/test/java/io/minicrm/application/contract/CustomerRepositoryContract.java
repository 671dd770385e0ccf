package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static io.minicrm.application.contract.Fixtures.order;
import static io.minicrm.application.contract.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CustomerRepository}: upsert by e-mail (idempotent, race-safe), compare-and-set
 * updates, newest-first keyset paging, and rule queries that agree with the domain's evaluator
 * (including missing values). Extend it with a factory of fresh, empty repositories.
 */
public abstract class CustomerRepositoryContract {

    /** A fresh, empty repository. */
    protected abstract CustomerRepository newRepository();

    protected CustomerRepository repo;
    protected IdGenerator ids;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
        ids = Fixtures.ids();
    }

    private CustomerId insert(CustomerProfile p) {
        return repo.upsertAll(List.of(p), ids, NOW).ids().get(0);
    }

    @Test
    void upsertAll_insertsNewEmails_andReturnsIdsAlignedWithTheInput() {
        CustomerRepository.UpsertResult r = repo.upsertAll(List.of(
                profile("email", "ann@example.com", "name", "Ann Lee", "visits", 3),
                profile("email", "bob@example.com", "name", "Bob", "tags", List.of("VIP", "new")),
                profile("email", "cy@example.com")), ids, NOW);

        assertThat(r.inserted()).isEqualTo(3);
        assertThat(r.updated()).isZero();
        assertThat(r.unchanged()).isZero();
        assertThat(r.ids()).hasSize(3).doesNotHaveDuplicates();
        Customer bob = repo.findById(r.ids().get(1)).orElseThrow();
        assertThat(bob.email()).isEqualTo(Email.of("bob@example.com"));
        assertThat(bob.name()).isEqualTo("Bob");
        assertThat(bob.tags()).containsExactlyInAnyOrder("vip", "new");
        assertThat(bob.createdAt()).isEqualTo(NOW);
        assertThat(repo.findByEmail(Email.of("ann@example.com")).orElseThrow().id()).isEqualTo(r.ids().get(0));
        assertThat(repo.countAll()).isEqualTo(3);
    }

    @Test
    void upsertAll_isIdempotent_theSameProfilesAgainChangeNothing() {
        List<CustomerProfile> profiles = List.of(
                profile("email", "ann@example.com", "name", "Ann", "attributes", Map.of("plan", "gold")),
                profile("email", "bob@example.com", "visits", 7));
        CustomerRepository.UpsertResult first = repo.upsertAll(profiles, ids, NOW);
        Customer annBefore = repo.findById(first.ids().get(0)).orElseThrow();

        CustomerRepository.UpsertResult again = repo.upsertAll(profiles, ids, NOW.plusSeconds(60));

        assertThat(again.inserted()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.ids()).isEqualTo(first.ids());
        assertThat(repo.findById(first.ids().get(0))).contains(annBefore);
        assertThat(repo.countAll()).isEqualTo(2);
    }

    @Test
    void upsertAll_countsInsertedUpdatedAndUnchanged_andKeepsFieldsNotGiven() {
        CustomerId ann = insert(profile("email", "ann@example.com", "name", "Ann", "city", "Pune", "visits", 2));
        insert(profile("email", "bob@example.com", "name", "Bob"));

        CustomerRepository.UpsertResult r = repo.upsertAll(List.of(
                profile("email", "ANN@example.com ", "visits", 5),
                profile("email", "bob@example.com", "name", "Bob"),
                profile("email", "cy@example.com")), ids, NOW.plusSeconds(5));

        assertThat(r.inserted()).isEqualTo(1);
        assertThat(r.updated()).isEqualTo(1);
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.ids().get(0)).isEqualTo(ann);
        Customer after = repo.findById(ann).orElseThrow();
        assertThat(after.visits()).isEqualTo(5);
        assertThat(after.name()).isEqualTo("Ann");
        assertThat(after.city()).isEqualTo("Pune");
        assertThat(after.createdAt()).isEqualTo(NOW);
        assertThat(after.updatedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void upsertAll_refusesAProfileTheStoredCustomerCannotTake_andWritesTheOthers() {
        CustomerId ann = insert(profile("email", "ann@example.com", "totalSpent", 100));
        repo.update(ann, c -> c.applyOrder(order("o-1", ann, 5_000, OrderStatus.COMPLETED, NOW), NOW));

        CustomerRepository.UpsertResult r = repo.upsertAll(List.of(
                profile("email", "ann@example.com", "name", "Ann", "totalSpent", "10000000000000"),
                profile("email", "bob@example.com", "name", "Bob")), ids, NOW.plusSeconds(5));

        assertThat(r.refused()).containsOnlyKeys(0);
        assertThat(r.refused().get(0).problems().get(0).path()).isEqualTo("/totalSpent");
        assertThat(r.ids().get(0)).isNull();
        assertThat(r.ids().get(1)).isNotNull();
        assertThat(r.inserted()).isEqualTo(1);
        Customer after = repo.findById(ann).orElseThrow();
        assertThat(after.name()).as("nothing written for the refused profile").isNull();
        assertThat(after.totalSpentMinor()).isEqualTo(15_000);
    }

    @Test
    void storedCustomer_readsBackEqual_withEveryField() {
        CustomerId id = insert(profile("email", "full@example.com", "name", "Full Name", "phone", "+91 98765 43210",
                "city", "Mumbai", "tags", List.of("vip", "Early Bird"), "optedOut", true, "visits", 12,
                "lastActiveAt", "2025-05-30T10:15:30.123Z",
                "attributes", Map.of("plan", "gold", "score", 42.5, "beta", true),
                "totalSpent", 1234.56, "totalOrders", 7, "firstPurchaseDate", "2024-01-02T03:04:05Z",
                "lastPurchaseDate", "2025-05-01T00:00:00Z"));
        Customer stored = repo.findById(id).orElseThrow();
        Customer withOrder = repo.update(id, c -> c.applyOrder(order("o-1", id, 10_050, OrderStatus.COMPLETED,
                NOW.minusSeconds(3600)), NOW)).orElseThrow();

        assertThat(stored.attributes().get("score")).isEqualTo(new AttributeValue.Num(new BigDecimal("42.5")));
        assertThat(stored.totalSpentMinor()).isEqualTo(123_456);
        assertThat(repo.findById(id)).contains(withOrder);
        assertThat(repo.findByEmail(Email.of("full@example.com"))).contains(withOrder);
        assertThat(repo.findByIds(List.of(id))).containsEntry(id, withOrder);
        assertThat(withOrder.hasCounted("o-1")).isTrue();
        assertThat(withOrder.totalSpentMinor()).isEqualTo(123_456 + 10_050);
        assertThat(withOrder.orderCount()).isEqualTo(8);
    }

    @Test
    void lookups_returnOnlyWhatExists() {
        CustomerId ann = insert(profile("email", "ann@example.com"));
        CustomerId ghost = CustomerId.of("ffffffffffffffffffffffff");

        assertThat(repo.findById(ghost)).isEmpty();
        assertThat(repo.findByEmail(Email.of("nobody@example.com"))).isEmpty();
        assertThat(repo.findByIds(List.of(ann, ghost))).containsOnlyKeys(ann);
        assertThat(repo.idsByEmail(List.of(Email.of("ann@example.com"), Email.of("nobody@example.com"))))
                .containsExactly(Map.entry(Email.of("ann@example.com"), ann));
        assertThat(repo.findByIds(List.of())).isEmpty();
        assertThat(repo.idsByEmail(List.of())).isEmpty();
    }

    @Test
    void concurrentUpsertsOfOneEmail_endWithOneCustomerHoldingEveryChange() {
        int threads = 8;
        List<CustomerRepository.UpsertResult> results = concurrently(threads, t -> repo.upsertAll(
                List.of(profile("email", "race@example.com", "attributes", Map.of("k" + t, t))), ids, NOW));

        Set<CustomerId> distinct = results.stream().map(r -> r.ids().get(0)).collect(Collectors.toSet());
        assertThat(distinct).hasSize(1);
        assertThat(results.stream().mapToInt(CustomerRepository.UpsertResult::inserted).sum()).isEqualTo(1);
        assertThat(repo.countAll()).isEqualTo(1);
        Customer c = repo.findByEmail(Email.of("race@example.com")).orElseThrow();
        for (int t = 0; t < threads; t++) {
            assertThat(c.attributes().get("k" + t)).as("attribute of writer %d", t)
                    .isEqualTo(new AttributeValue.Num(BigDecimal.valueOf(t)));
        }
    }

    @Test
    void concurrentBatchUpserts_overlappingEmails_createEachCustomerOnce() {
        List<CustomerProfile> batch = IntStream.range(0, 50)
                .mapToObj(i -> profile("email", "p" + i + "@example.com", "visits", i)).toList();
        List<CustomerRepository.UpsertResult> results = concurrently(6, t -> {
            List<CustomerProfile> mine = new ArrayList<>(batch);
            java.util.Collections.rotate(mine, t * 7);
            return repo.upsertAll(mine, ids, NOW);
        });

        assertThat(repo.countAll()).isEqualTo(50);
        assertThat(results.stream().mapToInt(CustomerRepository.UpsertResult::inserted).sum()).isEqualTo(50);
        for (CustomerRepository.UpsertResult r : results) {
            assertThat(r.inserted() + r.updated() + r.unchanged()).isEqualTo(50);
        }
    }

    @Test
    void update_isCompareAndSet_concurrentOrdersAreAllCounted() {
        CustomerId id = insert(profile("email", "buyer@example.com"));
        int threads = 8;
        int perThread = 40;

        concurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                String orderId = "t" + t + "-o" + i;
                repo.update(id, c -> c.applyOrder(order(orderId, id, 100 + t, OrderStatus.COMPLETED, NOW), NOW))
                        .orElseThrow();
            }
            return null;
        });

        Customer c = repo.findById(id).orElseThrow();
        assertThat(c.orderCount()).isEqualTo((long) threads * perThread);
        long expected = 0;
        for (int t = 0; t < threads; t++) {
            expected += (100L + t) * perThread;
        }
        assertThat(c.totalSpentMinor()).isEqualTo(expected);
        assertThat(c.appliedOrderIds()).hasSize(threads * perThread);
    }

    @Test
    void update_ofAnUnknownCustomer_isEmpty_andAFailingChangeWritesNothing() {
        CustomerId id = insert(profile("email", "ann@example.com", "visits", 1));
        Customer before = repo.findById(id).orElseThrow();

        assertThat(repo.update(CustomerId.of("ffffffffffffffffffffffff"), c -> c)).isEmpty();
        assertThatThrownBy(() -> repo.update(id, c -> {
            throw new DomainException("nope", "refused");
        })).isInstanceOf(DomainException.class);
        assertThat(repo.findById(id)).contains(before);
    }

    @Test
    void list_isNewestFirst_withCursorsUntilALastPageWithoutCursor() {
        List<CustomerId> inserted = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            inserted.add(insert(profile("email", "n" + i + "@example.com")));
        }
        List<CustomerId> expected = new ArrayList<>(inserted);
        java.util.Collections.reverse(expected);

        List<CustomerId> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Customer> page = repo.list(new PageRequest(cursor, 5));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(5);
            page.items().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
            pages++;
            if (cursor == null) {
                assertThat(page.items()).isNotEmpty();
            }
        } while (cursor != null && pages < 50);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void list_whileInserting_hasNoDuplicatesAndNoGaps() {
        Set<CustomerId> original = new LinkedHashSet<>();
        for (int i = 0; i < 30; i++) {
            original.add(insert(profile("email", "old" + i + "@example.com")));
        }
        List<CustomerId> seen = new ArrayList<>();
        Page<Customer> page = repo.list(PageRequest.first(7));
        int n = 0;
        while (true) {
            page.items().forEach(c -> seen.add(c.id()));
            insert(profile("email", "new" + n++ + "@example.com"));
            if (!page.hasMore()) {
                break;
            }
            page = repo.list(new PageRequest(page.nextCursor(), 7));
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
    }

    @Test
    void aMalformedCursor_isBadInput() {
        insert(profile("email", "ann@example.com"));
        assertThatThrownBy(() -> repo.list(new PageRequest("%%% not a cursor %%%", 5)))
                .isInstanceOf(ValidationException.class);
    }

    /** A small population covering present and missing values of the fields the rules use. */
    private Map<String, CustomerId> population() {
        List<CustomerProfile> ps = List.of(
                profile("email", "ann@example.com", "name", "Ann Lee", "city", "Pune", "visits", 10, "tags", List.of("VIP"),
                        "attributes", Map.of("plan", "gold", "score", 50), "totalSpent", 15000, "totalOrders", 3,
                        "lastPurchaseDate", NOW.minus(Duration.ofDays(10)).toString(), "phone", "+911234567"),
                profile("email", "bob@example.com", "name", "bob stone", "city", "PUNE", "visits", 2,
                        "attributes", Map.of("plan", "silver"), "totalSpent", 50,
                        "lastPurchaseDate", NOW.minus(Duration.ofDays(200)).toString()),
                profile("email", "cy@example.net", "name", "Cy", "city", "Delhi", "visits", 0, "tags", List.of("churned", "vip"),
                        "optedOut", true, "lastActiveAt", NOW.minus(Duration.ofDays(3)).toString()),
                profile("email", "dee@example.com"),
                profile("email", "eve@example.org", "name", "Andrea", "visits", 7, "tags", List.of("new"),
                        "attributes", Map.of("score", 5, "beta", true), "totalSpent", 100.01));
        CustomerRepository.UpsertResult r = repo.upsertAll(ps, ids, NOW.minus(Duration.ofDays(30)));
        Map<String, CustomerId> byName = new java.util.LinkedHashMap<>();
        String[] names = {"ann", "bob", "cy", "dee", "eve"};
        for (int i = 0; i < names.length; i++) {
            byName.put(names[i], r.ids().get(i));
        }
        return byName;
    }

    private Set<String> names(Map<String, CustomerId> pop, List<CustomerId> ids) {
        Set<String> out = new HashSet<>();
        pop.forEach((name, id) -> {
            if (ids.contains(id)) {
                out.add(name);
            }
        });
        return out;
    }

    /** Rules and who matches them at {@link Fixtures#NOW} (docs/rules.md semantics, missing values included). */
    private static final Object[][] RULES = {
            {"visits > 5", Set.of("ann", "eve")},
            {"city = \"pune\"", Set.of("ann", "bob")},
            {"city != \"pune\"", Set.of("cy", "dee", "eve")},
            {"tags contains \"vip\"", Set.of("ann", "cy")},
            {"not tags contains \"vip\"", Set.of("bob", "dee", "eve")},
            {"tags not contains \"vip\"", Set.of("bob", "dee", "eve")},
            {"tags is empty", Set.of("bob", "dee")},
            {"attributes.plan = \"GOLD\"", Set.of("ann")},
            {"attributes.score > 10", Set.of("ann")},
            {"attributes.plan exists", Set.of("ann", "bob")},
            {"attributes.beta = true", Set.of("eve")},
            {"lastOrderAt not in last 90 days", Set.of("bob", "cy", "dee", "eve")},
            {"lastOrderAt in last 90 days", Set.of("ann")},
            {"phone exists", Set.of("ann")},
            {"totalSpent >= 100", Set.of("ann", "eve")},
            {"totalSpent > 100", Set.of("ann", "eve")},
            {"totalSpent < 100", Set.of("bob", "cy", "dee")},
            {"name starts with \"an\"", Set.of("ann", "eve")},
            {"name contains \"STONE\"", Set.of("bob")},
            {"email ends with \"@example.com\"", Set.of("ann", "bob", "dee")},
            {"optedOut = true", Set.of("cy")},
            {"optedOut = false", Set.of("ann", "bob", "dee", "eve")},
            {"lastActiveAt in last 7 days", Set.of("cy")},
            {"visits between 2 and 7", Set.of("bob", "eve")},
            {"city in [\"delhi\", \"mumbai\"]", Set.of("cy")},
            {"visits not in [0, 2]", Set.of("ann", "dee", "eve")},
            {"visits < 3", Set.of("bob", "cy")},
            {"visits exists", Set.of("ann", "bob", "cy", "eve")},
            {"not visits exists", Set.of("dee")},
            {"visits != 0", Set.of("ann", "bob", "dee", "eve")},
            {"createdAt before 2030-01-01", Set.of("ann", "bob", "cy", "dee", "eve")},
            {"totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) and not tags contains \"churned\"",
                    Set.of()},
            {"(visits > 5 or tags contains \"churned\") and not optedOut = true", Set.of("ann", "eve")},
    };

    @Test
    void ruleQueries_agreeWithTheDomainEvaluator_includingMissingValues() {
        Map<String, CustomerId> pop = population();
        List<CustomerId> all = new ArrayList<>(pop.values());
        Map<CustomerId, Customer> stored = repo.findByIds(all);
        for (Object[] row : RULES) {
            String dsl = (String) row[0];
            Rule rule = DslParser.parse(dsl);
            CompiledRule reference = CompiledRule.compile(rule, Clock.fixed(NOW, ZoneOffset.UTC));
            Set<CustomerId> expectedIds = stored.values().stream().filter(c -> reference.matches(c, NOW.toEpochMilli()))
                    .map(Customer::id).collect(Collectors.toSet());
            assertThat(names(pop, new ArrayList<>(expectedIds))).as("domain evaluator on %s", dsl).isEqualTo(row[1]);

            assertThat(repo.count(rule, NOW)).as("count(%s)", dsl).isEqualTo(expectedIds.size());
            assertThat(repo.matchingIds(rule, NOW, null, 100)).as("matchingIds(%s)", dsl)
                    .containsExactlyInAnyOrderElementsOf(expectedIds);
            List<CustomerId> matched = new ArrayList<>();
            repo.matching(rule, NOW, PageRequest.first(100)).items().forEach(c -> matched.add(c.id()));
            assertThat(matched).as("matching(%s)", dsl).containsExactlyInAnyOrderElementsOf(expectedIds);
            assertThat(repo.sample(rule, NOW, 2)).as("sample(%s)", dsl).hasSize(Math.min(2, expectedIds.size()))
                    .allSatisfy(c -> assertThat(expectedIds).contains(c.id()));
            CustomerRepository.RulePreview preview = repo.preview(rule, NOW, 2);
            assertThat(preview.count()).as("preview(%s).count", dsl).isEqualTo(expectedIds.size());
            assertThat(preview.reachable()).as("preview(%s).reachable", dsl)
                    .isEqualTo(expectedIds.stream().filter(id -> !stored.get(id).optedOut()).count());
            assertThat(preview.sample()).as("preview(%s).sample: the newest matches", dsl).extracting(Customer::id)
                    .containsExactlyElementsOf(expectedIds.stream().sorted(java.util.Comparator.reverseOrder()).limit(2).toList());
        }
    }

    @Test
    void preview_countsReadsAndSamplesInOnePass_newestFirst_evenWhenTheNewestMatchIsOld() {
        List<CustomerProfile> ps = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ps.add(profile("email", "p" + i + "@example.com", "visits", i, "optedOut", i % 3 == 0));
        }
        List<CustomerId> inserted = new ArrayList<>();
        for (CustomerProfile p : ps) {
            inserted.add(repo.upsertAll(List.of(p), ids, NOW).ids().get(0)); // one by one: ids ascend with i
        }
        CustomerRepository.RulePreview p = repo.preview(DslParser.parse("visits < 4"), NOW, 5);
        assertThat(p.count()).isEqualTo(4);
        assertThat(p.reachable()).as("0 and 3 opted out").isEqualTo(2);
        assertThat(p.sample()).extracting(Customer::id).containsExactly(inserted.get(3), inserted.get(2), inserted.get(1),
                inserted.get(0));
        CustomerRepository.RulePreview none = repo.preview(DslParser.parse("visits > 100"), NOW, 5);
        assertThat(none.count()).isZero();
        assertThat(none.reachable()).isZero();
        assertThat(none.sample()).isEmpty();
        assertThat(repo.preview(DslParser.parse("visits >= 0"), NOW, 0).sample()).isEmpty();
        assertThat(repo.preview(DslParser.parse("visits >= 0"), NOW, 3).sample()).extracting(Customer::id)
                .containsExactly(inserted.get(29), inserted.get(28), inserted.get(27));
    }

    @Test
    void relativeDates_areMeasuredFromTheGivenNow() {
        Map<String, CustomerId> pop = population();
        Rule recent = DslParser.parse("lastOrderAt in last 90 days");
        Rule longer = DslParser.parse("lastOrderAt in last 250 days");
        assertThat(repo.matchingIds(recent, NOW, null, 10)).containsExactly(pop.get("ann"));
        assertThat(repo.count(recent, NOW.plus(Duration.ofDays(100)))).isZero();
        assertThat(repo.matchingIds(longer, NOW, null, 10)).containsExactlyInAnyOrder(pop.get("ann"), pop.get("bob"));
        assertThat(repo.count(longer, NOW.plus(Duration.ofDays(100)))).isEqualTo(1);
    }

    @Test
    void matchingIds_isAscendingKeysetPaging() {
        List<CustomerId> inserted = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            inserted.add(insert(profile("email", "m" + i + "@example.com", "visits", i % 4)));
        }
        Rule rule = DslParser.parse("visits >= 1");
        List<CustomerId> expected = inserted.stream().filter(id -> repo.findById(id).orElseThrow().visits() >= 1)
                .sorted().toList();

        List<CustomerId> seen = new ArrayList<>();
        CustomerId after = null;
        while (true) {
            List<CustomerId> page = repo.matchingIds(rule, NOW, after, 7);
            assertThat(page).hasSizeLessThanOrEqualTo(7).isSorted();
            if (after != null && !page.isEmpty()) {
                assertThat(page.get(0)).isGreaterThan(after);
            }
            seen.addAll(page);
            if (page.size() < 7) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void matchingAndSample_areNewestFirst_andMatchingPagesWithCursors() {
        List<CustomerId> inserted = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            inserted.add(insert(profile("email", "s" + i + "@example.com", "tags", List.of(i % 2 == 0 ? "even" : "odd"))));
        }
        Rule even = DslParser.parse("tags contains \"even\"");
        List<CustomerId> expected = new ArrayList<>();
        for (int i = inserted.size() - 1; i >= 0; i--) {
            if (i % 2 == 0) {
                expected.add(inserted.get(i));
            }
        }
        List<CustomerId> seen = new ArrayList<>();
        Page<Customer> page = repo.matching(even, NOW, PageRequest.first(4));
        while (true) {
            page.items().forEach(c -> seen.add(c.id()));
            if (!page.hasMore()) {
                break;
            }
            page = repo.matching(even, NOW, new PageRequest(page.nextCursor(), 4));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(repo.sample(even, NOW, 3)).extracting(Customer::id).containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(repo.count(even, NOW)).isEqualTo(9);
    }
}
