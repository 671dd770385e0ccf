package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With USE_PUBSUB the JSON ingestion routes answer 202 with a tracking id; the dead letters are listed. */
class QueuedIngestionTest {

    @Test
    void ingestion_isQueued_trackedToDone_andWritesEveryGoodRowOnce() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).settings(s -> s.queuedIngestion(true)).start()) {
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 1_200; i++) {
                rows.append(i == 0 ? "" : ",").append(i == 7 ? "{\"email\": \"bad\"}"
                        : "{\"email\": \"q" + i + "@example.com\", \"city\": \"Queue\"}");
            }
            TestApp.Res r = app.post("/api/customers", rows.append("]").toString());
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
            assertThat(r.json().get("accepted").asInt()).isEqualTo(1_199);
            assertThat(r.json().get("rejected").get(0).get("index").asInt()).isEqualTo(7);
            String id = r.json().get("id").asText();
            assertThat(r.header("Location")).isEqualTo("/api/ingestions/" + id);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    app.get("/api/ingestions/" + id).json().get("status").asText().equals("done"));
            JsonNode done = app.get("/api/ingestions/" + id).json();
            assertThat(done.get("written").asInt()).isEqualTo(1_199);
            assertThat(done.get("kind").asText()).isEqualTo("customers");
            assertThat(app.customers.countAll()).isEqualTo(1_199);

            TestApp.Res order = app.call("POST", "/api/orders").header("Idempotency-Key", "queued-key")
                    .json("{\"customerEmail\": \"q1@example.com\", \"amount\": 10}").send();
            assertThat(order.status()).isEqualTo(202);
            TestApp.Res again = app.call("POST", "/api/orders").header("Idempotency-Key", "queued-key")
                    .json("{\"customerEmail\": \"q1@example.com\", \"amount\": 10}").send();
            assertThat(again.status()).isEqualTo(202);
            String orderIngestion = again.json().get("id").asText();
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    app.get("/api/ingestions/" + orderIngestion).json().get("status").asText().equals("done"));
            assertThat(app.orders.countAll()).isEqualTo(1);

            JsonNode recent = app.get("/api/ingestions").json();
            assertThat(recent.size()).as("the customers, then the order sent twice").isEqualTo(3);
            assertThat(recent.get(0).get("id").asText()).isEqualTo(orderIngestion);
            assertThat(recent.get(1).get("kind").asText()).isEqualTo("orders");
            assertThat(recent.get(2).get("id").asText()).isEqualTo(id);
            assertThat(recent.get(2).get("status").asText()).isEqualTo("done");
            assertThat(recent.get(2).get("rejectedCount").asInt()).isEqualTo(1);
            assertThat(recent.get(2).get("rejected").size()).as("the list leaves the rejected rows out").isZero();
            assertThat(app.get("/api/ingestions?limit=1").json().size()).isEqualTo(1);
            assertThat(app.get("/api/ingestions?limit=0").status()).isEqualTo(400);

            TestApp.Res single = app.post("/api/customers", "{\"email\": \"nope\"}");
            assertThat(single.status()).isEqualTo(400);
            assertThat(app.get("/api/ingestions/unknown-id").status()).isEqualTo(404);
        }
    }

    @Test
    void deadLetters_areListedPerTopic() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            // an ingestion batch that cannot be decoded fails every delivery and ends in the dead letters
            app.queue.publish(Topics.INGEST, List.of(new QueueMessage(Map.of("ingestionId", "x", "kind", "CUSTOMERS",
                    "batch", "0", "fromText", "false", "indexes", "0", "rows", "not json"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> app.get("/api/admin/dead-letters?topic=ingest").json().size() == 1);
            JsonNode dead = app.get("/api/admin/dead-letters").json().get(0);
            assertThat(dead.get("topic").asText()).isEqualTo("ingest");
            assertThat(dead.get("deliveries").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(dead.get("fields").get("rows").asText()).isEqualTo("not json");
            assertThat(app.get("/api/admin/dead-letters?topic=nope").status()).isEqualTo(400);
            assertThat(app.get("/api/admin/dead-letters?limit=0").status()).isEqualTo(400);
        }
    }
}
