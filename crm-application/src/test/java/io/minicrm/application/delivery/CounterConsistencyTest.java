package io.minicrm.application.delivery;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.testing.AfterWrite;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Counter updates racing the completion of a campaign, driven step by step (no background threads). */
class CounterConsistencyTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final Crm crm = Crm.builder().clock(clock).vendorSettings(Crm.vendorSettings(1.0, 0.0)).build();

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void aCounterChangeStillInFlightWhenTheCampaignCompletes_isNotCountedTwice() throws Exception {
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com"), map("email", "b@example.com"),
                map("email", "c@example.com"))));
        Segment all = crm.services.segments().create(new SegmentService.NewSegment("all", null, DslParser.parse("email exists"), "t"));
        Campaign c = crm.services.campaigns().create(new CampaignService.NewCampaign("c", all.id(), "Hi", null, false, "t"));
        crm.services.campaigns().launch(c.id());
        crm.services.supervisor().tick(); // rows written and queued
        crm.services.dispatchWorker().dispatch(DispatchJob.of(c.id(), crm.rows(c.id())), crm.campaign(c.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> crm.receipts().size() >= 3);
        clock.advance(Duration.ofMinutes(1));

        // the receipts are applied; right after their rows are written (before the counters are), the
        // supervisor sees nothing pending and completes the campaign with a recount
        AtomicReference<Runnable> afterWrite = new AtomicReference<>(() -> crm.services.supervisor().tick());
        InMemoryDeliveryLogRepository store = crm.stores.deliveries();
        DeliveryLogRepository hooked = AfterWrite.hooked(store, afterWrite);
        ReceiptApplier applier = new ReceiptApplier(hooked, crm.stores.campaigns(), Crm.fastDelivery().retry(), clock, Metrics.NONE);

        assertThat(applier.apply(crm.receipts())).isEqualTo(3);

        Campaign done = crm.campaign(c.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.counts()).isEqualTo(new DeliveryCounts(0, 3, 0, 0, 0, 0));
        assertThat(done.counts()).isEqualTo(store.countByStatus(c.id()));
    }
}
