package io.minicrm.adapter.mongo.campaign;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.testing.CounterLedger;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.inprocess.JdkTreeCodec;
import io.minicrm.application.inprocess.StaticIdentityVerifier;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.testing.FakeAi;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.RetryPolicy;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Campaigns end to end on MongoDB (in-process queue and vendor): audience rows written from the
 * pushed-down rule, dispatch, receipts with failures, retries and duplicates, completion. The campaign's
 * counters, kept with {@code $inc} in batches by several threads while compare-and-set updates run
 * on the same document, end equal to the recount from the delivery rows.
 */
class CampaignOnMongoTest {
    private TestMongo.Store db;
    private InProcessWorkQueue queue;
    private InProcessVendor vendor;
    private CrmServices services;
    private final java.util.concurrent.atomic.AtomicReference<CounterLedger> ledger = new java.util.concurrent.atomic.AtomicReference<>();

    @BeforeEach
    void start() {
        db = TestMongo.newStore();
        MongoStore s = db.store();
        queue = new InProcessWorkQueue();
        vendor = new InProcessVendor(new InProcessVendor.Settings(0.8, 0.6, 0.1, Duration.ofMillis(1),
                Duration.ofMillis(20), 7), Clock.systemUTC());
        DeliverySettings delivery = DeliverySettings.defaults()
                .withThroughput(100, 50, 0, 2)
                .withTimings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(100),
                        Duration.ofMillis(20), Duration.ofMillis(200))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.2));
        CrmServices.Ports ports = new CrmServices.Ports(s.customers(), s.orders(), s.segments(),
                CounterLedger.into(ledger::set).apply(s.campaigns()),
                s.deliveries(), s.users(), s.leases(), s.ingestions(), queue, vendor, FakeAi.unavailable(),
                new StaticIdentityVerifier(), new JdkTreeCodec(), Metrics.NONE);
        services = new CrmServices(ports, CrmServices.Settings.defaults().withDelivery(delivery).withInstance("mongo-test"),
                Clock.systemUTC());
        vendor.receiptsTo(list -> services.receipts().accept(list));
    }

    @AfterEach
    void stop() {
        services.close();
        queue.close();
        vendor.close();
        db.close();
    }

    @Test
    void aCampaignOnMongo_reachesEachMatchingOptedInCustomerOnce_andItsCountersEqualTheRecount() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            rows.add(Map.of("email", "c" + i + "@example.com", "name", "Customer " + i,
                    "tags", List.of(i % 3 == 0 ? "basic" : "VIP"), "optedOut", i % 10 == 1,
                    "totalSpent", i * 10));
        }
        assertThat(services.ingestCustomers().ingest(Rows.customers(rows)).rejected()).isEmpty();
        Segment segment = services.segments().create(new SegmentService.NewSegment("vip", null, DslParser.parse("tags contains \"vip\" and totalSpent >= 100"), "tester"));
        Campaign c = services.campaigns().create(new CampaignService.NewCampaign("Hello", segment.id(), "Hi {{firstName|there}}", null, false, "tester"));
        services.start();
        services.campaigns().launch(c.id());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(db.store().campaigns().findById(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED));

        Set<CustomerId> audience = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            if (i % 3 != 0 && i % 10 != 1 && i * 10 >= 100) {
                audience.add(db.store().customers().findByEmail(io.minicrm.domain.customer.Email.of("c" + i + "@example.com"))
                        .orElseThrow().id());
            }
        }
        List<Delivery> log = allRows(c.id());
        assertThat(log).extracting(Delivery::customerId).doesNotHaveDuplicates();
        assertThat(log.stream().map(Delivery::customerId).toList()).containsExactlyInAnyOrderElementsOf(audience);
        assertThat(log).allSatisfy(d -> assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.FAILED));

        DeliveryCounts recount = db.store().deliveries().countByStatus(c.id());
        DeliveryCounts counters = db.store().campaigns().findById(c.id()).orElseThrow().counts();
        assertThat(counters).as("counters after completion").isEqualTo(recount);
        // the changes added with $inc on their own (not the recount that completion writes) add up to the log
        assertThat(ledger.get().total(c.id())).as("every counter change asked for, summed").isEqualTo(recount);
        assertThat(services.campaigns().get(c.id()).counts()).isEqualTo(services.campaigns().list(PageRequest.first(10))
                .items().get(0).counts());
        assertThat(recount.sent() + recount.failed()).isEqualTo(audience.size());
        assertThat(recount.retries()).as("some deliveries were retried").isPositive();
        assertThat(recount.retries()).isEqualTo(log.stream().mapToLong(d -> d.attempt() - 1).sum());
        long attempts = log.stream().mapToLong(Delivery::attempt).sum();
        assertThat(vendor.uniqueMessages()).as("each attempt reached the vendor once").isEqualTo(attempts);
        assertThat(db.store().deliveries().sendWindow(c.id())).isPresent();
    }

    private List<Delivery> allRows(CampaignId id) {
        List<Delivery> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<Delivery> page = db.store().deliveries().list(id, Optional.empty(), new PageRequest(cursor, 1000));
            out.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}
