package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.Fixtures;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.testing.SemanticsTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.minicrm.application.contract.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

/** MongoDB specifics of the customer store: the insert-first upsert, mapping, write races, paging cursors. */
class CustomerRepositoryOnMongoTest {
    private static final Instant T0 = Fixtures.NOW;
    private TestMongo.Store db;
    private CustomerRepository repo;

    @BeforeEach
    void setUp() {
        db = TestMongo.newStore();
        repo = db.store().customers();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private static List<CustomerProfile> profiles(int from, int to, String name) {
        List<CustomerProfile> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(profile("email", "u" + i + "@example.com", "name", name, "visits", i));
        }
        return out;
    }

    @Test
    void aBatchOfNewAndExistingEmails_insertsTheNewOnes_andMergesTheOthers() {
        repo.upsertAll(profiles(0, 1500, "first"), Fixtures.ids(), T0);
        List<CustomerProfile> mixed = new ArrayList<>(profiles(1000, 1250, "first"));   // unchanged
        mixed.addAll(profiles(1250, 1500, "renamed"));                                  // updated
        mixed.addAll(profiles(1500, 2500, "new"));                                      // inserted

        CustomerRepository.UpsertResult r = repo.upsertAll(mixed, Fixtures.ids(), T0.plusSeconds(1));

        assertThat(r.inserted()).isEqualTo(1000);
        assertThat(r.updated()).isEqualTo(250);
        assertThat(r.unchanged()).isEqualTo(250);
        assertThat(r.ids()).hasSize(1500).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(repo.countAll()).isEqualTo(2500);
        Customer renamed = repo.findByEmail(Email.of("u1300@example.com")).orElseThrow();
        assertThat(renamed.name()).isEqualTo("renamed");
        assertThat(renamed.id()).isEqualTo(r.ids().get(300));
        assertThat(repo.count(DslParser.parse("name = \"RENAMED\""), T0)).isEqualTo(250);
    }

    @Test
    void aFileImportedAgain_isReadFirst_andStillInsertsItsNewRowsAndMergesItsChanges() {
        repo.upsertAll(profiles(0, 1000, "first"), Fixtures.ids(), T0);
        CustomerRepository.UpsertResult same = repo.upsertAll(profiles(0, 1000, "first"), Fixtures.ids(), T0);
        assertThat(same.unchanged()).isEqualTo(1000);
        // the repository now expects existing customers: this batch is read first
        List<CustomerProfile> next = new ArrayList<>(profiles(0, 600, "first"));
        next.addAll(profiles(600, 800, "second"));
        next.addAll(profiles(1000, 1200, "new"));
        CustomerRepository.UpsertResult r = repo.upsertAll(next, Fixtures.ids(), T0.plusSeconds(1));
        assertThat(r.unchanged()).isEqualTo(600);
        assertThat(r.updated()).isEqualTo(200);
        assertThat(r.inserted()).isEqualTo(200);
        assertThat(r.ids()).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(repo.countAll()).isEqualTo(1200);
        assertThat(repo.count(DslParser.parse("name = \"second\""), T0)).isEqualTo(200);
    }

    @Test
    void racingWriters_inReadFirstMode_createEachCustomerOnce() {
        repo.upsertAll(profiles(0, 100, "seed"), Fixtures.ids(), T0);
        repo.upsertAll(profiles(0, 100, "seed"), Fixtures.ids(), T0); // mostly existing: read-first from now on
        List<CustomerProfile> batch = new ArrayList<>(profiles(0, 60, "seed"));
        batch.addAll(profiles(100, 160, "fresh"));
        List<CustomerRepository.UpsertResult> results = Fixtures.concurrently(4, t -> {
            List<CustomerProfile> mine = new ArrayList<>(batch);
            java.util.Collections.rotate(mine, t * 13);
            return repo.upsertAll(mine, Fixtures.ids(), T0);
        });
        assertThat(results.stream().mapToInt(CustomerRepository.UpsertResult::inserted).sum()).isEqualTo(60);
        assertThat(repo.countAll()).isEqualTo(160);
    }

    @Test
    void documents_carryTheQueryFields_andASchemaVersion() {
        CustomerId id = repo.upsertAll(List.of(profile("email", "Zoe@Example.com", "name", "ZOË Straße", "city", "İstanbul",
                "tags", List.of(" VIP "), "attributes", Fixtures.map("plan", "Gold", "score", 2.50, "beta", true),
                "totalSpent", 1234.5, "totalOrders", 2, "lastPurchaseDate", "2025-05-01T00:00:00Z")), Fixtures.ids(), T0)
                .ids().get(0);
        BsonDocument d = StoredCustomers.collection(db.store()).find(new BsonDocument("_id", new BsonString(id.value()))).first();
        assertThat(d.getInt32("schemaVersion").getValue()).isEqualTo(CustomerFields.SCHEMA_VERSION);
        assertThat(d.getString("email").getValue()).isEqualTo("zoe@example.com");
        assertThat(d.getString("nameFolded").getValue()).isEqualTo("zoë straße");
        assertThat(d.getString("cityFolded").getValue()).isEqualTo("istanbul");
        assertThat(d.getArray("tags").getValues()).containsExactly(new BsonString("vip"));
        assertThat(d.getInt64("totalSpentMinor").getValue()).isEqualTo(123_450);
        assertThat(d.getInt64("orderCount").getValue()).isEqualTo(2);
        assertThat(d.isDateTime("lastOrderAt")).isTrue();
        assertThat(d.getDocument("attributes").get("score").isDecimal128()).isTrue();
        assertThat(d.getDocument("attributesFolded").getString("plan").getValue()).isEqualTo("gold");
        assertThat(d.getDocument("attributesFolded").containsKey("score")).isFalse();
        assertThat(d.containsKey("phone")).as("missing fields stay absent").isFalse();
    }

    @Test
    void everyCustomerOfTheSemanticsTable_readsBackEqual() {
        StoredCustomers.insert(db.store(), SemanticsTable.CUSTOMERS);
        for (Customer c : SemanticsTable.CUSTOMERS) {
            assertThat(repo.findById(c.id())).contains(c);
        }
    }

    @Test
    void orderUpdatesRacingProfileUpserts_keepBothChanges() {
        CustomerId id = repo.upsertAll(List.of(profile("email", "busy@example.com")), Fixtures.ids(), T0).ids().get(0);
        int rounds = 40;
        Fixtures.concurrently(2, t -> {
            for (int i = 0; i < rounds; i++) {
                if (t == 0) {
                    String orderId = "o" + i;
                    repo.update(id, c -> c.applyOrder(Fixtures.order(orderId, id, 100, OrderStatus.COMPLETED, T0), T0));
                } else {
                    repo.upsertAll(List.of(profile("email", "busy@example.com", "visits", i + 1,
                            "attributes", Fixtures.map("k" + i, i))), Fixtures.ids(), T0);
                }
            }
            return null;
        });
        Customer c = repo.findById(id).orElseThrow();
        assertThat(c.orderCount()).isEqualTo(rounds);
        assertThat(c.totalSpentMinor()).isEqualTo(rounds * 100L);
        assertThat(c.visits()).isEqualTo(rounds);
        assertThat(c.attributes().size()).isEqualTo(rounds);
    }

    @Test
    void streamingMatchingIds_keepsOneCursorBetweenPages_orNoneOnTheEmbeddedServer_andClosesItAtTheEnd() {
        int kept = db.store().pagesWithFreshQueries() ? 0 : 1;
        repo.upsertAll(profiles(0, 250, "x"), Fixtures.ids(), T0);
        Rule odd = DslParser.parse("visits in [" + String.join(", ", java.util.stream.IntStream.range(0, 250)
                .filter(i -> i % 2 == 1).mapToObj(Integer::toString).toList()) + "]");
        MongoCustomerRepositoryAccess access = new MongoCustomerRepositoryAccess(repo);
        List<CustomerId> seen = new ArrayList<>();
        CustomerId after = null;
        while (true) {
            List<CustomerId> page = repo.matchingIds(odd, T0, after, 20);
            seen.addAll(page);
            if (page.size() < 20) {
                break;
            }
            assertThat(access.openCursors()).isEqualTo(kept);
            after = page.get(page.size() - 1);
        }
        assertThat(seen).hasSize(125).isSorted().doesNotHaveDuplicates();
        assertThat(access.openCursors()).isZero();
    }
}
