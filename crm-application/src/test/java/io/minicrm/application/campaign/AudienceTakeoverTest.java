package io.minicrm.application.campaign;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.InstanceLoad;
import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.SharedRateLimit;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.Stores;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign's audience lease held by another instance: kept while that instance sends heartbeats (however long
 * its lease has been expired), taken over within dead-after once the heartbeats stop.
 */
class AudienceTakeoverTest {
    private static final ClusterSettings FAST = new ClusterSettings(Duration.ofMillis(50), Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofSeconds(30));
    private final Stores stores = Stores.fresh();
    private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry(Clock.systemUTC());
    private Crm b;

    @AfterEach
    void close() {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void aSlowLiveHolderKeepsTheAudience_aDeadOneLosesItWithinDeadAfter() throws Exception {
        b = Crm.builder().stores(stores).instance("b")
                .cluster(new Cluster(registry, SharedRateLimit.NONE, FAST, new InstanceLoad())).build();
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(map("email", "t" + i + "@example.com"));
        }
        b.services.ingestCustomers().ingest(Rows.customers(rows));
        Segment all = b.services.segments().create(SegmentService.NewSegment.of("all", DslParser.parse("email exists")));
        Campaign c = b.services.campaigns().create(CampaignService.NewCampaign.builder().name("c").segment(all.id()).message("Hi").build());
        String lease = "audience:" + c.id().value();
        // instance a launched it and took the audience lease (for 300 ms), then became very slow
        registry.heartbeat(InstanceReport.idle("a", Instant.now()), FAST.deadAfter());
        assertThat(stores.leases().tryAcquire(lease, "a", Instant.now(), Duration.ofMillis(300))).isTrue();
        b.services.campaigns().launch(c.id());
        b.start();

        long slowUntil = System.nanoTime() + Duration.ofMillis(1500).toNanos();
        while (System.nanoTime() < slowUntil) { // a sends heartbeats but does not renew its lease
            registry.heartbeat(InstanceReport.idle("a", Instant.now()), FAST.deadAfter());
            Thread.sleep(40);
            assertThat(b.rows(c.id())).as("a is alive: its audience is its own").isEmpty();
        }
        assertThat(stores.leases().find(lease).map(LeaseRepository.Lease::owner)).contains("a");

        long died = System.nanoTime(); // a's heartbeats stop
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() -> !b.rows(c.id()).isEmpty());
        long tookMillis = (System.nanoTime() - died) / 1_000_000;
        assertThat(tookMillis).as("taken over within dead-after (300 ms) + a margin")
                .isLessThan(FAST.deadAfter().toMillis() + 700);
        Campaign done = b.awaitCompleted(c.id());
        assertThat(b.rows(c.id())).hasSize(50);
        assertThat(done.counts().sent() + done.counts().failed()).isEqualTo(50);
        assertThat(b.metrics.total("crm.leases.taken_over")).isEqualTo(1);
    }
}
