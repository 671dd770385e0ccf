package io.minicrm.adapter.vendorsim;

import io.minicrm.application.port.VendorGateway.OutboundMessage;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.delivery.DeliveryId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Messages and settings shared by the tests. */
final class Fixtures {
    static final String SECRET = "test-webhook-secret";
    static final CampaignId CAMPAIGN = CampaignId.of("camp-1");

    private Fixtures() {
    }

    static OutboundMessage message(int i) {
        return message(i, 1);
    }

    static OutboundMessage message(int i, int attempt) {
        DeliveryId id = DeliveryId.of("d" + i);
        return new OutboundMessage(id, attempt, id.idempotencyKey(attempt), CAMPAIGN, "user" + i + "@example.com",
                "+9100000" + i, "Hello user " + i);
    }

    static List<OutboundMessage> messages(int from, int count) {
        List<OutboundMessage> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            out.add(message(i));
        }
        return out;
    }

    /** Fast receipts (0-20 ms), instant answers, no duplicates, no reordering, quick callback retries. */
    static SimulatorSettings quickSimulator() {
        return SimulatorSettings.defaults(SECRET)
                .withAnswerDelay(SimulatorSettings.DelayRange.none())
                .withReceiptDelay(new SimulatorSettings.DelayRange(Duration.ZERO, Duration.ofMillis(20)))
                .withOutcomes(new SimulatorSettings.OutcomeMix(0.9, 0.5, 0, 0))
                .withCallbacks(SimulatorSettings.CallbackPolicy.defaults()
                        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    static GatewaySettings gatewayTo(java.net.URI vendor) {
        return GatewaySettings.defaults(vendor).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
