package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.application.ai.AiService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The server's safeguards, each on its own: the receipt gate (early signature check, small body, capped
 * callbacks in progress, body read without a thread), idle timeout and minimum data rate, the bound on heavy
 * requests, operator-only metrics (and the metrics token), capped AI inputs, dead letters without class names.
 */
class SafeguardsTest {

    /** A raw HTTP/1.1 client that sends what it is told, when it is told. */
    static final class RawClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;

        RawClient(TestApp app, String head) throws IOException {
            socket = new Socket("127.0.0.1", app.api.port());
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        static String head(String method, String path, long contentLength, String... headers) {
            StringBuilder sb = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n");
            for (String h : headers) {
                sb.append(h).append("\r\n");
            }
            return sb.append("\r\n").toString();
        }

        /** The status code of the answer (waits up to the socket timeout), or -1 if the server closed first. */
        int status() throws IOException {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            if (line.length() < 12) {
                return -1;
            }
            return Integer.parseInt(line.substring(9, 12));
        }

        /** Whether the server closed the connection (reads until end of stream, up to the socket timeout). */
        boolean closedByServer() throws IOException {
            try {
                InputStream in = socket.getInputStream();
                while (in.read() >= 0) {
                    // skip whatever answer came
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static String signature(String body) {
        return ReceiptSignature.HEADER + ": " + ReceiptSignature.sign(TestApp.WEBHOOK_SECRET, Instant.now().getEpochSecond(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReceiptWithoutAValidSignatureHeader_isRefusedBeforeItsBodyIsRead() throws Exception {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            // the body never comes: the answer must not wait for it
            String stale = ReceiptSignature.HEADER + ": " + ReceiptSignature.sign(TestApp.WEBHOOK_SECRET,
                    Instant.now().minusSeconds(3600).getEpochSecond(), new byte[0]);
            for (String header : new String[] {null, ReceiptSignature.HEADER + ": t=1,v1=zz", stale}) {
                String head = header == null ? RawClient.head("POST", "/api/receipt", 100_000)
                        : RawClient.head("POST", "/api/receipt", 100_000, header);
                try (RawClient c = new RawClient(app, head)) {
                    long started = System.nanoTime();
                    assertThat(c.status()).isEqualTo(401);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
                }
            }
        }
    }

    @Test
    void aReceiptBodyOverItsSmallCap_is413_andOneDeclaredFarOverIsRefusedBeforeAByteIsRead() throws Exception {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            try (RawClient c = new RawClient(app, RawClient.head("POST", "/api/receipt", 10L * 1024 * 1024,
                    signature("x")))) {
                assertThat(c.status()).isEqualTo(413);
            }
            byte[] over = ("{\"receipts\": [" + " ".repeat((int) Safeguards.defaults().maxReceiptBodyBytes()) + "]}")
                    .getBytes(StandardCharsets.UTF_8);
            TestApp.Res r = app.anonymous("POST", "/api/receipt").body("application/json", over)
                    .header(ReceiptSignature.HEADER, ReceiptSignature.sign(TestApp.WEBHOOK_SECRET,
                            Instant.now().getEpochSecond(), over)).send();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.isProblem()).isTrue();
        }
    }

    @Test
    void slowReceiptCallbacks_holdNoThread_areCapped_andHealthStaysFast() throws Exception {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.safeguards(Safeguards.defaults().withReceiptLimits(64 * 1024, 300))).start()) {
            List<RawClient> slow = new ArrayList<>();
            try {
                // more slow senders than the server has threads (250): each sent its headers and one byte of body
                for (int i = 0; i < 280; i++) {
                    RawClient c = new RawClient(app, RawClient.head("POST", "/api/receipt", 1000, signature("{}")));
                    c.out.write('{');
                    c.out.flush();
                    slow.add(c);
                }
                for (int i = 0; i < 20; i++) {
                    long started = System.nanoTime();
                    assertThat(app.anonymous("GET", "/health").send().status()).isEqualTo(200);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
                }
                assertThat(app.anonymous("GET", "/ready").send().status()).isEqualTo(200);
            } finally {
                for (RawClient c : slow) {
                    c.close();
                }
            }
        }
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.safeguards(Safeguards.defaults().withReceiptLimits(64 * 1024, 2))).start();
             RawClient a = new RawClient(app, RawClient.head("POST", "/api/receipt", 1000, signature("{}")));
             RawClient b = new RawClient(app, RawClient.head("POST", "/api/receipt", 1000, signature("{}")))) {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                TestApp.Res third = app.anonymous("POST", "/api/receipt").json("{}")
                        .header(ReceiptSignature.HEADER, ReceiptSignature.sign(TestApp.WEBHOOK_SECRET,
                                Instant.now().getEpochSecond(), "{}".getBytes(StandardCharsets.UTF_8))).send();
                assertThat(third.status()).isEqualTo(503);
                assertThat(third.header("Retry-After")).isEqualTo("1");
                assertThat(third.isProblem()).isTrue();
            });
        }
    }

    @Test
    void aStalledBody_isClosedAfterTheIdleTimeout_andATrickleBelowTheMinimumRateFails() throws Exception {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.safeguards(Safeguards.defaults().withIdleTimeout(Duration.ofSeconds(1))
                        .withMinRequestDataRate(200))).start()) {
            try (RawClient stalled = new RawClient(app, RawClient.head("POST", "/api/customers", 1000,
                    "X-Api-Key: " + TestApp.API_KEY))) {
                stalled.out.write("[{".getBytes(StandardCharsets.US_ASCII));
                stalled.out.flush();
                long started = System.nanoTime();
                assertThat(stalled.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
            try (RawClient trickle = new RawClient(app, RawClient.head("POST", "/api/customers", 1000,
                    "X-Api-Key: " + TestApp.API_KEY))) {
                long started = System.nanoTime();
                boolean failed = false;
                for (int i = 0; i < 40 && !failed; i++) {
                    try {
                        trickle.out.write(' '); // 1 byte every 400 ms: 2.5 B/s, far under 200 B/s
                        trickle.out.flush();
                        Thread.sleep(400);
                    } catch (IOException e) {
                        failed = true;
                    }
                    if (!failed && trickle.socket.getInputStream().available() > 0) {
                        failed = true;
                    }
                }
                assertThat(failed || trickle.closedByServer()).isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
            }
            assertThat(app.customers.countAll()).isZero();
            assertThat(app.anonymous("GET", "/health").send().status()).isEqualTo(200);
        }
    }

    @Test
    void heavyRequestsBeyondTheBound_are503WithRetryAfter_whileLightOnesGoOn() throws Exception {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .settings(s -> s.safeguards(Safeguards.defaults().withMaxHeavyRequests(1))).start();
             RawClient holding = new RawClient(app, RawClient.head("POST", "/api/customers/import", 100_000,
                     "X-Api-Key: " + TestApp.API_KEY).replace("application/json", "text/csv"))) {
            holding.out.write("email\n".getBytes(StandardCharsets.US_ASCII));
            holding.out.flush();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                TestApp.Res busy = app.post("/api/customers", "{\"email\": \"busy@example.com\"}");
                assertThat(busy.status()).isEqualTo(503);
                assertThat(busy.header("Retry-After")).isEqualTo("2");
                assertThat(busy.json().get("type").asText()).endsWith(":busy");
            });
            assertThat(app.anonymous("GET", "/health").send().status()).isEqualTo(200);
            assertThat(app.get("/api/customers").status()).isEqualTo(200);
            assertThat(app.customers.findByEmail(io.minicrm.domain.customer.Email.of("busy@example.com")))
                    .as("a refused request writes nothing").isEmpty();
            holding.close();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(app.post("/api/customers", "{\"email\": \"later@example.com\"}").status()).isEqualTo(200));
        }
    }

    @Test
    void metrics_areForOperatorsOrTheMetricsToken_unlessExplicitlyPublic() {
        String token = "prometheus-scrape-token-0123";
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .hooks(HttpHooks.none().withMetrics(() -> "crm_up 1\n"))
                .settings(s -> s.safeguards(Safeguards.defaults().withMetrics(token, false))).start()) {
            TestApp.Res anonymous = app.anonymous("GET", "/metrics").send();
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("crm_up");
            String member = app.signIn("sub-member", "member@example.com");
            assertThat(app.anonymous("GET", "/metrics").bearer(member).send().status()).isEqualTo(403);
            assertThat(app.anonymous("GET", "/metrics").bearer("wrong-token-0123456789").send().status()).isEqualTo(401);
            assertThat(app.get("/metrics").body()).contains("crm_up 1");
            assertThat(app.anonymous("GET", "/metrics").bearer(token).send().body()).contains("crm_up 1");
            assertThat(app.anonymous("GET", "/api/customers").bearer(token).send().status())
                    .as("the metrics token opens nothing else").isEqualTo(401);
        }
        try (TestApp open = TestApp.builder().vendor(TestApp.Vendor.SILENT)
                .hooks(HttpHooks.none().withMetrics(() -> "crm_up 1\n"))
                .settings(s -> s.safeguards(Safeguards.defaults().withMetrics(null, true))).start()) {
            assertThat(open.anonymous("GET", "/metrics").send().body()).contains("crm_up 1");
        }
    }

    @Test
    void everyAiInputField_isCapped_andTheAssistantNeverSeesAnOversizedOne() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            int calls = app.assistant.calls.get();
            TestApp.Res tone = app.post("/api/ai/messages", "{\"objective\": \"win back\", \"tone\": "
                    + TestApp.quote("t".repeat(100_000)) + "}");
            assertThat(tone.status()).isEqualTo(400);
            assertThat(tone.json().get("errors").get(0).get("path").asText()).isEqualTo("/tone");
            TestApp.Res audience = app.post("/api/ai/messages", "{\"objective\": \"win back\", \"audience\": "
                    + TestApp.quote("a".repeat(900_000)) + ", \"tone\": " + TestApp.quote("x".repeat(101)) + "}");
            assertThat(audience.status()).isEqualTo(400);
            List<String> paths = new ArrayList<>();
            audience.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
            assertThat(paths).containsExactlyInAnyOrder("/audience", "/tone");
            assertThat(app.assistant.calls.get()).isEqualTo(calls);
            JsonNode schema = app.anonymous("GET", "/openapi.json").send().json().at("/components/schemas/MessagesRequest/properties");
            assertThat(schema.at("/objective/maxLength").asInt()).isEqualTo(AiService.MAX_OBJECTIVE);
            assertThat(schema.at("/tone/maxLength").asInt()).isEqualTo(AiService.MAX_TONE);
            assertThat(schema.at("/audience/maxLength").asInt()).isEqualTo(AiService.MAX_AUDIENCE);
            assertThat(app.anonymous("GET", "/openapi.json").send().json()
                    .at("/components/schemas/DescribeRequest/properties/description/maxLength").asInt())
                    .isEqualTo(AiService.MAX_DESCRIPTION);
            assertThat(app.post("/api/ai/messages", "{\"objective\": \"win back\", \"tone\": \"warm\", \"audience\": \"new\"}")
                    .status()).isEqualTo(200);
        }
    }
}
