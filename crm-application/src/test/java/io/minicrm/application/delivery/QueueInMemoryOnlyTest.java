package io.minicrm.application.delivery;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.ingest.IngestionService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.Rows;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.segment.Segment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a queue that dies with the process (the in-process one, not standing in for a queue server), work
 * acknowledged to someone outside is done before the acknowledgement: a crash right after it loses nothing.
 */
class QueueInMemoryOnlyTest {

    @Test
    void receiptsAccepted_areInTheStoreWhenAcceptReturns_withNothingLeftInTheQueue() {
        InProcessWorkQueue memoryOnly = new InProcessWorkQueue();
        assertThat(memoryOnly.isDurable()).isFalse();
        try (Crm crm = Crm.builder().queue(memoryOnly).build()) {
            crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com"), map("email", "b@example.com"))));
            Segment s = crm.services.segments().create(new SegmentService.NewSegment("all", null, DslParser.parse("email exists"), "tester"));
            Campaign c = crm.services.campaigns().create(new CampaignService.NewCampaign("C", s.id(), "Hi", null, false, "tester"));
            c = crm.services.campaigns().launch(c.id());
            crm.services.supervisor().tick(); // writes the rows (no consumers run: nothing is sent)
            List<Delivery> rows = crm.rows(c.id());
            assertThat(rows).hasSize(2);
            List<Receipt> receipts = new ArrayList<>();
            for (Delivery d : rows) {
                receipts.add(new Receipt(d.id(), "vm-" + d.id().value(), Receipt.Outcome.SENT, null, false, Instant.now(), d.attempt()));
            }

            crm.services.receipts().accept(receipts);

            assertThat(crm.rows(c.id())).extracting(Delivery::status).containsOnly(DeliveryStatus.SENT);
            assertThat(memoryOnly.stats(Topics.RECEIPTS, Topics.RECEIPT_APPLIERS).length()).isZero();
        }
    }

    @Test
    void afterARestartWithTheQueueGone_theRowsThePreviousRunHeld_areReleasedAtOnce() {
        io.minicrm.application.testing.Stores stores = io.minicrm.application.testing.Stores.fresh();
        io.minicrm.domain.campaign.CampaignId id;
        try (Crm before = Crm.builder().stores(stores).queue(new InProcessWorkQueue()).build()) {
            before.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com"), map("email", "b@example.com"))));
            Segment s = before.services.segments().create(new SegmentService.NewSegment("all", null, DslParser.parse("email exists"), "tester"));
            id = before.services.campaigns().launch(before.services.campaigns().create(new CampaignService.NewCampaign("C", s.id(), "Hi", null, false, "tester")).id()).id();
            before.services.supervisor().tick(); // rows written and queued (leased); the process "dies" before sending
        }
        try (Crm after = Crm.builder().stores(stores).queue(new InProcessWorkQueue()).build()) {
            Instant now = Instant.now();
            assertThat(after.rows(id)).allMatch(d -> d.leaseUntil() != null && d.leaseUntil().isAfter(now));

            assertThat(after.services.supervisor().releaseLeasesOfPreviousRun()).isEqualTo(2);

            assertThat(after.rows(id)).allMatch(d -> d.isDue(Instant.now()));
            after.start();
            after.awaitCompleted(id);
        }
    }

    @Test
    void queuedIngestion_isWrittenBeforeSubmitReturns() {
        try (Crm crm = Crm.builder().queue(new InProcessWorkQueue()).build()) {
            IngestionService.Submitted s = crm.services.ingestion().submit(Ingestion.Kind.CUSTOMERS,
                    List.of(map("email", "x@example.com"), map("email", "y@example.com"), map("email", "bad")), false);

            assertThat(crm.stores.customers().countAll()).isEqualTo(2);
            Ingestion tracked = crm.services.ingestion().get(s.id());
            assertThat(tracked.isDone()).isTrue();
            assertThat(tracked.written()).isEqualTo(2);
        }
    }
}
