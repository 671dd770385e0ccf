package io.minicrm.adapter.vendorsim;

import static io.minicrm.adapter.vendorsim.Fixtures.message;
import static io.minicrm.adapter.vendorsim.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.VendorGateway.Accepted;
import io.minicrm.application.port.VendorGateway.OutboundMessage;
import io.minicrm.application.port.VendorGateway.Rejected;
import io.minicrm.application.port.VendorGateway.SendResult;
import io.minicrm.application.port.VendorGateway.VendorUnavailableException;
import io.minicrm.domain.delivery.DeliveryId;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewaySimulatorRoundTripTest {
    private VendorSimulator simulator;
    private URI vendor;

    @BeforeEach
    void startSimulator() {
        simulator = new VendorSimulator(Fixtures.quickSimulator());
        vendor = simulator.start(0);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void batchLargerThanMaxBatch_isSplit_andEveryMessageGetsItsOwnResultInOrder() {
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(vendor).withLimits(4, 100))) {
            List<OutboundMessage> batch = messages(0, 250);

            List<SendResult> results = gateway.send(batch);

            assertThat(results).hasSize(250).allMatch(r -> r instanceof Accepted);
            Map<String, String> idByKey = new HashMap<>();
            for (int i = 0; i < batch.size(); i++) {
                idByKey.put(batch.get(i).idempotencyKey(), ((Accepted) results.get(i)).vendorMessageId());
            }
            assertThat(new HashSet<>(idByKey.values())).hasSize(250);
            assertThat(simulator.counters().requests()).isEqualTo(3);
            assertThat(simulator.counters().uniqueMessages()).isEqualTo(250);

            // the same keys in reverse order: each result is still the one of its own message
            List<OutboundMessage> reversed = new ArrayList<>(batch);
            java.util.Collections.reverse(reversed);
            List<SendResult> again = gateway.send(reversed);
            for (int i = 0; i < reversed.size(); i++) {
                assertThat(((Accepted) again.get(i)).vendorMessageId())
                        .isEqualTo(idByKey.get(reversed.get(i).idempotencyKey()));
            }
        }
    }

    @Test
    void sameIdempotencyKeySentTwice_getsTheSameVendorMessageId_andIsCountedOnce() {
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(vendor))) {
            String first = ((Accepted) gateway.send(List.of(message(7))).get(0)).vendorMessageId();
            String second = ((Accepted) gateway.send(List.of(message(7))).get(0)).vendorMessageId();
            String nextAttempt = ((Accepted) gateway.send(List.of(message(7, 2))).get(0)).vendorMessageId();

            assertThat(second).isEqualTo(first);
            assertThat(nextAttempt).isNotEqualTo(first);
            SimulatorCounters c = simulator.counters();
            assertThat(c.uniqueMessages()).isEqualTo(2);
            assertThat(c.messagesReceived()).isEqualTo(3);
            assertThat(c.duplicateMessages()).isEqualTo(1);
        }
    }

    @Test
    void messageWithoutRecipient_isRejectedPermanently_inItsPlace() {
        DeliveryId id = DeliveryId.of("nobody");
        OutboundMessage noRecipient = new OutboundMessage(id, 1, id.idempotencyKey(1), Fixtures.CAMPAIGN, null, null, "hi");
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(vendor))) {
            List<SendResult> results = gateway.send(List.of(message(1), noRecipient, message(2)));

            assertThat(results.get(0)).isInstanceOf(Accepted.class);
            assertThat(results.get(1)).isEqualTo(new Rejected("no recipient", false));
            assertThat(results.get(2)).isInstanceOf(Accepted.class);
            assertThat(simulator.counters().rejectedMessages()).isEqualTo(1);
            assertThat(simulator.counters().uniqueMessages()).isEqualTo(2);
        }
    }

    @Test
    void keyReusedForAnotherDelivery_isRejected_notSent() {
        OutboundMessage original = message(1);
        OutboundMessage impostor = new OutboundMessage(DeliveryId.of("other"), 1, original.idempotencyKey(),
                Fixtures.CAMPAIGN, "x@example.com", null, "hi");
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(vendor))) {
            gateway.send(List.of(original));
            SendResult result = gateway.send(List.of(impostor)).get(0);

            assertThat(result).isInstanceOf(Rejected.class);
            assertThat(((Rejected) result).retryable()).isFalse();
            assertThat(simulator.counters().uniqueMessages()).isEqualTo(1);
        }
    }

    @Test
    void emptyBatch_makesNoRequest() {
        try (HttpVendorGateway gateway = new HttpVendorGateway(Fixtures.gatewayTo(vendor))) {
            assertThat(gateway.send(List.of())).isEmpty();
            assertThat(simulator.counters().requests()).isZero();
        }
    }

    @Test
    void vendorWithApiKey_acceptsTheRightKey_andRefusesAWrongOne() {
        try (VendorSimulator guarded = new VendorSimulator(Fixtures.quickSimulator().withApiKey("k-123"))) {
            URI url = guarded.start(0);
            try (HttpVendorGateway good = new HttpVendorGateway(Fixtures.gatewayTo(url).withApiKey("k-123"));
                 HttpVendorGateway bad = new HttpVendorGateway(Fixtures.gatewayTo(url).withApiKey("wrong"));
                 HttpVendorGateway none = new HttpVendorGateway(Fixtures.gatewayTo(url))) {
                assertThat(good.send(List.of(message(1)))).singleElement().isInstanceOf(Accepted.class);
                assertThatThrownBy(() -> bad.send(List.of(message(2))))
                        .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("401");
                assertThatThrownBy(() -> none.send(List.of(message(3))))
                        .isInstanceOf(VendorUnavailableException.class).hasMessageContaining("401");
                assertThat(guarded.counters().messagesReceived()).isEqualTo(1);
            }
        }
    }
}
