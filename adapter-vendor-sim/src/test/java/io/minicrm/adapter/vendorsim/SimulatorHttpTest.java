package io.minicrm.adapter.vendorsim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's own HTTP surface, driven by a plain client: bad requests are refused with the path of each problem. */
class SimulatorHttpTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private VendorSimulator sim;
    private URI base;

    @BeforeEach
    void start() {
        sim = new VendorSimulator(Fixtures.quickSimulator().withLimits(new SimulatorSettings.Limits(8, 3, 2000)));
        base = sim.start(0);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve("/v1/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String msg(String key, String deliveryId, Integer attempt) {
        return "{\"idempotencyKey\":" + (key == null ? "null" : "\"" + key + "\"") + ",\"deliveryId\":\"" + deliveryId
                + "\",\"attempt\":" + attempt + ",\"to\":{\"email\":\"a@example.com\"},\"text\":\"hi\"}";
    }

    @Test
    void theLedger_listsEveryKeyWithItsOutcomeAndHowOftenItWasSent_andCountsKeysReusedForAnotherMessage() throws Exception {
        assertThat(post("{\"messages\":[" + msg("d1-1", "d1", 1) + "," + msg("d2-1", "d2", 1) + "]}").statusCode()).isEqualTo(200);
        assertThat(post("{\"messages\":[" + msg("d1-1", "d1", 1) + "]}").statusCode()).isEqualTo(200); // a re-send
        assertThat(post("{\"messages\":[" + msg("d2-1", "d3", 1) + "]}").statusCode()).isEqualTo(200); // a conflict

        JsonNode ledger = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/v1/ledger")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(ledger.get("keyConflicts").asLong()).isEqualTo(1);
        assertThat(ledger.get("entries")).hasSize(2);
        for (JsonNode e : ledger.get("entries")) {
            assertThat(e.get("outcome").asText()).isIn("sent", "failed");
            assertThat(e.get("requests").asInt()).isEqualTo(e.get("idempotencyKey").asText().equals("d1-1") ? 2 : 1);
            assertThat(e.get("attempt").asInt()).isEqualTo(1);
        }
    }

    @Test
    void malformedJson_is400() throws Exception {
        HttpResponse<String> r = post("{\"messages\": [");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).get("error").asText()).isEqualTo("malformed send request");
    }

    @Test
    void unknownField_is400_withItsPath() throws Exception {
        HttpResponse<String> r = post("{\"messages\":[{\"idempotencyKey\":\"k\",\"deliveryId\":\"d\",\"attempt\":1,\"colour\":\"red\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).at("/problems/0/path").asText()).isEqualTo("messages[0].colour");
    }

    @Test
    void missingFields_are400_withThePathOfEveryProblem() throws Exception {
        HttpResponse<String> r = post("{\"messages\":[" + msg("k1", "d1", 1) + "," + msg(null, "d2", 0) + "]}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode problems = json.readTree(r.body()).get("problems");
        assertThat(problems.findValuesAsText("path"))
                .containsExactlyInAnyOrder("messages[1].idempotencyKey", "messages[1].attempt");
        assertThat(sim.counters().messagesReceived()).isZero();
    }

    @Test
    void noMessagesArray_is400() throws Exception {
        HttpResponse<String> r = post("{}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json.readTree(r.body()).at("/problems/0/path").asText()).isEqualTo("messages");
    }

    @Test
    void tooManyMessagesOrTooLargeABody_is413() throws Exception {
        String four = "{\"messages\":[" + msg("a", "a", 1) + "," + msg("b", "b", 1) + "," + msg("c", "c", 1) + ","
                + msg("d", "d", 1) + "]}";
        assertThat(post(four).statusCode()).isEqualTo(413);
        assertThat(post("{\"messages\":[" + msg("a", "a".repeat(3000), 1) + "]}").statusCode()).isEqualTo(413);
        assertThat(sim.counters().messagesReceived()).isZero();
    }

    @Test
    void wrongMethodOrPath_isRefused() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(base.resolve("/v1/messages")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(base.resolve("/v1/messagesX"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndStats_reportStateAndCounters() throws Exception {
        assertThat(post("{\"messages\":[" + msg("k1", "d1", 1) + "]}").statusCode()).isEqualTo(200);
        HttpResponse<String> stats = http.send(HttpRequest.newBuilder(base.resolve("/v1/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(stats.body()).get("uniqueMessages").asLong()).isEqualTo(1);

        sim.setAvailable(false);
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(base.resolve("/v1/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(json.readTree(health.body()).get("status").asText()).isEqualTo("down");
    }
}
