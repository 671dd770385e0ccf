package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpBasicsTest {
    static final List<String> observed = new CopyOnWriteArrayList<>();
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().hooks(HttpHooks.none()
                .withObserver((m, route, status, nanos) -> observed.add(m + " " + route + " " + status))
                .withMetrics(() -> "# TYPE crm_up gauge\ncrm_up 1\n# request " + org.slf4j.MDC.get("requestId") + "\n")
                .withReadiness(() -> Map.of("store", true))).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void unknownRoute_isA404ProblemWithRequestId() {
        TestApp.Res r = app.get("/api/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("type").asText()).isEqualTo("urn:minicrm:problem:route-not-found");
        assertThat(r.json().get("status").asInt()).isEqualTo(404);
        assertThat(r.header("X-Request-Id")).isNotBlank();
        assertThat(r.json().get("requestId").asText()).isEqualTo(r.header("X-Request-Id"));
    }

    @Test
    void wrongMethod_isA405ProblemNamingTheAllowedMethods() {
        TestApp.Res r = app.call("DELETE", "/api/customers").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void errorsJettyAnswersItself_areProblemsToo() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", app.api.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(64 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 431");
            assertThat(response).containsIgnoringCase("content-type: application/problem+json")
                    .containsIgnoringCase("x-request-id: ").contains("\"status\":431").doesNotContain("<html");
        }
    }

    @Test
    void incomingSaneRequestId_isKept_andAnInsaneOneReplaced() {
        TestApp.Res kept = app.call("GET", "/health").header("X-Request-Id", "abc-123.x:y").send();
        assertThat(kept.header("X-Request-Id")).isEqualTo("abc-123.x:y");
        TestApp.Res replaced = app.call("GET", "/health").header("X-Request-Id", "bad id <script>").send();
        assertThat(replaced.header("X-Request-Id")).isNotEqualTo("bad id <script>").matches("[0-9a-f-]{36}");
    }

    @Test
    void healthAndReady_answerWithoutCredentials_metricsOnlyToOperators() {
        assertThat(app.anonymous("GET", "/health").send().json().get("status").asText()).isEqualTo("ok");
        TestApp.Res ready = app.anonymous("GET", "/ready").send();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("checks").get("store").asBoolean()).isTrue();
        TestApp.Res anonymous = app.anonymous("GET", "/metrics").send();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("crm_up");
        TestApp.Res metrics = app.get("/metrics");
        assertThat(metrics.body()).contains("crm_up 1");
        assertThat(metrics.contentType()).startsWith("text/plain");
    }

    @Test
    void theRequestId_isInTheLoggingContextWhileTheRequestIsHandled() {
        TestApp.Res r = app.call("GET", "/metrics").header("X-Request-Id", "mdc-check-42").send();
        assertThat(r.body()).contains("# request mdc-check-42");
    }

    @Test
    void observer_seesRouteTemplatesNotRawPaths() {
        app.get("/api/customers/abc123");
        app.get("/api/zzz");
        assertThat(observed).contains("GET /api/customers/{id} 404", "GET unmatched 404");
    }

    @Test
    void listRoutes_pageWithLinkHeaders_untilEveryItemWasSeenOnce() {
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 25; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"email\": \"page").append(i).append("@example.com\"}");
        }
        assertThat(app.post("/api/customers", rows.append("]").toString()).status()).isEqualTo(200);
        List<String> seen = new java.util.ArrayList<>();
        String next = "/api/customers?limit=7";
        int pages = 0;
        while (next != null) {
            TestApp.Res r = app.get(next);
            assertThat(r.status()).isEqualTo(200);
            for (JsonNode c : r.json()) {
                seen.add(c.get("email").asText());
            }
            String link = r.header("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            if (link != null) {
                assertThat(link).endsWith("; rel=\"next\"").contains("limit=7");
            }
            pages++;
        }
        assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(25);
        assertThat(pages).isGreaterThanOrEqualTo(4);
    }

    @Test
    void badLimitOrCursor_isA400NamingTheParameter() {
        TestApp.Res limit = app.get("/api/customers?limit=0");
        assertThat(limit.status()).isEqualTo(400);
        assertThat(limit.json().get("errors").get(0).get("path").asText()).isEqualTo("?limit");
        TestApp.Res cursor = app.get("/api/customers?cursor=garbage");
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().get("errors").get(0).get("path").asText()).isEqualTo("?cursor");
        TestApp.Res forged = app.get("/api/customers?cursor=c1.JCQk");
        assertThat(forged.status()).isEqualTo(400);
    }
}
