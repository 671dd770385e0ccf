package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** CORS, AI rate limits, readiness, unexpected errors, graceful stop. */
class OperationsTest {

    @Test
    void cors_allowsTheConfiguredOrigin_only() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            TestApp.Res preflight = app.anonymous("OPTIONS", "/api/customers")
                    .header("Origin", "http://localhost:5173")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").send();
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertThat(preflight.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
            TestApp.Res simple = app.call("GET", "/api/customers").header("Origin", "http://localhost:5173").send();
            assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertThat(simple.header("Access-Control-Expose-Headers")).contains("X-Request-Id").contains("Link");
            TestApp.Res foreign = app.call("GET", "/api/customers").header("Origin", "https://evil.example.com").send();
            assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void cors_letsTheConfiguredOriginsSendCredentials_asTheOldFrontendsSignInDoes() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            TestApp.Res preflight = app.anonymous("OPTIONS", "/api/auth/google")
                    .header("Origin", "http://localhost:5173")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type").send();
            assertThat(preflight.status()).isEqualTo(200);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            TestApp.Res signIn = app.anonymous("POST", "/api/auth/google").header("Origin", "http://localhost:5173")
                    .json("{\"code\": \"not-a-real-code\"}").send();
            assertThat(signIn.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
            assertThat(signIn.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            TestApp.Res foreign = app.anonymous("OPTIONS", "/api/auth/google").header("Origin", "https://evil.example.com")
                    .header("Access-Control-Request-Method", "POST").send();
            assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
            assertThat(foreign.header("Access-Control-Allow-Credentials")).isNull();
        }
        try (TestApp any = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.corsOrigins(java.util.List.of("*"))).start()) {
            TestApp.Res preflight = any.anonymous("OPTIONS", "/api/customers").header("Origin", "https://any.example.com")
                    .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "authorization")
                    .send();
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(preflight.header("Access-Control-Allow-Credentials")).as("never * with credentials").isNull();
        }
    }

    @Test
    void aiRoutes_areRateLimitedPerCaller_with429AndRetryAfter() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).settings(s -> s.aiRateLimit(6, 1000)).start()) {
            String ada = app.signIn("sub-ada", "ada@example.com");
            int ok = 0;
            TestApp.Res limited = null;
            for (int i = 0; i < 5 && limited == null; i++) {
                TestApp.Res r = app.call("POST", "/api/ai/messages").bearer(ada).json("{\"objective\": \"x\"}").send();
                if (r.status() == 429) {
                    limited = r;
                } else {
                    assertThat(r.status()).isEqualTo(200);
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(limited).isNotNull();
            assertThat(limited.isProblem()).isTrue();
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            int callsBefore = app.assistant.calls.get();
            app.call("POST", "/api/ai/generate-rules").bearer(ada).json("{\"description\": \"x\"}").send();
            assertThat(app.assistant.calls.get()).as("a limited request never reaches the assistant").isEqualTo(callsBefore);
            // another caller has a budget of its own
            String bob = app.signIn("sub-bob", "bob@example.com");
            assertThat(app.call("POST", "/api/ai/messages").bearer(bob).json("{\"objective\": \"x\"}").send().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void theDailyCap_limitsAICallsPerCaller() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).settings(s -> s.aiRateLimit(0, 2)).start()) {
            for (int i = 0; i < 2; i++) {
                assertThat(app.post("/api/ai/messages", "{\"objective\": \"x\"}").status()).isEqualTo(200);
            }
            TestApp.Res r = app.post("/api/ai/messages", "{\"objective\": \"x\"}");
            assertThat(r.status()).isEqualTo(429);
            assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 86_400L);
        }
    }

    @Test
    void readiness_is503WhenACheckFails_orThrows() {
        AtomicBoolean storeUp = new AtomicBoolean(true);
        AtomicBoolean explode = new AtomicBoolean(false);
        HttpHooks hooks = HttpHooks.none().withReadiness(() -> {
            if (explode.get()) {
                throw new IllegalStateException("boom");
            }
            return Map.of("store", storeUp.get());
        });
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).hooks(hooks).start()) {
            assertThat(app.anonymous("GET", "/ready").send().status()).isEqualTo(200);
            storeUp.set(false);
            TestApp.Res down = app.anonymous("GET", "/ready").send();
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.isProblem()).isTrue();
            assertThat(down.json().get("checks").get("store").asBoolean()).isFalse();
            storeUp.set(true);
            explode.set(true);
            assertThat(app.anonymous("GET", "/ready").send().status()).isEqualTo(503);
            assertThat(app.anonymous("GET", "/health").send().status()).isEqualTo(200);
        }
    }

    @Test
    void anUnexpectedError_isA500ProblemWithoutInternals_loggedWithItsRequestId() {
        HttpHooks hooks = HttpHooks.none().withMetrics(() -> {
            throw new IllegalStateException("secret internal detail at com.example.Foo");
        });
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).hooks(hooks).start()) {
            TestApp.Res r = app.call("GET", "/metrics").header("X-Request-Id", "req-500-test").send();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.isProblem()).isTrue();
            assertThat(r.header("X-Request-Id")).isEqualTo("req-500-test");
            assertThat(r.json().get("detail").asText()).contains("req-500-test");
            assertThat(r.body()).doesNotContain("secret").doesNotContain("IllegalState").doesNotContain("\tat ");
        }
    }

    @Test
    void stop_letsARequestInFlightFinish_andThenRefusesConnections() throws Exception {
        TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
        // a CSV import whose body arrives in two parts: 1,000 rows, then (after stop() was called) 500 more
        SubmissionPublisher<ByteBuffer> body = new SubmissionPublisher<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base + "/api/customers/import"))
                .header("X-Api-Key", TestApp.API_KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(body)).build();
        CompletableFuture<HttpResponse<String>> inFlight = app.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> body.getNumberOfSubscribers() > 0);
        body.submit(ByteBuffer.wrap(rows(0, 1001, true)));
        // the server has written the first chunk (it reads one row ahead), so the request is being handled
        await().atMost(Duration.ofSeconds(20)).until(() -> app.customers.countAll() == 1000);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app.api::stop);
        Thread.sleep(150);
        assertThat(stopping).isNotDone();
        body.submit(ByteBuffer.wrap(rows(1001, 1500, false)));
        body.close();
        HttpResponse<String> res = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"accepted\":1500");
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(app.customers.countAll()).isEqualTo(1500);
        HttpRequest after = HttpRequest.newBuilder(URI.create(app.base + "/health")).timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(after, HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("the stopped server answered " + r.statusCode());
        } catch (IOException expected) {
            // connection refused
        }
        app.close();
    }

    private static byte[] rows(int from, int to, boolean header) {
        StringBuilder sb = new StringBuilder(header ? "email,name\n" : "");
        for (int i = from; i < to; i++) {
            sb.append("slow").append(i).append("@example.com,Slow ").append(i).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
