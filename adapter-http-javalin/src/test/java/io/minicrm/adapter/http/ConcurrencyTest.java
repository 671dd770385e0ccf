package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests racing each other over HTTP: nothing is lost, nothing counted twice. */
class ConcurrencyTest {
    static TestApp app;
    static ExecutorService pool = Executors.newFixedThreadPool(8);

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        app.close();
    }

    static List<TestApp.Res> race(int n, Callable<TestApp.Res> call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TestApp.Res>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<TestApp.Res> out = new ArrayList<>();
        for (Future<TestApp.Res> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void theSameBulkSentByEightClientsAtOnce_createsEachCustomerOnce() throws Exception {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 500; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"email\": \"race").append(i).append("@example.com\", \"city\": \"Race\"}");
        }
        String body = sb.append(']').toString();
        long before = app.customers.countAll();
        List<TestApp.Res> results = race(8, () -> app.post("/api/customers", body));
        results.forEach(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(results.stream().mapToInt(r -> r.json().get("inserted").asInt()).sum()).isEqualTo(500);
        assertThat(app.customers.countAll()).isEqualTo(before + 500);
    }

    @Test
    void sendingOneCampaignFromEightClientsAtOnce_launchesItOnce() throws Exception {
        Fixtures.customers(app, 20, "Launchrace");
        String campaignId = Fixtures.campaignFor(app, "Launchrace");
        List<TestApp.Res> results = race(8, () -> app.post("/api/send", "{\"campaignId\": \"" + campaignId + "\"}"));
        assertThat(results.stream().filter(r -> r.status() == 202).count()).isEqualTo(1);
        assertThat(results.stream().filter(r -> r.status() == 200).count()).as("the others see it sending").isEqualTo(7);
        results.forEach(r -> assertThat(r.json().get("status").asText()).isEqualTo("sending"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                app.get("/api/campaigns/" + campaignId + "/deliveries?limit=1000").json().size() == 20);
        assertThat(app.get("/api/campaigns/" + campaignId).json().get("stats").get("audience").asInt()).isEqualTo(20);
    }

    @Test
    void oneReceiptPostedByEightCallbacksAtOnce_countsOnce() throws Exception {
        Fixtures.customers(app, 3, "Receiptrace");
        String campaignId = Fixtures.campaignFor(app, "Receiptrace");
        assertThat(app.post("/api/send", "{\"campaignId\": \"" + campaignId + "\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode rows = app.get("/api/campaigns/" + campaignId + "/deliveries").json();
            return rows.size() == 3 && !rows.get(0).get("vendorMessageId").isNull();
        });
        String deliveryId = app.get("/api/campaigns/" + campaignId + "/deliveries").json().get(0).get("id").asText();
        String body = "{\"deliveryId\": \"" + deliveryId + "\", \"status\": \"sent\", \"occurredAt\": \"" + Instant.now()
                + "\", \"attempt\": 1}";
        List<TestApp.Res> results = race(8, () -> app.anonymous("POST", "/api/receipt").json(body)
                .header(ReceiptSignature.HEADER, ReceiptSignature.sign(TestApp.WEBHOOK_SECRET,
                        Instant.now().getEpochSecond(), body.getBytes(StandardCharsets.UTF_8))).send());
        results.forEach(r -> assertThat(r.status()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                app.get("/api/campaigns/" + campaignId).json().get("stats").get("sent").asInt() == 1);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        JsonNode stats = app.get("/api/campaigns/" + campaignId).json().get("stats");
        assertThat(stats.get("sent").asInt()).isEqualTo(1);
        assertThat(stats.get("pending").asInt()).isEqualTo(2);
    }
}
