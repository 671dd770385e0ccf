package io.minicrm.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatTest {
    private static final ClusterSettings FAST = new ClusterSettings(Duration.ofMillis(50), Duration.ofMillis(250),
            Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry(Clock.systemUTC());

    private InstanceRegistry.Instance self() {
        return registry.instances().stream().filter(i -> i.instanceId().equals("me")).findFirst().orElseThrow();
    }

    @Test
    void start_announcesTheInstanceAtOnce_andKeepsItAliveWithFreshReports() {
        AtomicLong sent = new AtomicLong();
        Heartbeat beat = new Heartbeat(registry, FAST, "me",
                () -> new InstanceReport("me", Instant.EPOCH, 0, 0, sent.incrementAndGet(), 0));
        beat.start();
        try {
            assertThat(self().alive()).as("registered before start() returns").isTrue();
            await().atMost(Duration.ofSeconds(2)).until(() -> self().report().messagesSent() >= 5);
            assertThat(self().alive()).isTrue();
        } finally {
            beat.close();
        }
    }

    @Test
    void close_leaves_soTheInstanceIsDeadAtOnce() {
        Heartbeat beat = new Heartbeat(registry, FAST, "me", () -> InstanceReport.idle("me", Instant.EPOCH));
        beat.start();
        beat.close();
        assertThat(self().alive()).isFalse();
    }

    @Test
    void abort_justStops_soTheInstanceDiesAfterItsDeadAfterTime() {
        Heartbeat beat = new Heartbeat(registry, FAST, "me", () -> InstanceReport.idle("me", Instant.EPOCH));
        beat.start();
        beat.abort();
        assertThat(self().alive()).isTrue();
        await().atMost(Duration.ofSeconds(2)).until(() -> !self().alive());
    }

    @Test
    void aRegistryThatFails_doesNotStopTheHeartbeats() {
        AtomicInteger calls = new AtomicInteger();
        InstanceRegistry flaky = new InstanceRegistry() {
            @Override
            public void heartbeat(InstanceReport report, Duration deadAfter) {
                if (calls.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("registry unreachable");
                }
                registry.heartbeat(report, deadAfter);
            }

            @Override
            public void leave(String instanceId) {
                registry.leave(instanceId);
            }

            @Override
            public List<Instance> instances() {
                return registry.instances();
            }
        };
        Heartbeat beat = new Heartbeat(flaky, FAST, "me", () -> InstanceReport.idle("me", Instant.EPOCH));
        beat.start();
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> calls.get() >= 4);
            assertThat(self().alive()).isTrue();
        } finally {
            beat.close();
        }
    }
}
