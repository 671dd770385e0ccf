package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A campaign's timeline and a customer's messages, read after a real send through the simulated vendor. */
class CampaignActivityRoutesTest {
    static TestApp app;
    static String campaignId;
    static String otherCampaignId;
    static String customerId;

    @BeforeAll
    static void sendTwoCampaigns() {
        app = TestApp.start();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 60; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"email\": \"a").append(i).append("@example.com\", \"name\": \"A")
                    .append(i).append("\", \"city\": \"").append(i < 40 ? "Pune" : "Goa").append("\"}");
        }
        assertThat(app.post("/api/customers", rows.append("]").toString()).status()).isEqualTo(200);
        customerId = app.get("/api/customers?q=a1@example.com").json().get(0).get("id").asText();
        campaignId = sendTo("city = \"Pune\"", "Pune news");
        otherCampaignId = sendTo("city exists", "Everyone");
    }

    static String sendTo(String dsl, String name) {
        TestApp.Res seg = app.post("/api/segments", "{\"name\": " + TestApp.quote(name) + ", \"rules\": {\"dsl\": "
                + TestApp.quote(dsl) + "}, \"campaign\": {\"name\": " + TestApp.quote(name)
                + ", \"message\": \"Hi {{name}}\"}}");
        assertThat(seg.status()).as(seg.toString()).isEqualTo(201);
        String id = seg.json().get("campaign").get("id").asText();
        assertThat(app.post("/api/send", "{\"campaignId\": \"" + id + "\"}").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> app.get("/api/campaigns/" + id).json().get("status").asText().equals("completed"));
        return id;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theTimeline_addsUpToTheCampaignsCounters() {
        JsonNode stats = app.get("/api/campaigns/" + campaignId).json().get("stats");
        TestApp.Res r = app.get("/api/campaigns/" + campaignId + "/timeline");
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("bucketSeconds").asInt()).isEqualTo(1);
        long dispatched = 0;
        long sent = 0;
        long failed = 0;
        Instant previous = Instant.MIN;
        for (JsonNode b : t.get("buckets")) {
            Instant start = Instant.parse(b.get("start").asText());
            assertThat(start).isAfter(previous);
            previous = start;
            dispatched += b.get("dispatched").asLong();
            sent += b.get("sent").asLong();
            failed += b.get("failed").asLong();
        }
        assertThat(dispatched).isEqualTo(40 - stats.get("skipped").asLong());
        assertThat(sent).isEqualTo(stats.get("sent").asLong());
        assertThat(failed).isEqualTo(stats.get("failed").asLong());
        assertThat(Instant.parse(t.get("from").asText())).isBeforeOrEqualTo(Instant.parse(t.get("to").asText()));
    }

    @Test
    void aDraftsTimeline_isEmpty_andAnUnknownCampaignIs404() {
        String seg = app.get("/api/campaigns/" + campaignId).json().get("segmentId").get("id").asText();
        TestApp.Res draft = app.post("/api/campaigns", "{\"name\": \"Later\", \"segmentId\": \"" + seg
                + "\", \"message\": \"Hello\", \"draft\": true}");
        JsonNode t = app.get("/api/campaigns/" + draft.json().get("id").asText() + "/timeline").json();
        assertThat(t.get("buckets")).isEmpty();
        assertThat(t.get("from").isNull()).isTrue();
        assertThat(app.get("/api/campaigns/0123456789abcdef01234567/timeline").status()).isEqualTo(404);
    }

    @Test
    void aCustomersMessages_listEveryCampaignTheyWereIn_newestFirst_withItsName() {
        TestApp.Res r = app.get("/api/customers/" + customerId + "/messages");
        assertThat(r.status()).isEqualTo(200);
        JsonNode rows = r.json();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("campaignId").asText()).isEqualTo(otherCampaignId);
        assertThat(rows.get(0).get("campaignName").asText()).isEqualTo("Everyone");
        assertThat(rows.get(1).get("campaignName").asText()).isEqualTo("Pune news");
        assertThat(rows.get(1).get("status").asText()).isIn("sent", "failed", "skipped");

        TestApp.Res first = app.get("/api/customers/" + customerId + "/messages?limit=1");
        assertThat(first.json()).hasSize(1);
        String link = first.header("Link");
        JsonNode second = app.get(link.substring(1, link.indexOf('>'))).json();
        assertThat(second.get(0).get("campaignId").asText()).isEqualTo(campaignId);
    }

    @Test
    void messagesOfAnUnknownCustomer_are404() {
        assertThat(app.get("/api/customers/0123456789abcdef01234567/messages").status()).isEqualTo(404);
        assertThat(app.get("/api/customers/" + customerId + "/messages?cursor=c1.bm9wZQ").status()).isEqualTo(400);
    }
}
