package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments, several rounds, on the packaged jar with its durable embedded store:
 * customers and orders ingested concurrently over HTTP while a campaign sends through the standalone vendor
 * simulator (its own process, so it outlives the kills and remembers every idempotency key it saw). After the
 * last restart the campaign completes, and then, reading the data directory itself:
 * <ul>
 *   <li>every customer and order answered 2xx is there, with its content;</li>
 *   <li>the campaign's counters equal its delivery rows, and every row is final;</li>
 *   <li>no idempotency key was reused for another message; every row's final outcome is the vendor's outcome
 *       for its last attempt; nobody got two messages (at most one key per row was sent).</li>
 * </ul>
 * Replay a run with {@code -Dminicrm.seed=<seed>}; {@code -Dminicrm.killRounds=<n>} sets the rounds (3; the
 * {@code slow} variant 10). Acknowledging a write before its fsync makes it fail (a lost customer).
 */
class StoreKillIT {
    private static final Pattern RUNNING = Pattern.compile("Mini CRM is running at (http://\\S+)");
    private static final Pattern SIM = Pattern.compile("vendor simulator at (http://[^/\\s]+)");
    private static final String API_KEY = "kill-test-key-0123456789";
    private static final String SECRET = "kill-test-webhook-secret-0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Map<String, Object>> customers = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();

    @Test
    void killedAtRandomMoments_losesNothingAcknowledged_sendsNobodyTwice_andTheCampaignCompletes(@TempDir Path work)
            throws Exception {
        run(work, Integer.getInteger("minicrm.killRounds", 3));
    }

    /** The long variant: more rounds ({@code mvn -Pslow verify}). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void killedAtRandomMomentsInManyRounds_losesNothingAcknowledged(@TempDir Path work) throws Exception {
        run(work, Integer.getInteger("minicrm.killRounds.slow", 10));
    }

    private void run(Path work, int rounds) throws Exception {
        long seed = Long.getLong("minicrm.seed", 20261205L);
        Random random = new Random(seed);
        System.out.printf("kill test: seed %d, %d rounds (replay: -Dminicrm.seed=%d)%n", seed, rounds, seed);
        int crmPort = JarProcess.freePort();
        int simPort = JarProcess.freePort();
        Path data = work.resolve("data");
        Map<String, String> env = Map.of("PORT", Integer.toString(crmPort), "CRM_DATA_DIR", data.toString(),
                "VENDOR_URL", "http://127.0.0.1:" + simPort, "VENDOR_WEBHOOK_SECRET", SECRET, "CRM_API_KEYS", API_KEY,
                "CRM_RETRY_BASE_MS", "300", "CRM_SEND_RATE", "150");
        URI base = URI.create("http://127.0.0.1:" + crmPort);
        try (JarProcess sim = JarProcess.start(work, List.of("-Xmx256m"), List.of("vendor-sim", "--host", "127.0.0.1",
                "--port", Integer.toString(simPort), "--receipt-url", base + "/api/receipt", "--secret", SECRET,
                "--seed", Long.toString(seed), "--receipt-delay-ms", "20-400", "--duplicate-rate", "0.05"), Map.of())) {
            sim.await(SIM, Duration.ofSeconds(60));
            String campaignId = null;
            for (int round = 1; round <= rounds; round++) {
                try (JarProcess crm = JarProcess.start(work, List.of("-Xmx384m"), List.of(), env)) {
                    crm.await(RUNNING, Duration.ofSeconds(90));
                    awaitReady(base);
                    if (campaignId == null) {
                        for (int b = 0; b < 15; b++) {
                            assertThat(postCustomers(base, "seed-" + b, 100)).as("the first customers").isTrue();
                        }
                        campaignId = launchCampaign(base);
                    }
                    long killAfter = random.nextInt(1500);
                    AtomicBoolean running = new AtomicBoolean(true);
                    int r = round;
                    List<Thread> load = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        int thread = t;
                        load.add(started(() -> {
                            for (int n = 0; running.get(); n++) {
                                if (!postCustomers(base, "r" + r + "-t" + thread + "-" + n, 50 + (n % 3) * 25)) {
                                    return; // the server is gone
                                }
                            }
                        }));
                    }
                    Random orderRandom = new Random(random.nextLong());
                    load.add(started(() -> {
                        for (int n = 0; running.get(); n++) {
                            if (!postOrders(base, "o-r" + r + "-" + n, orderRandom, 20)) {
                                return;
                            }
                        }
                    }));
                    int customersBefore = customers.size();
                    int ordersBefore = orders.size();
                    // kill at a random moment once both kinds of writes are flowing (however slow the machine)
                    long flowing = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while ((customers.size() == customersBefore || orders.size() == ordersBefore) && System.nanoTime() < flowing) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(killAfter);
                    crm.kill();
                    running.set(false);
                    for (Thread t : load) {
                        t.join(30_000);
                    }
                    System.out.printf("round %d: killed -9 %d ms after writes were flowing; %d customers and %d orders acknowledged "
                            + "this round (%d and %d in all)%n", round, killAfter, customers.size() - customersBefore,
                            orders.size() - ordersBefore, customers.size(), orders.size());
                }
            }
            try (JarProcess crm = JarProcess.start(work, List.of("-Xmx384m"), List.of(), env)) {
                crm.await(RUNNING, Duration.ofSeconds(90));
                awaitReady(base);
                String id = campaignId;
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                String status = "";
                while (System.nanoTime() < deadline && !"completed".equals(status)) {
                    Thread.sleep(500);
                    status = get(base, "/api/campaigns/" + id).path("status").asText();
                }
                assertThat(status).as("the campaign completes after the last restart; server output:%n%s", crm.output())
                        .isEqualTo("completed");
                assertThat(crm.stop()).as("graceful stop (SIGTERM)").isIn(0, 143);
            }
            JsonNode ledger = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simPort + "/v1/ledger"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            verify(data, CampaignId.of(campaignId), ledger);
        }
    }

    private void verify(Path data, CampaignId campaignId, JsonNode ledger) {
        try (EmbeddedMongo server = EmbeddedMongo.start(Optional.of(data));
             MongoStore store = MongoStore.connect(server.uri(), MongoStore.DEFAULT_DATABASE)) {
            for (Map.Entry<String, Map<String, Object>> e : customers.entrySet()) {
                Optional<Customer> c = store.customers().findByEmail(Email.of(e.getKey()));
                assertThat(c).as("acknowledged customer %s", e.getKey()).isPresent();
                assertThat(c.get().name()).isEqualTo(e.getValue().get("name"));
                assertThat(c.get().city()).isEqualTo(e.getValue().get("city"));
                assertThat(c.get().visits()).isEqualTo(((Number) e.getValue().get("visits")).longValue());
            }
            for (Map.Entry<String, Map<String, Object>> e : orders.entrySet()) {
                Optional<Order> o = store.orders().findById(OrderId.of(e.getKey()));
                assertThat(o).as("acknowledged order %s", e.getKey()).isPresent();
                assertThat(o.get().amount().minor()).isEqualTo(new BigDecimal((String) e.getValue().get("amount")).movePointRight(2).longValueExact());
                assertThat(store.customers().findById(o.get().customerId()).orElseThrow().email().value())
                        .isEqualTo(e.getValue().get("customerEmail"));
            }
            System.out.printf("checked: %d acknowledged customers and %d acknowledged orders are all there, with their content%n",
                    customers.size(), orders.size());

            Campaign campaign = store.campaigns().findById(campaignId).orElseThrow();
            DeliveryCounts rows = store.deliveries().countByStatus(campaignId);
            assertThat(campaign.status()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(campaign.counts()).as("counters == delivery rows").isEqualTo(rows);
            assertThat(rows.pending()).isZero();
            Map<String, JsonNode> byKey = new HashMap<>();
            Map<String, Integer> sentKeysPerDelivery = new HashMap<>();
            long resent = 0;
            for (JsonNode e : ledger.get("entries")) {
                byKey.put(e.get("idempotencyKey").asText(), e);
                if ("sent".equals(e.get("outcome").asText())) {
                    sentKeysPerDelivery.merge(e.get("deliveryId").asText(), 1, Integer::sum);
                }
                if (e.get("requests").asInt() > 1) {
                    resent++;
                }
            }
            assertThat(ledger.get("keyConflicts").asLong()).as("no idempotency key reused for another message").isZero();
            assertThat(sentKeysPerDelivery.values()).as("nobody got two messages").allMatch(n -> n == 1);
            long checkedRows = 0;
            for (Document row : store.database().getCollection(MongoStore.DELIVERIES)
                    .find(new Document("campaignId", campaignId.value()))) {
                String status = row.getString("status");
                if (!status.equals("sent") && !status.equals("failed")) {
                    continue; // skipped (opted out) or cancelled: never handed to the vendor
                }
                String key = row.getString("_id") + "-" + row.getInteger("attempt");
                JsonNode vendor = byKey.get(key);
                assertThat(vendor).as("the vendor saw the key of row %s's last attempt", key).isNotNull();
                assertThat(vendor.get("outcome").asText()).as("row %s agrees with the vendor", key).isEqualTo(status);
                if (status.equals("sent")) {
                    assertThat(row.getString("vendorMessageId")).isEqualTo(vendor.get("vendorMessageId").asText());
                }
                checkedRows++;
            }
            assertThat(checkedRows).isEqualTo(rows.sent() + rows.failed());
            System.out.printf("checked: campaign completed, counters %s == rows; %d rows agree with the vendor's ledger of %d keys "
                    + "(%d keys sent again after a crash were answered with their first outcome, none reused)%n",
                    rows, checkedRows, byKey.size(), resent);
        }
    }

    private boolean postCustomers(URI base, String prefix, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("email", prefix + "-" + i + "@kill.test");
            c.put("name", "Person " + prefix + " " + i);
            c.put("city", i % 2 == 0 ? "Pune" : "Goa");
            c.put("visits", i % 9);
            rows.add(c);
        }
        JsonNode answer = post(base, "/api/customers", rows);
        if (answer == null) {
            return false;
        }
        if (answer.path("accepted").asInt() == n && answer.path("rejected").isEmpty()) {
            rows.forEach(c -> customers.put((String) c.get("email"), c));
        }
        return true;
    }

    private boolean postOrders(URI base, String prefix, Random random, int n) {
        List<String> emails = new ArrayList<>(customers.keySet());
        if (emails.isEmpty()) {
            return true;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("orderId", prefix + "-" + i);
            o.put("customerEmail", emails.get(random.nextInt(emails.size())));
            o.put("amount", (100 + random.nextInt(9_900)) + "." + (10 + random.nextInt(90)));
            o.put("orderedAt", "2026-11-01T10:00:00Z");
            rows.add(o);
        }
        JsonNode answer = post(base, "/api/orders", rows);
        if (answer == null) {
            return false;
        }
        if (answer.path("accepted").asInt() == n && answer.path("rejected").isEmpty()) {
            rows.forEach(o -> orders.put((String) o.get("orderId"), o));
        }
        return true;
    }

    private String launchCampaign(URI base) {
        Map<String, Object> rules = Map.of("dsl", "visits >= 0");
        JsonNode created = post(base, "/api/segments", Map.of("name", "Everyone", "rules", rules,
                "campaign", Map.of("name", "Kill test", "message", "Hi {{firstName|there}} from {{city|us}}")));
        assertThat(created).isNotNull();
        String id = created.get("campaign").get("id").asText();
        assertThat(post(base, "/api/send", Map.of("campaignId", id))).isNotNull();
        return id;
    }

    /** The answer to a 2xx; null when the server cannot be reached or answered otherwise. */
    private JsonNode post(URI base, String path, Object body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("X-Api-Key", API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() / 100 == 2 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", API_KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static Thread started(Runnable r) {
        Thread t = new Thread(r, "kill-test-load");
        t.start();
        return t;
    }

    private void awaitReady(URI base) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/ready")).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 60 s");
    }
}
