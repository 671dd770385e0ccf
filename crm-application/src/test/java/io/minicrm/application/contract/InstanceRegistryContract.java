package io.minicrm.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InstanceRegistry}: a heartbeat keeps an instance alive for its own dead-after time, the
 * last report is kept, an instance that stops sending heartbeats is dead once that time has passed (and stays
 * listed), leaving makes it dead at once, and every client of one registry sees the same instances. Uses the real
 * clock (a registry may decide aliveness by its own clock), with short times.
 */
public abstract class InstanceRegistryContract {
    private static final Instant STARTED = Instant.parse("2025-06-01T12:00:00Z");

    /** A fresh registry client. */
    protected abstract InstanceRegistry newRegistry();

    /** Another client of the same registry, as another process would have; the in-process one is itself. */
    protected InstanceRegistry secondClientOfSameRegistry() {
        return registry;
    }

    protected InstanceRegistry registry;
    private String a;
    private String b;

    @BeforeEach
    void setUpRegistry() {
        registry = newRegistry();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        a = "a-" + suffix;
        b = "b-" + suffix;
    }

    private Optional<InstanceRegistry.Instance> find(InstanceRegistry r, String id) {
        return r.instances().stream().filter(i -> i.instanceId().equals(id)).findFirst();
    }

    @Test
    void aHeartbeat_listsTheInstanceAlive_withItsReport() {
        Instant before = Instant.now().minusSeconds(1);
        InstanceReport report = new InstanceReport(a, STARTED, 40, 812.5, 12_345, 7);
        registry.heartbeat(report, Duration.ofSeconds(30));
        InstanceRegistry.Instance i = find(registry, a).orElseThrow();
        assertThat(i.alive()).isTrue();
        assertThat(i.report()).isEqualTo(report);
        assertThat(i.lastHeartbeat()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(Duration.between(i.lastHeartbeat(), i.aliveUntil())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anInstanceWithoutHeartbeats_isDeadAfterItsDeadAfterTime_andStaysListed() {
        registry.heartbeat(InstanceReport.idle(a, STARTED), Duration.ofMillis(300));
        registry.heartbeat(InstanceReport.idle(b, STARTED), Duration.ofSeconds(30));
        assertThat(find(registry, a).orElseThrow().alive()).isTrue();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> !find(registry, a).orElseThrow().alive());
        assertThat(find(registry, b).orElseThrow().alive()).as("another instance's own dead-after").isTrue();
        registry.heartbeat(new InstanceReport(a, STARTED, 1, 0, 2, 0), Duration.ofSeconds(30));
        assertThat(find(registry, a).orElseThrow().alive()).as("alive again with a new heartbeat").isTrue();
        assertThat(find(registry, a).orElseThrow().report().messagesSent()).isEqualTo(2);
    }

    @Test
    void leaving_makesTheInstanceDeadAtOnce() {
        registry.heartbeat(InstanceReport.idle(a, STARTED), Duration.ofSeconds(30));
        registry.leave(a);
        InstanceRegistry.Instance i = find(registry, a).orElseThrow();
        assertThat(i.alive()).isFalse();
        assertThat(i.aliveUntil()).isBeforeOrEqualTo(Instant.now().plusMillis(5));
        registry.leave("never-" + a);
        assertThat(find(registry, "never-" + a)).isEmpty();
    }

    @Test
    void everyClientOfOneRegistry_seesTheSameInstances() {
        InstanceRegistry other = secondClientOfSameRegistry();
        registry.heartbeat(InstanceReport.idle(a, STARTED), Duration.ofSeconds(30));
        other.heartbeat(InstanceReport.idle(b, STARTED), Duration.ofSeconds(30));
        assertThat(find(other, a)).isPresent();
        assertThat(find(registry, b)).isPresent();
        other.leave(a);
        assertThat(find(registry, a).orElseThrow().alive()).isFalse();
    }
}
