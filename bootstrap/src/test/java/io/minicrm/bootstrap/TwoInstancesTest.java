package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Application instances sharing one Redis (queues, consumer groups) and one store (the embedded
 * MongoDB-wire server listening on a port, both pointed at it with MONGO_URI): they share a campaign's
 * work, one is stopped abruptly mid-way, the other finishes; every customer gets exactly one row and
 * the vendor sends each attempt once.
 */
class TwoInstancesTest {
    private static final String SECRET = "two-instances-secret-0123456789";
    private static final int RECIPIENTS = Integer.getInteger("two.instances.recipients", 20_000);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Application instance(String name, EmbeddedMongo mongo, String redisUrl, VendorSimulator sim) {
        Application app = new Application(Config.from(Map.of("PORT", "0", "MONGO_URI", mongo.uri(), "REDIS_URL", redisUrl,
                "VENDOR_URL", sim.url().toString(), "VENDOR_WEBHOOK_SECRET", SECRET, "CRM_INSTANCE_ID", name)),
                Clock.systemUTC(), Application.Tuning.defaults().withDelivery(d -> d
                        .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), 0.2))
                        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(6),
                                Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1))));
        app.start();
        open.add(app::halt);
        return app;
    }

    private static double dispatched(Application app) {
        return app.registry().find("crm.vendor.messages").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void twoInstancesShareACampaign_andOneDyingMidWayLosesNothing() {
        String redis = RedisTestServer.sharedUrl();
        EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        open.add(mongo);
        VendorSimulator sim = new VendorSimulator(SimulatorSettings.defaults(SECRET).withSeed(5)
                .withReceiptDelay(new DelayRange(Duration.ofMillis(1), Duration.ofMillis(100))));
        sim.start(0);
        open.add(sim);
        Application a = instance("a", mongo, redis, sim);
        Application b = instance("b", mongo, redis, sim);
        sim.setReceiptUrl(URI.create(a.baseUrl() + "/api/receipt"));

        ApiClient api = new ApiClient(a.baseUrl(), a.adminToken().orElseThrow());
        for (int start = 0; start < RECIPIENTS; start += 1000) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = start; i < Math.min(RECIPIENTS, start + 1000); i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("email", "t" + i + "@two.example");
                c.put("name", "Two " + i);
                rows.add(c);
            }
            assertThat(api.post("/api/customers", rows).body().get("accepted").asInt()).isEqualTo(rows.size());
        }
        ApiClient.Response seg = api.post("/api/segments", Map.of("name", "All", "rules", Map.of("dsl", "email exists"),
                "campaign", Map.of("name", "Shared", "message", "Hi {{name|there}}")));
        String id = seg.body().get("campaign").get("id").asText();
        CampaignId campaign = CampaignId.of(id);
        assertThat(api.post("/api/send", Map.of("campaignId", id)).status()).isEqualTo(202);

        // both instances take part, then one dies abruptly
        await().atMost(Duration.ofMinutes(3)).until(() -> dispatched(a) > 0 && dispatched(b) > 0
                && a.store().deliveries().countByStatus(campaign).sent() > RECIPIENTS / 4);
        a.halt();
        sim.setReceiptUrl(URI.create(b.baseUrl() + "/api/receipt"));

        ApiClient apiB = new ApiClient(b.baseUrl(), b.adminToken().orElseThrow());
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(
                () -> "completed".equals(apiB.get("/api/campaigns/" + id).body().get("status").asText()));

        List<Delivery> rows = new ArrayList<>();
        String cursor = null;
        do {
            Page<Delivery> p = b.store().deliveries().list(campaign, Optional.empty(), new PageRequest(cursor, 1000));
            rows.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        Set<CustomerId> customers = new HashSet<>();
        rows.forEach(r -> customers.add(r.customerId()));
        assertThat(rows).hasSize(RECIPIENTS);
        assertThat(customers).hasSize(RECIPIENTS);
        assertThat(rows).allMatch(r -> r.status() == DeliveryStatus.SENT || r.status() == DeliveryStatus.FAILED);
        DeliveryCounts recount = b.store().deliveries().countByStatus(campaign);
        assertThat(b.crm().campaigns().find(campaign).counts()).isEqualTo(recount);
        long attempts = rows.stream().mapToLong(Delivery::attempt).sum();
        assertThat(sim.counters().uniqueMessages()).as("each attempt sent once by the vendor").isEqualTo(attempts);
    }
}
