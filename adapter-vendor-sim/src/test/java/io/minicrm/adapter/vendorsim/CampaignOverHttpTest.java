package io.minicrm.adapter.vendorsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.minicrm.application.delivery.ReceiptIntake;
import io.minicrm.application.testing.Crm;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The application's real delivery pipeline (in-process stores and queue) sending through the HTTP gateway to the
 * simulator, whose receipts come back over HTTP: misbehaving vendor (down at first, 30 % duplicate receipts,
 * every flush shuffled) and still every customer ends with one final row and every attempt reached the vendor once.
 */
class CampaignOverHttpTest {
    private static final int CUSTOMERS = 600;

    /** Plays the receipt route: turns the vendor's JSON into domain receipts for the application's intake. */
    private static final class ReceiptBridge implements AutoCloseable {
        final AtomicReference<ReceiptIntake> intake = new AtomicReference<>();
        private final ObjectMapper json = new ObjectMapper();
        private final HttpServer server;

        ReceiptBridge() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.createContext("/api/receipt", exchange -> {
                try (exchange) {
                    JsonNode tree = json.readTree(exchange.getRequestBody().readAllBytes());
                    List<Receipt> receipts = new ArrayList<>();
                    (tree.has("receipts") ? tree.get("receipts") : json.createArrayNode().add(tree))
                            .forEach(r -> receipts.add(toReceipt(r)));
                    ReceiptIntake target = intake.get();
                    if (target == null) {
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    target.accept(receipts);
                    exchange.sendResponseHeaders(202, -1);
                }
            });
            server.start();
        }

        private static Receipt toReceipt(JsonNode r) {
            return new Receipt(DeliveryId.of(r.get("deliveryId").asText()), r.get("vendorMessageId").asText(),
                    r.get("status").asText().equals("sent") ? Receipt.Outcome.SENT : Receipt.Outcome.FAILED,
                    r.path("reason").isMissingNode() ? null : r.get("reason").asText(), r.path("retryable").asBoolean(false),
                    Instant.parse(r.get("occurredAt").asText()), r.get("attempt").asInt());
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/receipt");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void campaignThroughAMisbehavingHttpVendor_completes_withOneFinalRowPerCustomer_andEachAttemptSentOnce()
            throws IOException {
        SimulatorSettings settings = Fixtures.quickSimulator()
                .withOutcomes(new SimulatorSettings.OutcomeMix(0.8, 0.7, 0.3, 1.0));
        try (ReceiptBridge bridge = new ReceiptBridge();
             VendorSimulator sim = new VendorSimulator(settings.withReceiptUrl(bridge.url()));
             HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(sim.start(0)).withLimits(4, 40));
             Crm crm = Crm.builder().gateway(inProcess -> gateway).build()) {
            bridge.intake.set(crm.services.receipts());
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                rows.add(Map.of("email", "c" + i + "@example.com", "name", "Customer " + i, "tags", List.of("vip")));
            }
            assertThat(crm.services.ingestCustomers().ingest(Rows.customers(rows)).rejected()).isEmpty();
            sim.setAvailable(false);
            crm.start();
            Segment segment = crm.services.segments().create(new SegmentService.NewSegment("vips", null, DslParser.parse("tags contains \"vip\""), "t"));
            Campaign campaign = crm.services.campaigns().launch(
                    crm.services.campaigns().create(new CampaignService.NewCampaign("Hello", segment.id(), "Hi {{name}}", null, false, "t")).id());

            await().atMost(Duration.ofSeconds(10)).until(() -> sim.counters().unavailableAnswers() > 0);
            sim.setAvailable(true);
            crm.awaitCompleted(campaign.id());

            List<Delivery> deliveries = crm.rows(campaign.id());
            assertThat(deliveries).hasSize(CUSTOMERS).extracting(Delivery::customerId).doesNotHaveDuplicates();
            assertThat(deliveries).allSatisfy(d -> assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.FAILED));
            DeliveryCounts counts = crm.stores.deliveries().countByStatus(campaign.id());
            assertThat(counts.sent() + counts.failed()).isEqualTo(CUSTOMERS);
            assertThat(crm.campaign(campaign.id()).counts()).isEqualTo(counts);
            long attempts = deliveries.stream().mapToLong(Delivery::attempt).sum();
            assertThat(attempts).as("some failures were retried").isGreaterThan(CUSTOMERS);
            assertThat(sim.counters().uniqueMessages()).isEqualTo(attempts);
            assertThat(sim.counters().duplicateReceipts()).isPositive();
            assertThat(sim.counters().peakInFlightRequests()).isLessThanOrEqualTo(4);
        }
    }
}
