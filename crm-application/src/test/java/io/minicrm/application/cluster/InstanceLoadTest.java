package io.minicrm.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.testing.CountingMetrics;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.DeliveryId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InstanceLoadTest {
    private final AtomicLong nanos = new AtomicLong();
    private final InstanceLoad load = new InstanceLoad(nanos::get);

    private void advanceSeconds(double s) {
        nanos.addAndGet((long) (s * 1e9));
    }

    @Test
    void tap_forwardsEveryCount_andCountsWhatWasSentAndReclaimed() {
        CountingMetrics target = new CountingMetrics();
        Metrics tapped = load.tap(target);
        tapped.count("crm.vendor.messages", 250);
        tapped.count("queue.reclaimed", 4, "topic", "deliveries");
        tapped.count("crm.deliveries.queued", 1000);
        assertThat(target.total("crm.vendor.messages")).isEqualTo(250);
        assertThat(target.total("crm.deliveries.queued")).isEqualTo(1000);
        assertThat(load.sent()).isEqualTo(250);
        assertThat(load.reclaimed()).isEqualTo(4);
    }

    @Test
    void sendsPerSecond_isTheRateOverTheLastTenFullSeconds() {
        Metrics tapped = load.tap(Metrics.NONE);
        for (int s = 0; s < 20; s++) {
            tapped.count("crm.vendor.messages", s < 10 ? 100 : 800);
            advanceSeconds(1);
        }
        assertThat(load.sendsPerSecond()).isEqualTo(800.0);
        advanceSeconds(5);
        assertThat(load.sendsPerSecond()).as("5 idle seconds of 10").isEqualTo(400.0);
        advanceSeconds(20);
        assertThat(load.sendsPerSecond()).isZero();
        assertThat(load.report("me", Instant.EPOCH).messagesSent()).isEqualTo(10 * 100 + 10 * 800);
    }

    @Test
    void meter_countsTheMessagesAtTheVendor_untilItAnswers() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        VendorGateway slow = batch -> {
            inside.countDown();
            try {
                answer.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new VendorGateway.VendorUnavailableException("down", null);
        };
        VendorGateway metered = load.meter(slow);
        List<VendorGateway.OutboundMessage> batch = new ArrayList<>();
        CampaignId campaign = CampaignId.of("c1");
        for (int i = 0; i < 10; i++) {
            DeliveryId id = DeliveryId.of(campaign, CustomerId.of("cust" + i));
            batch.add(new VendorGateway.OutboundMessage(id, 1, id.idempotencyKey(1), campaign, "x" + i + "@example.com",
                    null, "hi"));
        }
        Thread t = new Thread(() -> {
            try {
                metered.send(batch);
            } catch (VendorGateway.VendorUnavailableException expected) {
                // the failure still ends the flight
            }
        });
        t.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(load.inFlight()).isEqualTo(10);
        answer.countDown();
        t.join(5000);
        assertThat(load.inFlight()).isZero();
    }
}
