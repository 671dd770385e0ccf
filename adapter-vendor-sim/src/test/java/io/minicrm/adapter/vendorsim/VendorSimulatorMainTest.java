package io.minicrm.adapter.vendorsim;

import static io.minicrm.adapter.vendorsim.Fixtures.SECRET;
import static io.minicrm.adapter.vendorsim.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.VendorGateway.Accepted;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VendorSimulatorMainTest {

    @Test
    void standaloneStart_fromEnvironmentKeys_sendsAndDeliversSignedReceipts() throws Exception {
        try (ReceiptReceiver receiver = new ReceiptReceiver(SECRET)) {
            Map<String, String> env = Map.of("VENDOR_SIM_HOST", "127.0.0.1", "VENDOR_SIM_PORT", "0",
                    "VENDOR_WEBHOOK_SECRET", SECRET, "VENDOR_RECEIPT_URL", receiver.url().toString(),
                    "VENDOR_SIM_RECEIPT_DELAY_MS", "0-10", "VENDOR_API_KEY", "key-1");
            try (VendorSimulator sim = VendorSimulatorMain.start(env);
                 HttpVendorGateway gateway = new HttpVendorGateway(GatewaySettings.fromEnv(
                         Map.of("VENDOR_URL", sim.url().toString(), "VENDOR_API_KEY", "key-1")))) {
                assertThat(gateway.send(messages(0, 20))).hasSize(20).allMatch(r -> r instanceof Accepted);
                await().atMost(Duration.ofSeconds(10)).until(() -> sim.counters().receiptsPending() == 0
                        && receiver.receiptCount() >= 20);
                assertThat(receiver.badSignatures()).isZero();
            }
        }
    }

    @Test
    void run_servesUntilInterrupted_thenStopsTheSimulator() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        URI health = URI.create("http://127.0.0.1:" + port + VendorProtocol.HEALTH_PATH);
        HttpClient http = HttpClient.newHttpClient();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread runner = new Thread(() -> {
            try {
                VendorSimulatorMain.run(Map.of("VENDOR_SIM_HOST", "127.0.0.1", "VENDOR_SIM_PORT", Integer.toString(port),
                        "VENDOR_WEBHOOK_SECRET", SECRET));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        });
        runner.start();

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> http.send(HttpRequest.newBuilder(health).build(), BodyHandlers.discarding()).statusCode() == 200);
        assertThat(runner.isAlive()).isTrue();

        runner.interrupt();
        runner.join(5000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(failure.get()).isNull();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(health).build(), BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }
}
