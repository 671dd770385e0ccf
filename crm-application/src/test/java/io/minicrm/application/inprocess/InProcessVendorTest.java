package io.minicrm.application.inprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.VendorGateway;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.Receipt;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessVendorTest {
    private final InProcessVendor vendor = new InProcessVendor(new InProcessVendor.Settings(0.9, 0.5, 0.3,
            Duration.ofMillis(1), Duration.ofMillis(20), 5), Clock.systemUTC());

    @AfterEach
    void close() {
        vendor.close();
    }

    private static VendorGateway.OutboundMessage message(int n, int attempt) {
        DeliveryId id = DeliveryId.of(CampaignId.of("camp"), CustomerId.of("cust" + n));
        return new VendorGateway.OutboundMessage(id, attempt, id.idempotencyKey(attempt), CampaignId.of("camp"),
                "c" + n + "@example.com", null, "Hi " + n);
    }

    @Test
    void aRepeatedIdempotencyKey_isNotSentAgain_itGetsTheSameIdAndItsReceiptAgain() {
        List<Receipt> receipts = Collections.synchronizedList(new ArrayList<>());
        vendor.receiptsTo(receipts::addAll);
        List<VendorGateway.OutboundMessage> batch = IntStream.range(0, 200).mapToObj(i -> message(i, 1)).toList();

        List<VendorGateway.SendResult> first = vendor.send(batch);
        List<VendorGateway.SendResult> again = vendor.send(batch);

        assertThat(again).isEqualTo(first).hasSize(200).allSatisfy(r -> assertThat(r).isInstanceOf(VendorGateway.Accepted.class));
        assertThat(vendor.uniqueMessages()).isEqualTo(200);
        assertThat(vendor.requests()).isEqualTo(400);
        assertThat(vendor.duplicateRequests()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> vendor.receiptsInFlight() == 0 && receipts.size() >= 400);
        long sent = receipts.stream().filter(r -> r.outcome() == Receipt.Outcome.SENT).map(Receipt::deliveryId).distinct().count();
        assertThat(sent).as("about 90 %% delivered").isBetween(160L, 199L);
        assertThat(receipts).allSatisfy(r -> assertThat(r.attempt()).isEqualTo(1));
        assertThat(receipts.stream().filter(r -> r.outcome() == Receipt.Outcome.FAILED))
                .allSatisfy(r -> assertThat(r.reason()).isNotBlank());
        assertThat(vendor.send(List.of(message(0, 2))).get(0)).as("another attempt is another message")
                .isNotEqualTo(first.get(0));
    }

    @Test
    void whenTheReceiptCallbackFails_receiptsAreRetried() {
        AtomicInteger calls = new AtomicInteger();
        List<Receipt> receipts = Collections.synchronizedList(new ArrayList<>());
        vendor.receiptsTo(list -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("app is down");
            }
            receipts.addAll(list);
        });
        vendor.send(List.of(message(1, 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !receipts.isEmpty());
        assertThat(calls.get()).isGreaterThan(2);
    }

    @Test
    void whenSwitchedOff_everySendFails_andNothingIsSent() {
        vendor.setAvailable(false);
        assertThatThrownBy(() -> vendor.send(List.of(message(1, 1)))).isInstanceOf(VendorGateway.VendorUnavailableException.class);
        assertThat(vendor.uniqueMessages()).isZero();
        vendor.setAvailable(true);
        assertThat(vendor.send(List.of(message(1, 1)))).hasSize(1);
    }
}
