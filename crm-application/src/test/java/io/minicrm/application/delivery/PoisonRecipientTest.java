package io.minicrm.application.delivery;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.PurchaseHistory;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One bad recipient cannot stall a campaign (issue 12 #4): a message that cannot be rendered fails its own
 * row and the batch goes on; a dispatch job that keeps failing is split on its last delivery, the rows that
 * can be sent are sent, the poison row fails with the reason, and the job is dead-lettered once, not queued
 * again and again.
 */
class PoisonRecipientTest {
    private static final String POISON = "poison@example.com";
    private final List<Crm> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Crm::close);
    }

    private Crm start(Crm.Builder b) {
        Crm crm = b.vendorSettings(Crm.vendorSettings(1.0, 0)).build();
        opened.add(crm);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(map("email", "c" + i + "@example.com", "name", "Customer " + i, "tags", List.of("vip")));
        }
        rows.add(map("email", POISON, "name", "Poison", "tags", List.of("vip")));
        assertThat(crm.services.ingestCustomers().ingest(Rows.customers(rows)).rejected()).isEmpty();
        return crm.start();
    }

    private static Campaign launch(Crm crm, String message) {
        Segment s = crm.services.segments().create(new SegmentService.NewSegment("vips", null, DslParser.parse("tags contains \"vip\""), "tester"));
        Campaign c = crm.services.campaigns().create(new CampaignService.NewCampaign("Campaign", s.id(), message, null, false, "tester"));
        return crm.services.campaigns().launch(c.id());
    }

    private static Delivery rowOf(Crm crm, Campaign c, String email) {
        CustomerId id = crm.stores.customers().findByEmail(io.minicrm.domain.customer.Email.of(email)).orElseThrow().id();
        return crm.rows(c.id()).stream().filter(d -> d.customerId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aMessageThatCannotBeRendered_failsItsRowWithTheReason_andTheOthersAreSent() {
        // a stored last-order date no calendar can print: rendering {{lastOrderAt}} throws for this customer only
        Crm crm = start(Crm.builder().customers(store -> new ForwardingCustomerRepository(store) {
            @Override
            public Map<CustomerId, Customer> findByIds(Collection<CustomerId> ids) {
                Map<CustomerId, Customer> out = new HashMap<>(super.findByIds(ids));
                out.replaceAll((id, c) -> c.email().value().equals(POISON) ? unprintable(c) : c);
                return out;
            }
        }));

        Campaign c = launch(crm, "Hi {{name}}, your last order was on {{lastOrderAt|never}}");
        Campaign done = crm.awaitCompleted(c.id());

        assertThat(done.counts().sent()).isEqualTo(5);
        assertThat(done.counts().failed()).isEqualTo(1);
        Delivery poison = rowOf(crm, c, POISON);
        assertThat(poison.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(poison.reason()).startsWith("message could not be rendered: ");
        assertThat(crm.queue.stats(Topics.DELIVERIES, Topics.DISPATCHERS).deadLetters()).isZero();
    }

    @Test
    void aJobThatKeepsFailing_sendsTheOthersOnItsLastDelivery_failsThePoisonRow_andIsDeadLetteredOnce() {
        Crm crm = start(Crm.builder().gateway(vendor -> batch -> {
            if (batch.stream().anyMatch(m -> POISON.equals(m.toEmail()))) {
                throw new IllegalStateException("the vendor client cannot encode this recipient");
            }
            return vendor.send(batch);
        }));

        Campaign c = launch(crm, "Hi {{name}}");
        Campaign done = crm.awaitCompleted(c.id());

        assertThat(done.counts().sent()).isEqualTo(5);
        assertThat(done.counts().failed()).isEqualTo(1);
        Delivery poison = rowOf(crm, c, POISON);
        assertThat(poison.reason()).isEqualTo("could not be dispatched after " + DispatchWorker.MAX_DELIVERIES
                + " tries: the vendor client cannot encode this recipient");
        List<WorkQueue.DeadLetter> dead = crm.queue.deadLetters(Topics.DELIVERIES, 10);
        assertThat(dead).singleElement().satisfies(d ->
                assertThat(d.error()).isEqualTo("the vendor client cannot encode this recipient"));
        // nothing is due any more: more sweeps queue nothing, so no second dead letter ever comes
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(crm.queue.stats(Topics.DELIVERIES, Topics.DISPATCHERS).deadLetters()).isEqualTo(1));
    }

    @Test
    void aBatchTheVendorRefusesForOneMessage_isSplit_theOthersAreSent_andOnlyThatRowFails() {
        Crm crm = start(Crm.builder().gateway(vendor -> batch -> {
            if (batch.stream().anyMatch(m -> POISON.equals(m.toEmail()))) {
                throw new io.minicrm.application.port.VendorGateway.RequestRefusedException(
                        "vendor refused the request with 400: messages[3].to.email: this recipient is refused");
            }
            return vendor.send(batch);
        }));

        Campaign c = launch(crm, "Hi {{name}}");
        Campaign done = crm.awaitCompleted(c.id());

        assertThat(done.counts().sent()).isEqualTo(5);
        assertThat(done.counts().failed()).isEqualTo(1);
        assertThat(rowOf(crm, c, POISON).reason()).startsWith("vendor refused the message: vendor refused the request with 400");
        assertThat(crm.queue.stats(Topics.DELIVERIES, Topics.DISPATCHERS).deadLetters()).as("no retry loop at all").isZero();
    }

    private static Customer unprintable(Customer c) {
        PurchaseHistory farFuture = new PurchaseHistory(c.imported().spent(), 1, Instant.MAX, Instant.MAX);
        return new Customer(c.id(), c.email(), c.name(), c.phone(), c.city(), c.tags(), c.attributes(), c.optedOut(),
                c.visits(), c.lastActiveAt(), farFuture, c.fromOrders(), c.appliedOrderIds(), c.createdAt(), c.updatedAt());
    }

}
