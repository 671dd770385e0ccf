package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.application.delivery.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vendor callback: HMAC signature on the raw body, 300 s tolerance, nothing written when refused,
 * each receipt counted once however often it comes. The vendor here accepts messages and never calls
 * back, so every receipt in these tests is one the test signs and posts.
 */
class ReceiptTest {
    static TestApp app;
    static String campaignId;
    static List<String> deliveryIds = new ArrayList<>();

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
        Fixtures.customers(app, 5, "Receiptville");
        campaignId = Fixtures.campaignFor(app, "Receiptville");
        assertThat(app.post("/api/send", "{\"campaignId\": \"" + campaignId + "\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode rows = app.get("/api/campaigns/" + campaignId + "/deliveries").json();
            if (rows.size() < 5) {
                return false;
            }
            for (JsonNode d : rows) {
                if (d.get("vendorMessageId").isNull()) {
                    return false;
                }
            }
            return true;
        });
        app.get("/api/campaigns/" + campaignId + "/deliveries").json().forEach(d -> deliveryIds.add(d.get("id").asText()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String receipt(String deliveryId, String status) {
        return "{\"deliveryId\": \"" + deliveryId + "\", \"vendorMessageId\": \"vendor-" + deliveryId
                + "-1\", \"status\": \"" + status + "\", \"occurredAt\": \"" + Instant.now() + "\", \"attempt\": 1}";
    }

    static TestApp.Res post(String body, String signature) {
        TestApp.Req r = app.anonymous("POST", "/api/receipt").json(body);
        if (signature != null) {
            r.header(ReceiptSignature.HEADER, signature);
        }
        return r.send();
    }

    static String sign(String body, long t) {
        return ReceiptSignature.sign(TestApp.WEBHOOK_SECRET, t, body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode campaign() {
        return app.get("/api/campaigns/" + campaignId).json();
    }

    static String statusOf(String deliveryId) {
        for (JsonNode d : app.get("/api/campaigns/" + campaignId + "/deliveries").json()) {
            if (d.get("id").asText().equals(deliveryId)) {
                return d.get("status").asText();
            }
        }
        throw new AssertionError("no delivery " + deliveryId);
    }

    @Test
    void theSameReceiptThreeTimes_isCountedOnce() {
        String id = deliveryIds.get(0);
        String body = receipt(id, "sent");
        long sentBefore = campaign().get("stats").get("sent").asLong();
        for (int i = 0; i < 3; i++) {
            TestApp.Res r = post(body, sign(body, Instant.now().getEpochSecond()));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(id).equals("sent"));
        // let any late duplicate application happen before counting
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(campaign().get("stats").get("sent").asLong()).isEqualTo(sentBefore + 1);
        assertThat(app.campaigns.findById(io.minicrm.domain.campaign.CampaignId.of(campaignId)).orElseThrow()
                .counts().sent()).isEqualTo(sentBefore + 1);
    }

    @Test
    void aBodyChangedByOneByte_is401_andNothingIsWritten() {
        String id = deliveryIds.get(1);
        String body = receipt(id, "sent");
        String signature = sign(body, Instant.now().getEpochSecond());
        String tampered = body.replace("\"sent\"", "\"sent \"").replace("\"sent \"", "\"senT\"");
        assertThat(tampered).hasSameSizeAs(body).isNotEqualTo(body);
        long published = app.queue.published(Topics.RECEIPTS);
        TestApp.Res r = post(tampered, signature);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("type").asText()).endsWith("invalid-signature");
        String oneByteMore = body + " ";
        assertThat(post(oneByteMore, signature).status()).isEqualTo(401);
        assertThat(app.queue.published(Topics.RECEIPTS)).isEqualTo(published);
        assertThat(statusOf(id)).isEqualTo("pending");
    }

    @Test
    void aStaleOrFutureTimestamp_is401_andNothingIsWritten() {
        String id = deliveryIds.get(2);
        String body = receipt(id, "failed");
        long published = app.queue.published(Topics.RECEIPTS);
        long now = Instant.now().getEpochSecond();
        TestApp.Res stale = post(body, sign(body, now - 310));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.json().get("detail").asText()).contains("300 s");
        assertThat(post(body, sign(body, now + 310)).status()).isEqualTo(401);
        assertThat(app.queue.published(Topics.RECEIPTS)).isEqualTo(published);
        assertThat(statusOf(id)).isEqualTo("pending");
        assertThat(post(body, sign(body, now - 250)).status()).isEqualTo(200);
    }

    @Test
    void missingMalformedOrWrongKeySignatures_are401() {
        String body = receipt(deliveryIds.get(3), "sent");
        long published = app.queue.published(Topics.RECEIPTS);
        long now = Instant.now().getEpochSecond();
        List<String> bad = new ArrayList<>();
        bad.add(null);
        bad.add("");
        bad.add("v1=" + "0".repeat(64));
        bad.add("t=" + now);
        bad.add("t=" + now + ",v1=xyz");
        bad.add("t=abc,v1=" + "0".repeat(64));
        bad.add(ReceiptSignature.sign("another-secret", now, body.getBytes(StandardCharsets.UTF_8)));
        bad.add("t=" + now + ",v1=" + "0".repeat(64));
        for (String sig : bad) {
            TestApp.Res r = post(body, sig);
            assertThat(r.status()).as(String.valueOf(sig)).isEqualTo(401);
            assertThat(r.isProblem()).isTrue();
        }
        assertThat(app.queue.published(Topics.RECEIPTS)).isEqualTo(published);
    }

    @Test
    void aSignedButInvalidBody_is400WithEveryPath_andNothingIsWritten() {
        String body = "{\"receipts\": [{\"deliveryId\": \"x y\", \"status\": \"delivered\", \"occurredAt\": \"yesterday\","
                + " \"$where\": 1}, {\"deliveryId\": \"abc\", \"status\": \"sent\", \"occurredAt\": \"2025-01-01T00:00:00Z\","
                + " \"attempt\": 0}]}";
        long published = app.queue.published(Topics.RECEIPTS);
        TestApp.Res r = post(body, sign(body, Instant.now().getEpochSecond()));
        assertThat(r.status()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        r.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("/receipts/0/deliveryId", "/receipts/0/status", "/receipts/0/occurredAt",
                "/receipts/0/$where", "/receipts/1/attempt");
        assertThat(app.queue.published(Topics.RECEIPTS)).isEqualTo(published);
    }

    @Test
    void aBatchWithAnUnknownDelivery_isAcknowledged() {
        String body = "{\"receipts\": [" + receipt("unknown-delivery-1", "sent") + ", "
                + receipt(deliveryIds.get(4), "failed") + "]}";
        TestApp.Res r = post(body, sign(body, Instant.now().getEpochSecond()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(deliveryIds.get(4)).equals("failed"));
    }

    @Test
    void withoutAConfiguredSecret_everyReceiptIsRefused() {
        try (TestApp noSecret = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.vendorWebhookSecret(null)).start()) {
            String body = receipt("abc", "sent");
            TestApp.Res r = noSecret.anonymous("POST", "/api/receipt").json(body)
                    .header(ReceiptSignature.HEADER, sign(body, Instant.now().getEpochSecond())).send();
            assertThat(r.status()).isEqualTo(401);
            assertThat(noSecret.queue.published(Topics.RECEIPTS)).isZero();
        }
    }
}
