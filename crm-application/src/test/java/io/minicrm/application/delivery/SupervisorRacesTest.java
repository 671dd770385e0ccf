package io.minicrm.application.delivery;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's jobs on several instances at once: whatever another instance did first is left to it, without
 * an exception, and nothing is left waiting for a grace period because someone died half-way.
 */
class SupervisorRacesTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final Crm crm = Crm.builder().clock(clock).build();

    @AfterEach
    void close() {
        crm.close();
    }

    private Campaign launched(int customers) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            rows.add(map("email", "r" + i + "@example.com"));
        }
        crm.services.ingestCustomers().ingest(Rows.customers(rows));
        Segment all = crm.services.segments().create(SegmentService.NewSegment.of("all", DslParser.parse("email exists")));
        Campaign c = crm.services.campaigns().create(CampaignService.NewCampaign.builder().name("c").segment(all.id()).message("Hi").build());
        return crm.services.campaigns().launch(c.id());
    }

    /** A store whose due-row query answers rows as they are when read, after another instance queued one. */
    private DeliveryLogRepository racingStore(Runnable otherInstance) {
        InMemoryDeliveryLogRepository store = crm.stores.deliveries();
        AtomicBoolean once = new AtomicBoolean();
        return (DeliveryLogRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DeliveryLogRepository.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(store, args);
                        if (method.getName().equals("findDue") && once.compareAndSet(false, true)) {
                            @SuppressWarnings("unchecked")
                            List<Delivery> found = (List<Delivery>) result;
                            otherInstance.run();
                            Map<DeliveryId, Delivery> fresh = store.findByIds(found.stream().map(Delivery::id).toList());
                            return found.stream().map(d -> fresh.get(d.id())).toList();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aSweepRacingAnotherInstancesSweep_leavesItsRowsToIt_andQueuesTheRestOnce() {
        Campaign c = launched(10);
        crm.services.supervisor().tick(); // rows written and queued (leased for the queue grace)
        clock.advance(Crm.fastDelivery().queueGrace().plusSeconds(1)); // their jobs were lost: all due again
        InProcessWorkQueue mine = new InProcessWorkQueue();
        InProcessWorkQueue theirs = new InProcessWorkQueue();
        List<QueueMessage> myJobs = new ArrayList<>();
        List<QueueMessage> theirJobs = new ArrayList<>();
        mine.subscribe(Topics.DELIVERIES, "x", WorkQueue.ConsumerSettings.defaults(), b -> {
            b.forEach(d -> myJobs.add(d.message()));
            return WorkQueue.Outcome.OK;
        });
        theirs.subscribe(Topics.DELIVERIES, "x", WorkQueue.ConsumerSettings.defaults(), b -> {
            b.forEach(d -> theirJobs.add(d.message()));
            return WorkQueue.Outcome.OK;
        });
        DeliverySettings settings = Crm.fastDelivery();
        DeliverySweeper other = new DeliverySweeper(crm.stores.deliveries(), theirs, settings, clock, Metrics.NONE);
        DeliverySweeper sweeper = new DeliverySweeper(racingStore(() -> other.sweep(4)), mine, settings, clock,
                Metrics.NONE);

        int queued = sweeper.sweep(1000);

        assertThat(queued).as("the 6 rows the other instance did not take").isEqualTo(6);
        try {
            assertThat(mine.awaitIdle(Duration.ofSeconds(5))).isTrue();
            assertThat(theirs.awaitIdle(Duration.ofSeconds(5))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        Set<DeliveryId> jobRows = new HashSet<>();
        List<DeliveryId> all = new ArrayList<>();
        for (QueueMessage m : concat(myJobs, theirJobs)) {
            DispatchJob.from(m).rows().keySet().forEach(id -> {
                jobRows.add(id);
                all.add(id);
            });
        }
        assertThat(all).as("each row queued once, by one of the two").hasSize(10).doesNotHaveDuplicates();
        assertThat(jobRows).isEqualTo(new HashSet<>(crm.rows(c.id()).stream().map(Delivery::id).toList()));
        mine.close();
        theirs.close();
    }

    private static List<QueueMessage> concat(List<QueueMessage> a, List<QueueMessage> b) {
        List<QueueMessage> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aWriterThatDiedBetweenWritingAPageAndQueueingIt_hasThePageQueuedByTheNextWriterAtOnce() {
        Campaign c = launched(30);
        DeliverySettings settings = Crm.fastDelivery().withThroughput(20, 5, 0, 1);
        WorkQueue dead = new WorkQueue() { // the writer dies as it queues the jobs of its first page
            @Override
            public void publish(String topic, List<QueueMessage> messages) {
                throw new QueueUnavailableException("the process died", null);
            }

            @Override
            public Subscription subscribe(String t, String g, ConsumerSettings s, BatchHandler h) {
                throw new UnsupportedOperationException();
            }

            @Override
            public QueueStats stats(String topic, String group) {
                return new QueueStats(0, 0, 0, 0);
            }

            @Override
            public List<DeadLetter> deadLetters(String topic, int limit) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
        AudienceWriter first = new AudienceWriter(crm.stores.campaigns(), crm.stores.segments(), crm.stores.customers(),
                crm.stores.deliveries(), dead, settings, clock, Metrics.NONE, c2 -> { });
        try {
            first.run(c, () -> true);
        } catch (WorkQueue.QueueUnavailableException expected) {
            // died here
        }
        assertThat(crm.rows(c.id())).as("the first page written, its jobs lost").hasSize(20);

        InProcessWorkQueue queue = new InProcessWorkQueue();
        List<DispatchJob> jobs = new ArrayList<>();
        queue.subscribe(Topics.DELIVERIES, "x", WorkQueue.ConsumerSettings.defaults(), b -> {
            b.forEach(d -> jobs.add(DispatchJob.from(d.message())));
            return WorkQueue.Outcome.OK;
        });
        AudienceWriter next = new AudienceWriter(crm.stores.campaigns(), crm.stores.segments(), crm.stores.customers(),
                crm.stores.deliveries(), queue, settings, clock, Metrics.NONE, c2 -> { });
        assertThat(next.run(crm.campaign(c.id()), () -> true)).isTrue();
        try {
            assertThat(queue.awaitIdle(Duration.ofSeconds(5))).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<DeliveryId> queued = jobs.stream().flatMap(j -> j.rows().keySet().stream()).toList();
        assertThat(queued).hasSize(30).doesNotHaveDuplicates();
        for (DispatchJob j : jobs) {
            j.rows().forEach((id, version) -> assertThat(crm.stores.deliveries().findByIds(List.of(id)).get(id).version())
                    .as("the job names the row's current version").isEqualTo(version));
        }
        queue.close();
    }
}
