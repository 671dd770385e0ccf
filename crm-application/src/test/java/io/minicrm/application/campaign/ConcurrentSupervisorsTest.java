package io.minicrm.application.campaign;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.Stores;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances supervising the same campaigns on one store and one queue, their supervisors ticking at the same
 * moments: every job both attempt (launch a scheduled campaign, write an audience, queue a due retry, complete a
 * campaign) is done once, by whichever instance gets there first, and the other leaves it without an exception
 * in the log.
 */
class ConcurrentSupervisorsTest {
    private static final int CUSTOMERS = 120;
    private static final int SCHEDULED = 4;
    private static final int SENT_NOW = 4;

    /** What the application's classes log at WARNING or above (System.Logger reaches java.util.logging here). */
    private final List<LogRecord> problems = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = Logger.getLogger("io.minicrm.application");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        root.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        root.removeHandler(capture);
    }

    @Test
    void twoInstancesTickingTogether_doEachSupervisorJobOnce_andLogNoFailure() throws Exception {
        Stores shared = Stores.fresh();
        InProcessWorkQueue queue = new InProcessWorkQueue(true); // stands in for Redis: both instances consume it
        // a quarter of the messages fail retryably, so retries become due and both sweepers race to queue them
        InProcessVendor vendor = new InProcessVendor(new InProcessVendor.Settings(0.75, 1.0, 0.05, Duration.ofMillis(1),
                Duration.ofMillis(20), 11), Clock.systemUTC());
        try (Crm a = Crm.builder().stores(shared).queue(queue).vendor(vendor).instance("a").build();
             Crm b = Crm.builder().stores(shared).queue(queue).vendor(vendor).instance("b").build()) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                rows.add(map("email", "race" + i + "@example.com", "name", "Race " + i));
            }
            a.services.ingestCustomers().ingest(Rows.customers(rows));
            Segment all = a.services.segments().create(SegmentService.NewSegment.of("All", DslParser.parse("email exists")));
            List<CampaignId> ids = new ArrayList<>();
            Instant due = Instant.now().plusMillis(300);
            for (int i = 0; i < SCHEDULED; i++) { // both supervisors find these due at the same tick
                ids.add(a.services.campaigns().create(CampaignService.NewCampaign.builder().name("Scheduled " + i)
                        .segment(all.id()).message("Hi {{name}}").scheduledAt(due).build()).id());
            }
            a.start();
            b.start();
            for (int i = 0; i < SENT_NOW; i++) {
                ids.add((i % 2 == 0 ? a : b).services.campaigns().create(CampaignService.NewCampaign.builder()
                        .name("Now " + i).segment(all.id()).message("Hi {{name}}").sendNow().build()).id());
            }

            // besides their own threads, both supervisors tick at the same moments until everything is done
            AtomicBoolean done = new AtomicBoolean();
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService drivers = Executors.newFixedThreadPool(2);
            List<Future<?>> driven = new ArrayList<>();
            for (Crm crm : List.of(a, b)) {
                driven.add(drivers.submit(() -> {
                    while (!done.get()) {
                        together.await(5, TimeUnit.SECONDS);
                        crm.services.supervisor().tick();
                        Thread.sleep(5);
                    }
                    return null;
                }));
            }
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> ids.stream()
                        .allMatch(id -> a.campaign(id).status() == CampaignStatus.COMPLETED));
            } finally {
                done.set(true);
                together.reset();
                drivers.shutdown();
                assertThat(drivers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            }
            for (Future<?> f : driven) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof java.util.concurrent.BrokenBarrierException)) {
                        throw e; // a tick threw: the race was not tolerated
                    }
                }
            }

            long attempts = 0;
            for (CampaignId id : ids) {
                List<Delivery> log = a.rows(id);
                assertThat(log).as("one row per customer").hasSize(CUSTOMERS);
                assertThat(log.stream().map(Delivery::customerId).distinct()).hasSize(CUSTOMERS);
                assertThat(log).allMatch(d -> d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.FAILED);
                Campaign c = a.campaign(id);
                assertThat(c.counts()).isEqualTo(shared.deliveries().countByStatus(id));
                attempts += log.stream().mapToLong(Delivery::attempt).sum();
            }
            assertThat(vendor.uniqueMessages()).as("each attempt handed to the vendor once").isEqualTo(attempts);
            assertThat(a.metrics.total("crm.campaigns.launched") + b.metrics.total("crm.campaigns.launched"))
                    .as("each campaign launched once (the scheduled ones by one supervisor)").isEqualTo(SCHEDULED + SENT_NOW);
            assertThat(a.metrics.total("crm.campaigns.completed") + b.metrics.total("crm.campaigns.completed"))
                    .as("each campaign completed once").isEqualTo(SCHEDULED + SENT_NOW);
            assertThat(a.metrics.total("crm.deliveries.swept") + b.metrics.total("crm.deliveries.swept"))
                    .as("retries were queued by the sweepers").isPositive();
            assertThat(a.metrics.total("crm.supervisor.errors") + b.metrics.total("crm.supervisor.errors")).isZero();
            assertThat(problems).as("nothing logged at WARNING or above").extracting(LogRecord::getMessage).isEmpty();
        } finally {
            vendor.close();
            queue.close();
        }
    }
}
