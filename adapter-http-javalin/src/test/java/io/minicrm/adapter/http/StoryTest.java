package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product over HTTP: ingest customers and orders (JSON and CSV), preview an audience, create a
 * segment with its campaign, send it, let the simulated vendor call back with receipts, and check that
 * the campaign's statistics add up and match its delivery log.
 */
class StoryTest {
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void ingestPreviewCreateSendAndWatchTheReceiptsAddUp() {
        String token = app.signIn("sub-mia", "mia@example.com");
        // 200 customers as JSON, 100 more as CSV; 120 of them in Pune
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 200; i++) {
            json.append(i == 0 ? "" : ",").append("{\"email\": \"s").append(i).append("@example.com\", \"name\": \"S")
                    .append(i).append("\", \"city\": \"").append(i % 2 == 0 ? "Pune" : "Delhi").append("\", \"optedOut\": ")
                    .append(i == 0).append("}");
        }
        assertThat(app.call("POST", "/api/customers").bearer(token).json(json.append("]").toString()).send().status())
                .isEqualTo(200);
        StringBuilder csv = new StringBuilder("email,name,city,tags,attributes.tier\n");
        for (int i = 0; i < 100; i++) {
            csv.append("t").append(i).append("@example.com,T").append(i).append(',').append(i < 20 ? "Pune" : "Mumbai")
                    .append(",\"vip,new\",gold\n");
        }
        TestApp.Res imported = app.call("POST", "/api/customers/import").bearer(token)
                .body("text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)).send();
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.json().get("accepted").asInt()).isEqualTo(100);

        // orders: every Pune customer of the JSON batch buys twice, as JSON; the CSV ones once, as CSV
        StringBuilder orders = new StringBuilder("[");
        for (int i = 0; i < 200; i += 2) {
            for (int k = 0; k < 2; k++) {
                orders.append(orders.length() == 1 ? "" : ",").append("{\"orderId\": \"so-").append(i).append('-').append(k)
                        .append("\", \"customerEmail\": \"s").append(i).append("@example.com\", \"amount\": \"1500.25\"}");
            }
        }
        TestApp.Res ordered = app.call("POST", "/api/orders").bearer(token).json(orders.append("]").toString()).send();
        assertThat(ordered.json().get("accepted").asInt()).isEqualTo(200);
        StringBuilder orderCsv = new StringBuilder("orderId,customerEmail,amount,status\n");
        for (int i = 0; i < 20; i++) {
            orderCsv.append("to-").append(i).append(",t").append(i).append("@example.com,3500.00,completed\n");
        }
        assertThat(app.call("POST", "/api/orders/import").bearer(token)
                .body("text/csv", orderCsv.toString().getBytes(StandardCharsets.UTF_8)).send().json().get("accepted").asInt())
                .isEqualTo(20);

        // preview: Pune customers who spent over 3000 (the 100 JSON ones with 2 orders, the 20 CSV ones)
        String rules = "{\"and\": [{\"field\": \"city\", \"op\": \"eq\", \"value\": \"pune\"},"
                + " {\"field\": \"totalSpent\", \"op\": \"gt\", \"value\": 3000}]}";
        JsonNode preview = app.call("POST", "/api/segments/preview").bearer(token).json("{\"rules\": " + rules + "}").send()
                .json();
        assertThat(preview.get("count").asInt()).isEqualTo(120);
        assertThat(preview.get("reachable").asInt()).isEqualTo(119);

        TestApp.Res created = app.call("POST", "/api/segments").bearer(token).json("{\"name\": \"Pune big spenders\","
                + " \"rules\": " + rules + ", \"campaign\": {\"name\": \"Pune thanks\", \"message\":"
                + " \"Thank you {{firstName|friend}} from {{city}}!\"}}").send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("customerCount").asInt()).isEqualTo(120);
        assertThat(created.json().get("createdBy").asText()).isEqualTo("mia@example.com");
        String campaignId = created.json().get("campaign").get("id").asText();

        // the segment and its members, paged through the Link header
        String segmentId = created.json().get("id").asText();
        JsonNode segment = app.call("GET", "/api/segments/" + segmentId).bearer(token).send().json();
        assertThat(segment.get("name").asText()).isEqualTo("Pune big spenders");
        assertThat(segment.get("customerCount").asInt()).isEqualTo(120);
        java.util.Set<String> members = new java.util.HashSet<>();
        String memberPage = "/api/segments/" + segmentId + "/customers?limit=50";
        int memberPages = 0;
        while (memberPage != null) {
            TestApp.Res page = app.call("GET", memberPage).bearer(token).send();
            assertThat(page.status()).isEqualTo(200);
            for (JsonNode m : page.json()) {
                assertThat(members.add(m.get("email").asText())).as("seen once: %s", m.get("email")).isTrue();
                assertThat(m.get("city").asText()).isEqualTo("Pune");
            }
            String link = page.header("Link");
            memberPage = link == null ? null : link.substring(1, link.indexOf('>'));
            memberPages++;
        }
        assertThat(members).hasSize(120);
        assertThat(memberPages).isEqualTo(3);
        assertThat(app.call("GET", "/api/segments/0123456789abcdef01234567").bearer(token).send().status()).isEqualTo(404);

        TestApp.Res send = app.call("POST", "/api/send").bearer(token).json("{\"campaignId\": \"" + campaignId + "\"}").send();
        assertThat(send.status()).isEqualTo(202);
        assertThat(send.json().get("status").asText()).isEqualTo("sending");
        assertThat(send.json().get("startedNow").asBoolean()).isTrue();
        TestApp.Res again = app.call("POST", "/api/send").bearer(token).json("{\"campaignId\": \"" + campaignId + "\"}").send();
        assertThat(again.status()).as("a repeated send answers the state, not an error").isEqualTo(200);
        assertThat(again.json().get("status").asText()).isIn("sending", "completed");
        assertThat(again.json().get("startedNow").asBoolean()).isFalse();
        assertThat(again.json().get("startedAt").asText()).isEqualTo(send.json().get("startedAt").asText());

        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() ->
                app.call("GET", "/api/campaigns/" + campaignId).bearer(token).send().json().get("status").asText()
                        .equals("completed"));

        JsonNode c = app.call("GET", "/api/campaigns/" + campaignId).bearer(token).send().json();
        JsonNode stats = c.get("stats");
        assertThat(stats.get("audience").asInt()).isEqualTo(119);
        assertThat(stats.get("pending").asInt()).isZero();
        assertThat(stats.get("sent").asInt() + stats.get("failed").asInt() + stats.get("cancelled").asInt()).isEqualTo(119);
        assertThat(stats.get("sent").asInt()).isGreaterThan(90);
        assertThat(c.get("sentCount").asInt()).isEqualTo(stats.get("sent").asInt());
        assertThat(c.get("failedCount").asInt()).isEqualTo(stats.get("failed").asInt());
        assertThat(c.get("totalCount").asInt()).isEqualTo(119);
        assertThat(c.get("deliveryRate").asDouble())
                .isCloseTo(stats.get("sent").asDouble() / (stats.get("sent").asInt() + stats.get("failed").asInt()),
                        org.assertj.core.data.Offset.offset(0.0001));
        assertThat(c.get("completedAt").isNull()).isFalse();

        // the delivery log, paged, agrees with the stats
        Set<String> ids = new HashSet<>();
        int sent = 0;
        String next = "/api/campaigns/" + campaignId + "/deliveries?limit=50";
        while (next != null) {
            TestApp.Res page = app.call("GET", next).bearer(token).send();
            for (JsonNode d : page.json()) {
                ids.add(d.get("id").asText());
                sent += d.get("status").asText().equals("sent") ? 1 : 0;
            }
            String link = page.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
        }
        assertThat(ids).hasSize(119);
        assertThat(sent).isEqualTo(stats.get("sent").asInt());
        TestApp.Res failedOnly = app.call("GET", "/api/campaigns/" + campaignId + "/deliveries?status=failed&limit=1000")
                .bearer(token).send();
        assertThat(failedOnly.json()).hasSize(stats.get("failed").asInt());

        // the CSV export holds every row once
        TestApp.Res export = app.call("GET", "/api/campaigns/" + campaignId + "/deliveries?format=csv").bearer(token).send();
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("text/csv");
        String[] lines = export.body().strip().split("\n");
        assertThat(lines[0]).startsWith("id,campaignId,customerId,status");
        assertThat(lines).hasSize(120);

        // history, newest first; summary from the real numbers
        TestApp.Res later = app.call("POST", "/api/campaigns").bearer(token).json("{\"name\": \"Later\", \"segmentId\": \""
                + created.json().get("id").asText() + "\", \"message\": \"Hello\", \"draft\": true}").send();
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(later.json().get("status").asText()).isEqualTo("draft");
        String second = later.json().get("id").asText();
        JsonNode history = app.call("GET", "/api/campaigns").bearer(token).send().json();
        assertThat(history.get(0).get("id").asText()).isEqualTo(second);
        assertThat(history.get(1).get("id").asText()).isEqualTo(campaignId);
        assertThat(history.get(1).get("sentCount").asInt()).isEqualTo(stats.get("sent").asInt());
        assertThat(history.get(1).get("firstSentAt").asText()).as("a completed campaign keeps its send times")
                .isEqualTo(c.get("firstSentAt").asText()).isNotEqualTo("null");
        assertThat(history.get(1).get("lastSentAt").asText()).isEqualTo(c.get("lastSentAt").asText());
        TestApp.Res sendFinished = app.call("POST", "/api/send").bearer(token).json("{\"campaignId\": \"" + campaignId
                + "\"}").send();
        assertThat(sendFinished.status()).isEqualTo(200);
        assertThat(sendFinished.json().get("status").asText()).isEqualTo("completed");
        TestApp.Res summary = app.call("POST", "/api/ai/summary").bearer(token)
                .json("{\"campaignId\": \"" + campaignId + "\"}").send();
        assertThat(summary.status()).as(summary.toString()).isEqualTo(200);
        assertThat(summary.json().get("summary").asText()).contains(String.valueOf(stats.get("sent").asInt()));

        // cancelling the draft works; cancelling the finished campaign is a conflict
        assertThat(app.call("POST", "/api/campaigns/" + second + "/cancel").bearer(token).send().json().get("status")
                .asText()).isEqualTo("cancelled");
        TestApp.Res cancelDone = app.call("POST", "/api/campaigns/" + campaignId + "/cancel").bearer(token).send();
        assertThat(cancelDone.status()).isEqualTo(409);
        assertThat(cancelDone.json().get("reason").asText()).isEqualTo("campaign-not-cancellable");
    }
}
