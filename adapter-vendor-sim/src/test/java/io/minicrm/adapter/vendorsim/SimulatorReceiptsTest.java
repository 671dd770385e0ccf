package io.minicrm.adapter.vendorsim;

import static io.minicrm.adapter.vendorsim.Fixtures.SECRET;
import static io.minicrm.adapter.vendorsim.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.application.port.VendorGateway.Accepted;
import io.minicrm.application.port.VendorGateway.OutboundMessage;
import io.minicrm.application.port.VendorGateway.SendResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatorReceiptsTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private ReceiptReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new ReceiptReceiver(SECRET);
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private Map<String, String> sendAll(VendorSimulator sim, List<OutboundMessage> batch) {
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(sim.url()).withLimits(4, 200))) {
            List<SendResult> results = gateway.send(batch);
            Map<String, String> vendorIdByDelivery = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                vendorIdByDelivery.put(batch.get(i).deliveryId().value(), ((Accepted) results.get(i)).vendorMessageId());
            }
            return vendorIdByDelivery;
        }
    }

    private static Map<String, Long> countBy(List<JsonNode> receipts, Function<JsonNode, String> f) {
        return receipts.stream().collect(Collectors.groupingBy(f, Collectors.counting()));
    }

    @Test
    void seededRun_deliversOneSignedReceiptPerMessage_withExactOutcomeCounts() {
        SimulatorSettings settings = Fixtures.quickSimulator().withSeed(7).withReceiptUrl(receiver.url())
                .withOutcomes(new SimulatorSettings.OutcomeMix(0.9, 0.5, 0, 0.2));
        try (VendorSimulator sim = new VendorSimulator(settings)) {
            sim.start(0);
            Map<String, String> vendorIds = sendAll(sim, messages(0, 1000));

            await().atMost(WAIT).until(() -> receiver.receiptCount() >= 1000);
            List<JsonNode> receipts = receiver.receipts();

            assertThat(receiver.badSignatures()).isZero();
            assertThat(receipts).hasSize(1000);
            assertThat(countBy(receipts, r -> r.get("deliveryId").asText())).hasSize(1000);
            for (JsonNode r : receipts) {
                assertThat(r.get("vendorMessageId").asText()).isEqualTo(vendorIds.get(r.get("deliveryId").asText()));
                assertThat(r.get("attempt").asInt()).isEqualTo(1);
                // bound to the attempt it reports: the key that attempt was sent under
                assertThat(r.get("idempotencyKey").asText()).isEqualTo(r.get("deliveryId").asText() + "-1");
                assertThat(Instant.parse(r.get("occurredAt").asText())).isBeforeOrEqualTo(Instant.now().plusSeconds(1));
                if (r.get("status").asText().equals("sent")) {
                    assertThat(r.has("reason")).isFalse();
                    assertThat(r.has("retryable")).isFalse();
                } else {
                    assertThat(r.get("status").asText()).isEqualTo("failed");
                    assertThat(r.get("reason").asText()).isNotBlank();
                    assertThat(r.get("retryable").isBoolean()).isTrue();
                }
            }
            Map<String, Long> outcomes = countBy(receipts, r -> r.get("status").asText()
                    + (r.has("retryable") ? (r.get("retryable").asBoolean() ? "/retryable" : "/permanent") : ""));
            // seed 7 over keys d0-1 .. d999-1: a fixed answer, and about the configured 90% / 5% / 5%
            assertThat(outcomes).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "sent", SENT_SEED_7, "failed/retryable", RETRYABLE_SEED_7, "failed/permanent", PERMANENT_SEED_7));
            assertThat(SENT_SEED_7).isBetween(870L, 930L);
            Set<String> reasons = receipts.stream().filter(r -> r.has("reason")).map(r -> r.get("reason").asText())
                    .collect(Collectors.toSet());
            assertThat(reasons).contains("carrier timeout", "invalid recipient");
            SimulatorCounters c = sim.counters();
            assertThat(c.receiptsDelivered()).isEqualTo(1000);
            assertThat(c.receiptsPending()).isZero();
            assertThat(c.callbackFailures()).isZero();
            assertThat(receiver.calls()).isLessThan(1000); // several receipts per callback
        }
    }

    static final long SENT_SEED_7 = 920;
    static final long RETRYABLE_SEED_7 = 45;
    static final long PERMANENT_SEED_7 = 35;

    @Test
    void sameSeed_decidesTheSameOutcomes_anotherSeedDoesNot() {
        Map<String, String> first = outcomesFor(11);
        Map<String, String> second = outcomesFor(11);
        Map<String, String> other = outcomesFor(12);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private Map<String, String> outcomesFor(long seed) {
        try (ReceiptReceiver r = new ReceiptReceiver(SECRET);
             VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator().withSeed(seed).withReceiptUrl(r.url()))) {
            sim.start(0);
            sendAll(sim, messages(0, 200));
            await().atMost(WAIT).until(() -> r.receiptCount() >= 200);
            return r.receipts().stream().collect(Collectors.toMap(n -> n.get("deliveryId").asText(),
                    n -> n.get("vendorMessageId").asText() + ":" + n.get("status").asText() + ":" + n.path("reason").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void duplicateRate_sendsThatShareOfReceiptsTwice_asIdenticalCopies() {
        SimulatorSettings settings = Fixtures.quickSimulator().withReceiptUrl(receiver.url())
                .withOutcomes(new SimulatorSettings.OutcomeMix(0.9, 0.5, 0.3, 0));
        try (VendorSimulator sim = new VendorSimulator(settings)) {
            sim.start(0);
            sendAll(sim, messages(0, 500));
            await().atMost(WAIT).until(() -> sim.counters().receiptsPending() == 0);

            long duplicates = sim.counters().duplicateReceipts();
            List<JsonNode> receipts = receiver.receipts();
            assertThat(duplicates).isBetween(110L, 190L);
            assertThat(receipts).hasSize(500 + (int) duplicates);
            Map<String, List<JsonNode>> byDelivery = receipts.stream()
                    .collect(Collectors.groupingBy(r -> r.get("deliveryId").asText()));
            assertThat(byDelivery).hasSize(500);
            assertThat(byDelivery.values().stream().filter(l -> l.size() == 2).count()).isEqualTo(duplicates);
            byDelivery.values().forEach(copies -> assertThat(new HashSet<>(copies)).hasSize(1));
        }
    }

    @Test
    void withoutReordering_receiptsArriveInSendOrder_withReordering_theyDoNot() {
        List<String> inOrder = arrivalOrder(0.0);
        List<String> shuffled = arrivalOrder(1.0);
        List<String> sent = messages(0, 300).stream().map(m -> m.deliveryId().value()).toList();

        assertThat(inOrder).isEqualTo(sent);
        assertThat(shuffled).containsExactlyInAnyOrderElementsOf(sent).isNotEqualTo(sent);
    }

    private List<String> arrivalOrder(double outOfOrderRate) {
        try (ReceiptReceiver r = new ReceiptReceiver(SECRET);
             VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator()
                     .withReceiptDelay(SimulatorSettings.DelayRange.none())
                     .withOutcomes(new SimulatorSettings.OutcomeMix(0.9, 0.5, 0, outOfOrderRate))
                     .withCallbacks(SimulatorSettings.CallbackPolicy.defaults()
                             .withBatching(500, Duration.ofMillis(50), 1))
                     .withReceiptUrl(r.url()))) {
            sim.start(0);
            try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(sim.url()).withLimits(1, 300))) {
                gateway.send(messages(0, 300));
            }
            await().atMost(WAIT).until(() -> r.receiptCount() >= 300);
            return r.receipts().stream().map(n -> n.get("deliveryId").asText()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void receiverFailingForAWhile_getsEveryReceiptEventually_throughRetries() {
        receiver.answer(call -> call <= 6 ? 500 : 200);
        try (VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator().withReceiptUrl(receiver.url()))) {
            sim.start(0);
            sendAll(sim, messages(0, 300));

            await().atMost(WAIT).until(() -> sim.counters().receiptsDelivered() == 300);
            assertThat(receiver.refused()).isEqualTo(6);
            assertThat(sim.counters().callbackFailures()).isEqualTo(6);
            assertThat(countBy(receiver.receipts(), n -> n.get("deliveryId").asText())).hasSize(300);
            assertThat(sim.counters().receiptsPending()).isZero();
        }
    }

    @Test
    void receiverDownForAWhile_getsEveryReceiptOnceItIsBack() throws Exception {
        int port = receiver.port();
        URI url = receiver.url();
        receiver.close();
        try (VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator().withReceiptUrl(url))) {
            sim.start(0);
            sendAll(sim, messages(0, 100));
            await().atMost(WAIT).until(() -> sim.counters().callbackFailures() >= 2);
            assertThat(sim.counters().receiptsDelivered()).isZero();

            receiver = new ReceiptReceiver(SECRET, port);
            await().atMost(WAIT).until(() -> sim.counters().receiptsDelivered() == 100);
            assertThat(countBy(receiver.receipts(), n -> n.get("deliveryId").asText())).hasSize(100);
        }
    }

    @Test
    void receiptsUndeliveredPastTheirMaxAge_areDroppedAndCounted() {
        receiver.answer(call -> 503);
        SimulatorSettings settings = Fixtures.quickSimulator().withReceiptUrl(receiver.url())
                .withCallbacks(SimulatorSettings.CallbackPolicy.defaults()
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).withMaxAge(Duration.ofMillis(300)));
        try (VendorSimulator sim = new VendorSimulator(settings)) {
            sim.start(0);
            sendAll(sim, messages(0, 50));

            await().atMost(WAIT).until(() -> sim.counters().receiptsDropped() == 50);
            assertThat(sim.counters().receiptsPending()).isZero();
            assertThat(sim.counters().receiptsDelivered()).isZero();
        }
    }

    @Test
    void keySentAgain_reportsTheOriginalOutcomeAgain() {
        try (VendorSimulator sim = new VendorSimulator(Fixtures.quickSimulator().withReceiptUrl(receiver.url()))) {
            sim.start(0);
            Map<String, String> firstIds = sendAll(sim, messages(0, 100));
            await().atMost(WAIT).until(() -> receiver.receiptCount() >= 100);
            Map<String, String> firstOutcomes = receiver.receipts().stream()
                    .collect(Collectors.toMap(n -> n.get("deliveryId").asText(), JsonNode::toString));

            Map<String, String> secondIds = sendAll(sim, messages(0, 100));
            await().atMost(WAIT).until(() -> receiver.receiptCount() >= 200);

            assertThat(secondIds).isEqualTo(firstIds);
            List<JsonNode> again = receiver.receipts().subList(100, 200);
            for (JsonNode r : again) {
                assertThat(r.toString()).isEqualTo(firstOutcomes.get(r.get("deliveryId").asText()));
            }
            assertThat(sim.counters().uniqueMessages()).isEqualTo(100);
            assertThat(sim.counters().duplicateMessages()).isEqualTo(100);
        }
    }
}
