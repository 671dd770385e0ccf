package io.minicrm.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.testing.CountingMetrics;
import io.minicrm.application.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who may take a lease from whom: a dead holder loses it at once, a slow live one keeps it. */
class LeaseArbiterTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final ClusterSettings SETTINGS = new ClusterSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofMinutes(5));

    private final TestClock clock = new TestClock(T0);
    private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry(clock);
    private final InMemoryLeaseRepository leases = new InMemoryLeaseRepository();
    private final CountingMetrics metrics = new CountingMetrics();
    private final LeaseArbiter a = new LeaseArbiter(leases, registry, SETTINGS, clock, metrics, "a");
    private final LeaseArbiter b = new LeaseArbiter(leases, registry, SETTINGS, clock, metrics, "b");

    private void heartbeat(String id) {
        registry.heartbeat(InstanceReport.idle(id, T0), SETTINGS.deadAfter());
    }

    private String holder() {
        return leases.find("audience:c1").map(LeaseRepository.Lease::owner).orElse(null);
    }

    @Test
    void aFreeLease_goesToTheFirst_andItsHolderRenewsIt() {
        heartbeat("a");
        heartbeat("b");
        assertThat(a.acquire("audience:c1")).isTrue();
        assertThat(b.acquire("audience:c1")).isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(a.acquire("audience:c1")).as("renewed").isTrue();
        assertThat(leases.find("audience:c1").orElseThrow().until()).isEqualTo(T0.plusSeconds(50));
    }

    @Test
    void aDeadHoldersLease_isTakenOverAssoonAsItIsKnownDead_longBeforeItExpires() {
        heartbeat("a");
        heartbeat("b");
        assertThat(a.acquire("audience:c1")).isTrue();
        clock.advance(Duration.ofSeconds(4)); // a stops sending heartbeats; b goes on
        heartbeat("b");
        assertThat(b.acquire("audience:c1")).as("a is late, not dead yet").isFalse();
        clock.advance(Duration.ofMillis(1001));
        heartbeat("b");
        assertThat(b.acquire("audience:c1")).as("a dead, its lease still 25 s from expiring").isTrue();
        assertThat(holder()).isEqualTo("b");
        assertThat(metrics.total("crm.leases.taken_over")).isEqualTo(1);
        heartbeat("a"); // a comes back: the lease is b's now
        assertThat(a.acquire("audience:c1")).isFalse();
    }

    @Test
    void aSlowLiveHolder_keepsItsLease_pastItsExpiry() {
        heartbeat("a");
        assertThat(a.acquire("audience:c1")).isTrue();
        for (int i = 0; i < 60; i++) { // a minute without renewing, heartbeats on time
            clock.advance(Duration.ofSeconds(1));
            heartbeat("a");
            heartbeat("b");
            assertThat(b.acquire("audience:c1")).isFalse();
        }
        assertThat(holder()).isEqualTo("a");
        assertThat(a.acquire("audience:c1")).as("the slow holder renews it late").isTrue();
    }

    @Test
    void aHungLiveHolder_losesItsLease_reclaimIdlePastItsExpiry() {
        heartbeat("a");
        assertThat(a.acquire("audience:c1")).isTrue();
        clock.advance(SETTINGS.leaseTtl().plus(SETTINGS.reclaimIdle()).minusSeconds(1));
        heartbeat("a");
        heartbeat("b");
        assertThat(b.acquire("audience:c1")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        heartbeat("a");
        assertThat(b.acquire("audience:c1")).isTrue();
        assertThat(a.acquire("audience:c1")).as("the hung holder's renewal fails").isFalse();
    }

    @Test
    void aHolderTheRegistryNeverHeardOf_losesItsLeaseWhenItExpires() {
        leases.tryAcquire("audience:c1", "old-version", T0, Duration.ofSeconds(30));
        heartbeat("b");
        clock.advance(Duration.ofSeconds(29));
        heartbeat("b");
        assertThat(b.acquire("audience:c1")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.acquire("audience:c1")).isTrue();
    }

    @Test
    void twoInstancesTakingOverTheSameDeadHolder_onlyOneWins() {
        heartbeat("dead");
        leases.tryAcquire("audience:c1", "dead", T0, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(6));
        LeaseArbiter c = new LeaseArbiter(leases, registry, SETTINGS, clock, metrics, "c");
        boolean bWon = b.acquire("audience:c1");
        boolean cWon = c.acquire("audience:c1");
        assertThat(bWon ^ cWon).as("exactly one").isTrue();
    }
}
