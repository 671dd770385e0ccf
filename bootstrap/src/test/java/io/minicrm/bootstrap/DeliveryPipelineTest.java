package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.vendorsim.SimulatorCounters;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.adapter.vendorsim.SimulatorSettings.OutcomeMix;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.delivery.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery pipeline through booted Applications, the vendor simulator over real HTTP and signed
 * receipts, on the embedded MongoDB-wire server: a 10,000-recipient campaign with 30% duplicated and
 * shuffled receipts, and a crash mid-campaign with the receipt URL down until a new instance is up.
 */
class DeliveryPipelineTest {
    private static final String SECRET = "pipeline-test-secret-0123456789";
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static Application.Tuning fast() {
        return Application.Tuning.defaults().withDelivery(d -> d
                .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), 0.2))
                .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofMillis(300),
                        Duration.ofMillis(100), Duration.ofSeconds(1)));
    }

    private VendorSimulator simulator(OutcomeMix mix, long seed) {
        VendorSimulator sim = new VendorSimulator(SimulatorSettings.defaults(SECRET).withSeed(seed).withOutcomes(mix)
                .withReceiptDelay(new DelayRange(Duration.ofMillis(1), Duration.ofMillis(100))));
        sim.start(0);
        open.add(sim);
        return sim;
    }

    private Application app(EmbeddedMongo mongo, VendorSimulator sim) {
        Application app = new Application(Config.from(Map.of("PORT", "0", "MONGO_URI", mongo.uri(),
                "VENDOR_URL", sim.url().toString(), "VENDOR_WEBHOOK_SECRET", SECRET)), Clock.systemUTC(), fast());
        app.start();
        open.add(app::halt);
        sim.setReceiptUrl(URI.create(app.baseUrl() + "/api/receipt"));
        return app;
    }

    private EmbeddedMongo mongo() {
        EmbeddedMongo m = EmbeddedMongo.startInMemory();
        open.add(m);
        return m;
    }

    /** Ingests {@code n} customers (every 20th opted out) and returns a launched campaign's id. */
    private static String launchCampaign(ApiClient api, int n) {
        for (int start = 0; start < n; start += 1000) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 1000); i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("email", "c" + i + "@shop.example");
                c.put("name", "Customer " + i);
                c.put("visits", i % 5);
                c.put("optedOut", i % 20 == 0);
                rows.add(c);
            }
            ApiClient.Response r = api.post("/api/customers", rows);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body().get("accepted").asInt()).isEqualTo(rows.size());
        }
        ApiClient.Response seg = api.post("/api/segments", Map.of("name", "Everyone", "rules", Map.of("dsl", "email exists"),
                "campaign", Map.of("name", "Hello", "message", "Hello {{name|there}}!")));
        assertThat(seg.status()).isEqualTo(201);
        String id = seg.body().get("campaign").get("id").asText();
        assertThat(api.post("/api/send", Map.of("campaignId", id)).status()).isEqualTo(202);
        return id;
    }

    private static List<Delivery> rows(Application app, CampaignId id) {
        List<Delivery> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<Delivery> p = app.store().deliveries().list(id, Optional.empty(), new PageRequest(cursor, 1000));
            all.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static void assertConsistent(Application app, CampaignId id, int customers, JsonNode stats) {
        long reachable = customers - (customers + 19) / 20;
        List<Delivery> rows = rows(app, id);
        Set<CustomerId> distinct = new HashSet<>();
        rows.forEach(r -> distinct.add(r.customerId()));
        assertThat(rows).hasSize((int) reachable);
        assertThat(distinct).as("no customer has two rows").hasSize(rows.size());
        assertThat(rows).allMatch(r -> r.status() == DeliveryStatus.SENT || r.status() == DeliveryStatus.FAILED);
        DeliveryCounts recount = app.store().deliveries().countByStatus(id);
        assertThat(recount.sent() + recount.failed()).isEqualTo(reachable);
        assertThat(stats.get("audience").asLong()).isEqualTo(reachable);
        assertThat(stats.get("sent").asLong()).isEqualTo(recount.sent());
        assertThat(stats.get("failed").asLong()).isEqualTo(recount.failed());
        assertThat(stats.get("retries").asLong()).isEqualTo(recount.retries());
        assertThat(app.crm().campaigns().find(id).counts()).isEqualTo(recount);
        // every retried delivery recorded each of its attempts
        for (Delivery d : rows) {
            assertThat(d.history()).hasSize(d.attempt());
            for (int a = 0; a < d.attempt() - 1; a++) {
                assertThat(d.history().get(a).outcome()).isEqualTo(Receipt.Outcome.FAILED);
                assertThat(d.history().get(a).retryable()).isTrue();
            }
        }
        assertThat(recount.retries()).isPositive();
    }

    @Test
    void tenThousandRecipients_withDuplicateAndShuffledReceipts_completeAndAddUp() {
        EmbeddedMongo mongo = mongo();
        VendorSimulator sim = simulator(new OutcomeMix(0.9, 0.5, 0.3, 1.0), 11);
        Application app = app(mongo, sim);
        ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());

        String id = launchCampaign(api, 10_000);
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(
                () -> "completed".equals(api.get("/api/campaigns/" + id).body().get("status").asText()));

        JsonNode stats = api.get("/api/campaigns/" + id).body().get("stats");
        assertConsistent(app, CampaignId.of(id), 10_000, stats);
        SimulatorCounters c = sim.counters();
        assertThat(c.duplicateReceipts()).as("the simulator did send duplicates").isGreaterThan(1000);
        long attempts = rows(app, CampaignId.of(id)).stream().mapToLong(Delivery::attempt).sum();
        assertThat(c.uniqueMessages()).as("each attempt sent once").isEqualTo(attempts);
    }

    @Test
    void anAbruptStopMidCampaign_thenANewInstance_completesWithoutLossOrDuplicates() {
        EmbeddedMongo mongo = mongo();
        VendorSimulator sim = simulator(OutcomeMix.defaults(), 23);
        Application first = app(mongo, sim);
        ApiClient api = new ApiClient(first.baseUrl(), first.adminToken().orElseThrow());
        int customers = 3000;
        String id = launchCampaign(api, customers);
        CampaignId campaign = CampaignId.of(id);

        // crash at a random point once some messages are out
        double when = 0.1 + new Random(System.nanoTime()).nextDouble() * 0.5;
        long reachable = customers - (customers + 19) / 20;
        await().atMost(Duration.ofMinutes(2)).until(() -> {
            DeliveryCounts n = first.store().deliveries().countByStatus(campaign);
            return n.sent() + n.failed() >= when * reachable;
        });
        // the receipt URL goes down while messages are still going out, and stays down until the new
        // instance is up: the simulator's callbacks fail and it keeps retrying them
        sim.setReceiptUrl(URI.create("http://127.0.0.1:9/api/receipt"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sim.counters().callbackFailures() > 0);
        first.halt();

        Application second = app(mongo, sim);
        ApiClient api2 = new ApiClient(second.baseUrl(), second.adminToken().orElseThrow());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> "completed".equals(api2.get("/api/campaigns/" + id).body().get("status").asText()));

        JsonNode stats = api2.get("/api/campaigns/" + id).body().get("stats");
        assertConsistent(second, campaign, customers, stats);
        long attempts = rows(second, campaign).stream().mapToLong(Delivery::attempt).sum();
        SimulatorCounters c = sim.counters();
        assertThat(c.uniqueMessages()).as("the vendor sent each idempotency key once").isEqualTo(attempts);
        assertThat(c.receiptsDropped()).isZero();
        assertThat(c.callbackFailures()).as("callbacks failed while the receipt URL was down, and were retried").isPositive();
    }

}
