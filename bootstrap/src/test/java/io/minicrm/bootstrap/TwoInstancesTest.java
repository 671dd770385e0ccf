package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two Application instances sharing one Redis (queues, consumer groups, instance registry) and one store (the
 * embedded MongoDB-wire server listening on a port, both pointed at it with MONGO_URI): they share a campaign's
 * work; the one writing the audience is killed mid-way while it holds dispatch jobs; within the dead-after time the
 * other takes over its queue entries and its audience lease, and finishes the campaign. Every customer gets exactly
 * one row, counters equal the rows, the vendor sends each attempt once, and the survivor's supervisor never fails.
 */
class TwoInstancesTest {
    private static final String SECRET = "two-instances-secret-0123456789";
    private static final int RECIPIENTS = Integer.getInteger("two.instances.recipients", 20_000);
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final Duration DEAD_AFTER = Duration.ofMillis(1500);
    /** How much later than dead-after the survivor may resume (a tick, a claim, a loaded build machine). */
    private static final Duration MARGIN = Duration.ofMillis(2000);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Application instance(String name, EmbeddedMongo mongo, String redisUrl, VendorSimulator sim) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", "0");
        env.put("MONGO_URI", mongo.uri());
        env.put("REDIS_URL", redisUrl);
        env.put("VENDOR_URL", sim.url().toString());
        env.put("VENDOR_WEBHOOK_SECRET", SECRET);
        env.put("CRM_INSTANCE_ID", name);
        env.put("CRM_HEARTBEAT_MS", Long.toString(HEARTBEAT.toMillis()));
        env.put("CRM_DEAD_AFTER_MS", Long.toString(DEAD_AFTER.toMillis()));
        env.put("CRM_LEASE_MS", Long.toString(DEAD_AFTER.toMillis()));
        env.put("CRM_RECLAIM_IDLE_MS", "120000"); // far beyond the test: only the heartbeats can free the work
        Application app = new Application(Config.from(env), Clock.systemUTC(), Application.Tuning.defaults().withDelivery(d -> d
                .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), 0.2))
                .withTimings(Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30),
                        Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1))));
        app.start();
        open.add(app::halt);
        return app;
    }

    private static double count(Application app, String counter) {
        return app.registry().find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static Optional<String> audienceHolder(Application app, CampaignId campaign) {
        return app.store().leases().find("audience:" + campaign.value()).map(LeaseRepository.Lease::owner);
    }

    private static long held(Application app, String instance, String topic, String group) {
        return app.crm().queue().heldByInstance(topic, group).orElseThrow().getOrDefault(instance, 0L);
    }

    @Test
    void theInstanceWritingTheAudienceDies_theOtherTakesOverItsEntriesAndLeaseWithinDeadAfter_andLosesNothing() {
        RedisTestServer redis = RedisTestServer.start(false);
        open.add(redis);
        EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        open.add(mongo);
        VendorSimulator sim = new VendorSimulator(SimulatorSettings.defaults(SECRET).withSeed(5)
                .withAnswerDelay(new DelayRange(Duration.ofMillis(20), Duration.ofMillis(40)))
                .withReceiptDelay(new DelayRange(Duration.ofMillis(1), Duration.ofMillis(100))));
        sim.start(0);
        open.add(sim);
        String run = UUID.randomUUID().toString().substring(0, 6);
        Application a = instance("a-" + run, mongo, redis.url(), sim);
        Application b = instance("b-" + run, mongo, redis.url(), sim);
        sim.setReceiptUrl(URI.create(b.baseUrl() + "/api/receipt"));

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

        // both send; the instance writing the audience dies abruptly while it holds dispatch jobs
        Application[] roles = new Application[2];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(5)).until(() -> {
            Optional<String> holder = audienceHolder(a, campaign);
            if (holder.isEmpty() || count(a, "crm.vendor.messages") == 0 || count(b, "crm.vendor.messages") == 0) {
                return false;
            }
            Application victim = holder.get().equals(a.config().instanceId()) ? a : b;
            Campaign c = victim.crm().campaigns().find(campaign);
            if (c.audienceCursor() == null || c.audienceComplete()
                    || held(victim, holder.get(), Topics.DELIVERIES, Topics.DISPATCHERS) == 0) {
                return false;
            }
            roles[0] = victim;
            roles[1] = victim == a ? b : a;
            return true;
        });
        Application victim = roles[0];
        Application survivor = roles[1];
        String victimId = victim.config().instanceId();
        long killed = System.nanoTime();
        victim.halt();
        sim.setReceiptUrl(URI.create(survivor.baseUrl() + "/api/receipt"));
        long heldAtKill = held(survivor, victimId, Topics.DELIVERIES, Topics.DISPATCHERS);
        assertThat(heldAtKill).as("dispatch jobs in the dead instance's hands").isPositive();

        ApiClient ops = new ApiClient(survivor.baseUrl(), survivor.adminToken().orElseThrow());
        JsonNode before = instanceView(ops, victimId);
        if ((System.nanoTime() - killed) / 1_000_000 < DEAD_AFTER.minus(HEARTBEAT).toMillis()) {
            // seen before anyone could take over (a busy machine may answer later): the dead one's holdings show
            assertThat(before.get("held").get("deliveries").asLong()).isEqualTo(heldAtKill);
            assertThat(before.get("leases").get(0).get("name").asText()).isEqualTo("audience:" + id);
        }

        // within dead-after (+ a margin) the survivor holds the dead one's entries and its audience lease
        await().atMost(DEAD_AFTER.plus(MARGIN).plusSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> held(survivor, victimId, Topics.DELIVERIES, Topics.DISPATCHERS) == 0
                        && held(survivor, victimId, Topics.RECEIPTS, Topics.RECEIPT_APPLIERS) == 0);
        long entriesMillis = (System.nanoTime() - killed) / 1_000_000;
        await().atMost(DEAD_AFTER.plus(MARGIN).plusSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> !audienceHolder(survivor, campaign).orElse(survivor.config().instanceId()).equals(victimId));
        long leaseMillis = (System.nanoTime() - killed) / 1_000_000;
        System.out.printf("instance %s killed holding %d dispatch jobs and the audience lease: entries taken over after "
                + "%d ms, lease after %d ms (dead-after %d ms)%n", victimId, heldAtKill, entriesMillis, leaseMillis,
                DEAD_AFTER.toMillis());
        assertThat(entriesMillis).as("queue entries resumed within dead-after + margin")
                .isLessThanOrEqualTo(DEAD_AFTER.plus(MARGIN).toMillis());
        assertThat(leaseMillis).as("audience resumed within dead-after + margin")
                .isLessThanOrEqualTo(DEAD_AFTER.plus(MARGIN).toMillis());
        JsonNode after = instanceView(ops, victimId);
        assertThat(after.get("alive").asBoolean()).isFalse();
        assertThat(after.get("held").size()).isZero();
        assertThat(count(survivor, "queue.reclaimed")).isGreaterThanOrEqualTo(heldAtKill);
        // the survivor's own metrics show the takeover and its load (what an operator graphs per instance)
        assertThat(survivor.registry().get("crm.instance.reclaimed").gauge().value()).isGreaterThanOrEqualTo(heldAtKill);
        assertThat(survivor.registry().get("crm.instance.sends_per_second").gauge().value()).isPositive();
        assertThat(survivor.registry().get("crm.instance.vendor_in_flight").gauge().value()).isNotNegative();
        assertThat(survivor.registry().get("crm.queue.held").tag("topic", Topics.DELIVERIES).gauge().value())
                .isNotNegative();
        assertThat(survivor.registry().get("crm.queue.lag").tag("topic", Topics.DELIVERIES).gauge().value())
                .isNotNegative();

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(
                () -> "completed".equals(ops.get("/api/campaigns/" + id).body().get("status").asText()));

        List<Delivery> rows = new ArrayList<>();
        String cursor = null;
        do {
            Page<Delivery> p = survivor.store().deliveries().list(campaign, Optional.empty(), new PageRequest(cursor, 1000));
            rows.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        Set<CustomerId> customers = new HashSet<>();
        rows.forEach(r -> customers.add(r.customerId()));
        assertThat(rows).hasSize(RECIPIENTS);
        assertThat(customers).hasSize(RECIPIENTS);
        assertThat(rows).allMatch(r -> r.status() == DeliveryStatus.SENT || r.status() == DeliveryStatus.FAILED);
        DeliveryCounts recount = survivor.store().deliveries().countByStatus(campaign);
        assertThat(survivor.crm().campaigns().find(campaign).counts()).isEqualTo(recount);
        long attempts = rows.stream().mapToLong(Delivery::attempt).sum();
        assertThat(sim.counters().uniqueMessages()).as("each attempt sent once by the vendor").isEqualTo(attempts);
        assertThat(count(survivor, "crm.supervisor.errors")).as("no supervisor job failed on the survivor").isZero();
    }

    private static JsonNode instanceView(ApiClient ops, String instanceId) {
        for (JsonNode i : ops.get("/api/admin/instances").body().get("instances")) {
            if (i.get("instanceId").asText().equals(instanceId)) {
                return i;
            }
        }
        throw new AssertionError(instanceId + " not listed");
    }
}
