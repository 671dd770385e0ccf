package io.minicrm.adapter.vendorsim;

import static io.minicrm.adapter.vendorsim.Fixtures.message;
import static io.minicrm.adapter.vendorsim.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.VendorGateway.Accepted;
import io.minicrm.application.port.VendorGateway.SendResult;
import io.minicrm.application.port.VendorGateway.VendorUnavailableException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayFailureTest {

    @Test
    void slowVendor_timesOut_andTheRetryUnderTheSameKeysIsNotSentTwice() {
        SimulatorSettings slow = Fixtures.quickSimulator()
                .withAnswerDelay(SimulatorSettings.DelayRange.fixed(Duration.ofMillis(1500)));
        try (VendorSimulator sim = new VendorSimulator(slow)) {
            URI url = sim.start(0);
            try (HttpVendorGateway impatient = new HttpVendorGateway(GatewaySettings.defaults(url)
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200)))) {
                assertThatThrownBy(() -> impatient.send(messages(0, 5)))
                        .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("timed out");
            }
            // the vendor took the batch though its answer was lost
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.counters().uniqueMessages() == 5);

            try (HttpVendorGateway patient = new HttpVendorGateway(Fixtures.gatewayTo(url))) {
                List<SendResult> retry = patient.send(messages(0, 5));
                assertThat(retry).hasSize(5).allMatch(r -> r instanceof Accepted);
            }
            assertThat(sim.counters().uniqueMessages()).isEqualTo(5);
            assertThat(sim.counters().duplicateMessages()).isEqualTo(5);
        }
    }

    @Test
    void vendorDown_answers503_whichIsUnavailable_andItWorksWhenBackUp() {
        try (VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator());
             HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(sim.start(0)).withLimits(1, 10))) {
            sim.setAvailable(false);
            for (int i = 0; i < 5; i++) { // more failures than request slots: none is leaked
                assertThatThrownBy(() -> gateway.send(messages(0, 3)))
                        .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("503");
            }
            assertThat(sim.counters().unavailableAnswers()).isEqualTo(5);
            assertThat(sim.counters().messagesReceived()).isZero();

            sim.setAvailable(true);
            assertThat(gateway.send(messages(0, 3))).hasSize(3).allMatch(r -> r instanceof Accepted);
        }
    }

    @Test
    void nobodyListening_isUnavailable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(URI.create("http://127.0.0.1:" + port)))) {
            assertThatThrownBy(() -> gateway.send(List.of(message(1))))
                    .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("unreachable");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "200|not json at all",
            "200|<html><body>gateway</body></html>",
            "200|{}",
            "200|{\"results\":null}",
            "200|{\"results\":\"yes\"}",
            "200|{\"results\":[]}",
            "200|{\"results\":[{\"idempotencyKey\":\"d1-1\",\"status\":\"accepted\",\"vendorMessageId\":\"a\"}]}",
            "200|{\"results\":[{\"idempotencyKey\":\"d2-1\",\"status\":\"accepted\",\"vendorMessageId\":\"a\"},{\"idempotencyKey\":\"d1-1\",\"status\":\"accepted\",\"vendorMessageId\":\"b\"}]}",
            "200|{\"results\":[{\"idempotencyKey\":\"d1-1\",\"status\":\"accepted\"},{\"idempotencyKey\":\"d2-1\",\"status\":\"accepted\",\"vendorMessageId\":\"b\"}]}",
            "200|{\"results\":[{\"idempotencyKey\":\"d1-1\",\"status\":\"queued\",\"vendorMessageId\":\"a\"},{\"idempotencyKey\":\"d2-1\",\"status\":\"accepted\",\"vendorMessageId\":\"b\"}]}",
            "200|{\"results\":[{\"idempotencyKey\":\"d1-1\",\"status\":\"accepted\",\"vendorMessageId\":\"a\"},{\"idempotencyKey\":\"d2-1\",\"status\":\"accepted\",\"vendorMessageId\":\"b\"}]} trailing",
            "200|{\"results\":[null,null]}",
            "500|{\"error\":\"boom\"}",
            "502|<html>bad gateway</html>",
            "429|{\"error\":\"slow down\"}",
            "408|",
            "302|",
    })
    void garbageOrErrorAnswer_isUnavailable(int status, String body) throws IOException {
        assertThatThrownBy(() -> sendTo(status, body)).isInstanceOf(VendorUnavailableException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"400|{\"error\":\"bad\"}", "413|", "422|{\"error\":\"no\"}"})
    void aRequestTheVendorRefusesAsItIs_isRefused_notUnavailable(int status, String body) {
        // sending it again unchanged cannot succeed: the dispatcher splits it instead of waiting and retrying
        assertThatThrownBy(() -> sendTo(status, body)).isInstanceOf(VendorGateway.RequestRefusedException.class)
                .hasMessageContaining(Integer.toString(status));
    }

    private static void sendTo(int status, String body) throws IOException {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        stub.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        stub.start();
        try (HttpVendorGateway gateway = new HttpVendorGateway(
                Fixtures.gatewayTo(URI.create("http://127.0.0.1:" + stub.getAddress().getPort())))) {
            gateway.send(List.of(message(1), message(2)));
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void splitBatchWithOneFailingPart_isUnavailableAsAWhole() throws IOException {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        stub.createContext("/", exchange -> {
            try (exchange) {
                String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (calls.incrementAndGet() == 2) {
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                // a well-behaved answer for whatever keys were asked
                StringBuilder results = new StringBuilder("{\"results\":[");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"idempotencyKey\":\"([^\"]+)\"").matcher(request);
                boolean first = true;
                while (m.find()) {
                    results.append(first ? "" : ",").append("{\"idempotencyKey\":\"").append(m.group(1))
                            .append("\",\"status\":\"accepted\",\"vendorMessageId\":\"v-").append(m.group(1)).append("\"}");
                    first = false;
                }
                byte[] bytes = results.append("]}").toString().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        stub.start();
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(
                URI.create("http://127.0.0.1:" + stub.getAddress().getPort())).withLimits(1, 2))) {
            assertThat(gateway.send(messages(0, 2))).containsExactly(new Accepted("v-d0-1"), new Accepted("v-d1-1"));
            assertThatThrownBy(() -> gateway.send(messages(0, 6)))
                    .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("500");
            assertThat(gateway.send(messages(0, 6))).hasSize(6); // no request slot was lost
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void manyParallelSendsToASlowVendor_neverExceedTheConcurrencyLimit() throws Exception {
        SimulatorSettings slow = Fixtures.quickSimulator()
                .withAnswerDelay(SimulatorSettings.DelayRange.fixed(Duration.ofMillis(100)));
        ExecutorService callers = Executors.newFixedThreadPool(12);
        try (VendorSimulator sim = new VendorSimulator(slow);
             HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(sim.start(0)).withLimits(3, 5))) {
            List<Future<List<SendResult>>> sends = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int from = i * 10;
                sends.add(callers.submit(() -> gateway.send(messages(from, 10)))); // 2 requests each
            }
            for (Future<List<SendResult>> f : sends) {
                assertThat(f.get()).hasSize(10).allMatch(r -> r instanceof Accepted);
            }
            SimulatorCounters c = sim.counters();
            assertThat(c.requests()).isEqualTo(24);
            assertThat(c.uniqueMessages()).isEqualTo(120);
            assertThat(c.peakInFlightRequests()).isLessThanOrEqualTo(3).isGreaterThan(1);
        } finally {
            callers.shutdownNow();
        }
    }
}
