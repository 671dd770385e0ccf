package io.minicrm.application.campaign;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.delivery.ReceiptApplier;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.AfterWrite;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The campaign list and one campaign show the same counters at the same moment (both the campaign's own
 * counters, kept with the delivery writes), and at rest those equal the recount from the delivery log.
 * Driven step by step: no background threads.
 */
class ListAndDetailAgreeTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final Crm crm = Crm.builder().clock(clock).build();
    private final CampaignService campaigns = crm.services.campaigns();

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void whileReceiptsAreApplied_theListAndTheCampaignShowTheSameCounters_andAtRestTheLogsRecount() {
        List<Object> customers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            customers.add(map("email", "c" + i + "@example.com"));
        }
        crm.services.ingestCustomers().ingest(Rows.customers(customers));
        Segment all = crm.services.segments().create(new SegmentService.NewSegment("All", null, DslParser.parse("email exists"), "ann"));
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", all.id(), "Hi", null, true, "ann"));
        crm.services.supervisor().tick(); // 12 rows written and queued; nothing sent (no consumers run)
        assertAgreeAndEqualTheLog(c.id());

        // 3 sent, 2 failed retryably (retried), 1 failed for good: every receipt arrives twice
        List<Delivery> rows = crm.rows(c.id());
        List<Receipt> receipts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Delivery d = rows.get(i);
            Receipt r = new Receipt(d.id(), "m" + i, i < 3 ? Receipt.Outcome.SENT : Receipt.Outcome.FAILED,
                    i < 3 ? null : "busy", i < 5, clock.instant(), 1);
            receipts.add(r);
            receipts.add(r);
        }
        // the moment the rows are written and their counter change is still on its way
        List<DeliveryCounts[]> seen = new ArrayList<>();
        AtomicReference<Runnable> afterWrite = new AtomicReference<>(() -> seen.add(new DeliveryCounts[] {
                listed(c.id()), campaigns.get(c.id()).counts()}));
        ReceiptApplier applier = new ReceiptApplier(AfterWrite.hooked(crm.stores.deliveries(), afterWrite), crm.stores.campaigns(),
                Crm.fastDelivery().retry(), clock, Metrics.NONE);

        assertThat(applier.apply(receipts)).isEqualTo(6);

        assertThat(seen).singleElement().satisfies(both -> assertThat(both[1]).as("one campaign").isEqualTo(both[0]));
        assertAgreeAndEqualTheLog(c.id());
        assertThat(campaigns.get(c.id()).counts()).isEqualTo(new DeliveryCounts(8, 3, 1, 0, 0, 2));
        assertThat(crm.campaign(c.id()).status()).isEqualTo(CampaignStatus.SENDING);
    }

    private void assertAgreeAndEqualTheLog(CampaignId id) {
        DeliveryCounts one = campaigns.get(id).counts();
        assertThat(listed(id)).as("the list").isEqualTo(one);
        assertThat(one).as("the campaign").isEqualTo(crm.stores.deliveries().countByStatus(id));
    }

    private DeliveryCounts listed(CampaignId id) {
        return campaigns.list(PageRequest.first(10)).items().stream().filter(v -> v.campaign().id().equals(id))
                .findFirst().orElseThrow().counts();
    }
}
