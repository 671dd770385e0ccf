package io.minicrm.application.campaign;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaign use cases, driven synchronously (no background threads): the supervisor is ticked by hand. */
class CampaignServiceTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final Crm crm = Crm.builder().clock(clock).build();
    private final CampaignService campaigns = crm.services.campaigns();
    private Segment segment;

    @BeforeEach
    void data() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(map("email", "c" + i + "@example.com", "name", "Customer " + i, "visits", i));
        }
        crm.services.ingestCustomers().ingest(Rows.customers(rows));
        segment = crm.services.segments().create(new SegmentService.NewSegment("All", null, DslParser.parse("email exists"), "ann"));
    }

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void create_validatesTheTemplateAndTheSegment() {
        assertThatThrownBy(() -> campaigns.create(new CampaignService.NewCampaign("Bad", segment.id(), "Hi {{shoeSize}}", null, false, "ann")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path)
                        .allSatisfy(p -> assertThat(p).startsWith("/message")));
        assertThatThrownBy(() -> campaigns.create(new CampaignService.NewCampaign("Bad", SegmentId.of("nope"), "Hi", null, false, "ann")))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path)
                        .containsExactly("/segmentId"));
        assertThatThrownBy(() -> campaigns.create(new CampaignService.NewCampaign("Late", segment.id(), "Hi", clock.instant().minus(Duration.ofHours(1)), false, "ann")))
                .isInstanceOf(ValidationException.class);
        assertThat(campaigns.count()).isZero();

        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi {{firstName|there}}!", null, false, "ann"));
        assertThat(c.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(c.segmentName()).isEqualTo("All");
        assertThat(campaigns.find(c.id())).isEqualTo(c);
    }

    @Test
    void launch_startsSending_andASecondLaunchIsAConflict() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi {{firstName|there}}!", null, false, "ann"));

        Campaign sending = campaigns.launch(c.id());

        assertThat(sending.status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(sending.startedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> campaigns.launch(c.id())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> campaigns.launch(CampaignId.of("nope"))).isInstanceOf(NotFoundException.class);

        crm.services.supervisor().tick();
        assertThat(crm.rows(c.id())).hasSize(12).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
        assertThat(crm.campaign(c.id()).audienceComplete()).isTrue();
        assertThat(crm.campaign(c.id()).counts()).isEqualTo(new DeliveryCounts(12, 0, 0, 0, 0, 0));
    }

    @Test
    void createToSendNow_storesItSending_andTheSupervisorQueuesItsAudience() {
        int[] launches = {0};
        crm.services.watch().addListener(x -> {
            if (x.status() == CampaignStatus.SENDING) {
                launches[0]++;
            }
        });
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Now", segment.id(), "Hi", null, true, "ann"));

        assertThat(c.status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(c.startedAt()).isEqualTo(clock.instant());
        assertThat(crm.campaign(c.id()).status()).as("stored as sending in its one write").isEqualTo(CampaignStatus.SENDING);
        assertThat(launches[0]).isEqualTo(1);
        assertThat(crm.metrics.total("crm.campaigns.launched")).isEqualTo(1);
        crm.services.supervisor().tick();
        assertThat(crm.rows(c.id())).hasSize(12);
        assertThat(crm.campaign(c.id()).counts().audience()).isEqualTo(12);
    }

    @Test
    void createAsDraftOrScheduled_doesNotSend_evenWhenAskedToSendNow() {
        Campaign draft = campaigns.create(new CampaignService.NewCampaign("Draft", segment.id(), "Hi", null, false, "ann"));
        Campaign later = campaigns.create(new CampaignService.NewCampaign("Later", segment.id(), "Hi",
                clock.instant().plus(Duration.ofHours(2)), true, "ann"));

        assertThat(draft.status()).isEqualTo(CampaignStatus.DRAFT);
        assertThat(later.status()).isEqualTo(CampaignStatus.SCHEDULED);
        crm.services.supervisor().tick();
        assertThat(crm.rows(draft.id())).isEmpty();
        assertThat(crm.rows(later.id())).isEmpty();
        assertThat(crm.metrics.total("crm.campaigns.launched")).isZero();
    }

    @Test
    void send_startsADraftOnce_andAnswersACampaignAlreadySendingOrFinishedAsItIs() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi", null, false, "ann"));

        CampaignService.Sending first = campaigns.send(c.id());
        CampaignService.Sending again = campaigns.send(c.id());

        assertThat(first.startedNow()).isTrue();
        assertThat(first.campaign().status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(again.startedNow()).isFalse();
        assertThat(again.campaign().status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(again.campaign().startedAt()).isEqualTo(first.campaign().startedAt());
        Campaign cancelled = campaigns.create(new CampaignService.NewCampaign("Gone", segment.id(), "Hi", null, false, "ann"));
        campaigns.cancel(cancelled.id());
        assertThat(campaigns.send(cancelled.id())).isEqualTo(new CampaignService.Sending(crm.campaign(cancelled.id()), false));
        assertThat(crm.metrics.total("crm.campaigns.launched")).isEqualTo(1);
        assertThatThrownBy(() -> campaigns.send(CampaignId.of("nope"))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void sendFromEightThreadsAtOnce_startsTheCampaignOnce() throws Exception {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Race", segment.id(), "Hi", null, false, "ann"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<CampaignService.Sending>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return campaigns.send(c.id());
                }));
            }
            go.countDown();
            int started = 0;
            for (var f : results) {
                CampaignService.Sending r = f.get();
                assertThat(r.campaign().status()).isEqualTo(CampaignStatus.SENDING);
                started += r.startedNow() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
            assertThat(crm.metrics.total("crm.campaigns.launched")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCompletedCampaign_keepsItsFirstAndLastSendTimes_inItsHistoryToo() {
        try (Crm live = Crm.builder().vendorSettings(Crm.vendorSettings(1.0, 0.0)).delivery(Crm.fastDelivery()).build()) {
            live.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com"), map("email", "b@example.com"))));
            Segment all = live.services.segments().create(new SegmentService.NewSegment("All", null, DslParser.parse("email exists"), "ann"));
            CampaignService service = live.services.campaigns();
            Campaign c = service.create(new CampaignService.NewCampaign("Done", all.id(), "Hi", null, true, "ann"));
            live.start();
            Campaign done = live.awaitCompleted(c.id());

            var window = live.stores.deliveries().sendWindow(c.id()).orElseThrow();
            assertThat(done.firstSentAt()).isEqualTo(window.first());
            assertThat(done.lastSentAt()).isEqualTo(window.last());
            assertThat(service.list(PageRequest.first(10)).items()).singleElement()
                    .satisfies(v -> assertThat(v.sendWindow()).contains(window));
            assertThat(service.get(c.id()).sendWindow()).contains(window);
        }
    }

    @Test
    void cancel_stopsTheCampaign_queuedRowsAreCancelledNotSent_andItCannotBeLaunchedAgain() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi", null, false, "ann"));
        campaigns.launch(c.id());
        crm.services.supervisor().tick(); // 12 rows written and queued for dispatch

        Campaign cancelled = campaigns.cancel(c.id());

        assertThat(cancelled.status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThatThrownBy(() -> campaigns.launch(c.id())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> campaigns.cancel(c.id())).isInstanceOf(DomainException.class);

        crm.start(); // the dispatchers take the queued jobs and cancel their rows
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(crm.rows(c.id())).hasSize(12)
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED)));
        crm.awaitQueueIdle();
        assertThat(crm.vendor.requests()).isZero();
        assertThat(crm.campaign(c.id()).counts()).isEqualTo(new DeliveryCounts(0, 0, 0, 12, 0, 0));
        assertThat(campaigns.get(c.id()).counts()).isEqualTo(crm.stores.deliveries().countByStatus(c.id()));
    }

    @Test
    void cancel_cancelsRowsNobodyHolds_atOnce() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi", null, false, "ann"));
        campaigns.launch(c.id());
        crm.services.supervisor().tick();
        clock.advance(Duration.ofMinutes(10)); // the queue leases ran out (as if the jobs were lost in a crash)

        campaigns.cancel(c.id());

        assertThat(crm.rows(c.id())).hasSize(12).allSatisfy(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.CANCELLED));
        assertThat(crm.campaign(c.id()).counts()).isEqualTo(new DeliveryCounts(0, 0, 0, 12, 0, 0));
    }

    @Test
    void aCampaignWithAnEmptyAudience_completesWithZeroCounts() {
        Segment nobody = crm.services.segments().create(new SegmentService.NewSegment("Nobody", null, DslParser.parse("visits > 1000"), "ann"));
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Void", nobody.id(), "Hi", null, false, "ann"));
        campaigns.launch(c.id());

        crm.services.supervisor().tick();
        crm.services.supervisor().tick();

        Campaign done = crm.campaign(c.id());
        assertThat(done.status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(done.counts()).isEqualTo(DeliveryCounts.ZERO);
        assertThat(done.completedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aDraftCanBeCancelled_andListsShowNewestFirst() {
        Campaign a = campaigns.create(new CampaignService.NewCampaign("A", segment.id(), "Hi", null, false, "ann"));
        Campaign b = campaigns.create(new CampaignService.NewCampaign("B", segment.id(), "Hi", null, false, "ann"));
        campaigns.cancel(a.id());

        assertThat(campaigns.list(PageRequest.first(10)).items()).extracting(v -> v.campaign().id())
                .containsExactly(b.id(), a.id());
        assertThat(campaigns.get(a.id()).campaign().status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(campaigns.deliveries(a.id(), Optional.empty(), PageRequest.first(5)).items()).isEmpty();
        assertThatThrownBy(() -> campaigns.get(CampaignId.of("nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> campaigns.deliveries(CampaignId.of("nope"), Optional.empty(), PageRequest.first(5)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aScheduledCampaign_launchesOnceWhenDue_evenWithTwoSupervisors() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Later", segment.id(), "Hi", clock.instant().plus(Duration.ofHours(1)), false, "ann"));
        assertThat(c.status()).isEqualTo(CampaignStatus.SCHEDULED);
        try (Crm second = Crm.builder().stores(crm.stores).clock(clock).instance("other").build()) {
            crm.services.supervisor().tick();
            second.services.supervisor().tick();
            assertThat(crm.campaign(c.id()).status()).isEqualTo(CampaignStatus.SCHEDULED);

            clock.advance(Duration.ofHours(1));
            crm.services.supervisor().tick();
            second.services.supervisor().tick();
            crm.services.supervisor().tick();

            Campaign launched = crm.campaign(c.id());
            assertThat(launched.status()).isEqualTo(CampaignStatus.SENDING);
            assertThat(launched.startedAt()).isEqualTo(clock.instant());
            assertThat(crm.metrics.total("crm.campaigns.launched") + second.metrics.total("crm.campaigns.launched"))
                    .isEqualTo(1);
            assertThat(crm.rows(c.id())).hasSize(12);
        }
    }

    @Test
    void deliveriesOfACampaign_arePagedAndFilteredByStatus() {
        Campaign c = campaigns.create(new CampaignService.NewCampaign("Welcome", segment.id(), "Hi", null, false, "ann"));
        campaigns.launch(c.id());
        crm.services.supervisor().tick();

        List<Delivery> all = new ArrayList<>();
        String cursor = null;
        do {
            var page = campaigns.deliveries(c.id(), Optional.of(DeliveryStatus.PENDING), new PageRequest(cursor, 5));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).hasSize(12).extracting(Delivery::id).doesNotHaveDuplicates();
        assertThat(campaigns.deliveries(c.id(), Optional.of(DeliveryStatus.SENT), PageRequest.first(5)).items()).isEmpty();
    }
}
