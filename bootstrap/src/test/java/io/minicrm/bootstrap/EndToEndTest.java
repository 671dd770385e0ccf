package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole story through the real server on the embedded default (embedded MongoDB-wire server,
 * in-process queues, the vendor simulator over HTTP with signed receipts, the offline assistant, local
 * sign-in): ingest, preview, segment + campaign, send, receipts, stats, AI summary.
 */
class EndToEndTest {
    private static Application app;
    private static ApiClient api;

    @BeforeAll
    static void boot() {
        app = new Application(Config.from(Map.of("PORT", "0")), Clock.systemUTC(), fast());
        app.start();
        api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
    }

    /** Short timings so retries and receipts happen within the test. */
    static Application.Tuning fast() {
        return Application.Tuning.defaults()
                .withDelivery(d -> d.withRetry(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), 0.2))
                        .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10),
                                Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(500)))
                .withSimulator(s -> s.withReceiptDelay(new DelayRange(Duration.ofMillis(1), Duration.ofMillis(30))));
    }

    @AfterAll
    static void shutDown() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void ingestSegmentSendAndReadStats_throughTheRealServer() {
        List<Map<String, Object>> customers = new ArrayList<>();
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("email", "Person" + i + "@Example.com");
            c.put("name", "Person " + i);
            c.put("city", i % 3 == 0 ? "Pune" : "Mumbai");
            c.put("visits", i % 7);
            c.put("tags", i % 10 == 0 ? List.of("churned") : List.of("newsletter"));
            c.put("optedOut", i % 25 == 0);
            customers.add(c);
            orders.add(Map.of("orderId", "o-" + i, "customerEmail", "person" + i + "@example.com",
                    "amount", String.valueOf(500 + i * 40), "orderedAt", "2026-10-01T10:00:00Z"));
        }
        ApiClient.Response ingested = api.post("/api/customers", customers);
        assertThat(ingested.status()).isEqualTo(200);
        assertThat(ingested.body().get("accepted").asInt()).isEqualTo(300);
        assertThat(ingested.body().get("rejected")).isEmpty();

        ApiClient.Response orderResult = api.post("/api/orders", orders);
        assertThat(orderResult.status()).isEqualTo(200);
        assertThat(orderResult.body().get("accepted").asInt()).isEqualTo(300);
        // the same orders again count nothing twice
        assertThat(api.post("/api/orders", orders).body().get("accepted").asInt()).isEqualTo(300);

        Map<String, Object> rules = Map.of("dsl", "totalSpent > 5000 and not tags contains \"churned\"");
        ApiClient.Response preview = api.post("/api/segments/preview", Map.of("rules", rules));
        assertThat(preview.status()).isEqualTo(200);
        long expected = expectedAudience(customers, orders, false);
        assertThat(preview.body().get("count").asLong()).isEqualTo(expected);

        ApiClient.Response created = api.post("/api/segments", Map.of("name", "Big spenders", "rules", rules,
                "campaign", Map.of("name", "Thank you", "message", "Hi {{firstName|there}}, thanks from {{city|us}}!")));
        assertThat(created.status()).isEqualTo(201);
        String campaignId = created.body().get("campaign").get("id").asText();

        ApiClient.Response sent = api.post("/api/send", Map.of("campaignId", campaignId));
        assertThat(sent.status()).isEqualTo(202);
        assertThat(api.post("/api/send", Map.of("campaignId", campaignId)).status()).as("already sending").isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(
                () -> "completed".equals(api.get("/api/campaigns/" + campaignId).body().get("status").asText()));

        JsonNode campaign = api.get("/api/campaigns/" + campaignId).body();
        JsonNode stats = campaign.get("stats");
        long reachable = expectedAudience(customers, orders, true);
        assertThat(stats.get("audience").asLong()).isEqualTo(reachable);
        assertThat(stats.get("sent").asLong() + stats.get("failed").asLong()).isEqualTo(reachable);
        assertThat(stats.get("pending").asLong()).isZero();
        DeliveryCounts rows = app.store().deliveries().countByStatus(CampaignId.of(campaignId));
        assertThat(stats.get("sent").asLong()).isEqualTo(rows.sent());
        assertThat(stats.get("failed").asLong()).isEqualTo(rows.failed());
        assertThat(app.crm().campaigns().find(CampaignId.of(campaignId)).counts()).isEqualTo(rows);
        assertThat(campaign.get("sentCount").asLong()).isEqualTo(rows.sent());

        JsonNode history = api.get("/api/campaigns").body();
        assertThat(history.isArray()).isTrue();
        assertThat(history.get(0).get("id").asText()).isEqualTo(campaignId);

        ApiClient.Response summary = api.post("/api/ai/summary", Map.of("campaignId", campaignId));
        assertThat(summary.status()).isEqualTo(200);
        String text = summary.body().get("summary").asText();
        assertThat(text).contains(Long.toString(rows.sent())).contains(Long.toString(reachable));

        // operations: Prometheus metrics of what just happened (operators only), request ids on every response
        assertThat(new ApiClient(app.baseUrl(), null).get("/metrics").status()).isEqualTo(401);
        ApiClient.Response metrics = api.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        String scrape = metrics.raw().body();
        assertThat(scrape).contains("crm_ingest_rows_total{kind=\"customers\",outcome=\"accepted\"} 300.0")
                .contains("crm_deliveries_sent_total").contains("crm_receipts_received_total")
                .contains("crm_queue_lag{topic=\"deliveries\"}").contains("crm_campaigns_defined_total 1.0")
                .contains("crm_http_requests_seconds_count{method=\"POST\",route=\"/api/send\",status=\"202\"}");
        assertThat(summary.raw().headers().firstValue("X-Request-Id")).isPresent();
    }

    /** Customers matching the rule; with {@code reachable}, minus the opted-out ones. */
    private static long expectedAudience(List<Map<String, Object>> customers, List<Map<String, Object>> orders,
                                         boolean reachable) {
        long n = 0;
        for (int i = 0; i < customers.size(); i++) {
            boolean spent = 500 + i * 40 > 5000;
            boolean churned = i % 10 == 0;
            boolean optedOut = i % 25 == 0;
            if (spent && !churned && (!reachable || !optedOut)) {
                n++;
            }
        }
        return n;
    }
}
