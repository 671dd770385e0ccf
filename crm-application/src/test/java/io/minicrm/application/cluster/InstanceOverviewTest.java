package io.minicrm.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.delivery.Topics;
import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InstanceOverviewTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private final TestClock clock = new TestClock(T0);
    private final InMemoryInstanceRegistry registry = new InMemoryInstanceRegistry(clock);
    private final InMemoryLeaseRepository leases = new InMemoryLeaseRepository();

    /** A queue that says who holds what, as Redis does. */
    private static WorkQueue queue(Map<String, Map<String, Long>> heldByTopic, boolean canTell) {
        return new WorkQueue() {
            @Override
            public void publish(String topic, List<QueueMessage> messages) {
            }

            @Override
            public Subscription subscribe(String topic, String group, ConsumerSettings settings, BatchHandler handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public QueueStats stats(String topic, String group) {
                long pending = heldByTopic.getOrDefault(topic, Map.of()).values().stream().mapToLong(Long::longValue).sum();
                return new QueueStats(100, pending, topic.equals(Topics.DELIVERIES) ? 40 : 0, 1);
            }

            @Override
            public Optional<Map<String, Long>> heldByInstance(String topic, String group) {
                return canTell ? Optional.of(heldByTopic.getOrDefault(topic, Map.of())) : Optional.empty();
            }

            @Override
            public List<DeadLetter> deadLetters(String topic, int limit) {
                return List.of();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void listsEveryInstance_withItsHeartbeat_load_andWhatItHolds_deadOnesAndUnknownHoldersToo() {
        registry.heartbeat(new InstanceReport("a", T0, 40, 800, 10_000, 0), Duration.ofSeconds(5));
        registry.heartbeat(InstanceReport.idle("b", T0), Duration.ofSeconds(2));
        leases.tryAcquire("audience:c1", "b", T0, Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(3)); // b has missed its heartbeats
        WorkQueue q = queue(Map.of(Topics.DELIVERIES, Map.of("b", 3L, "ghost", 2L), Topics.RECEIPTS, Map.of("a", 500L)), true);

        InstanceOverview.Snapshot s = new InstanceOverview(registry, leases, q, clock, "a").snapshot();

        assertThat(s.self()).isEqualTo("a");
        assertThat(s.asOf()).isEqualTo(T0.plusSeconds(3));
        assertThat(s.instances()).extracting(InstanceOverview.InstanceView::instanceId).containsExactly("a", "b", "ghost");
        InstanceOverview.InstanceView a = s.instances().get(0);
        assertThat(a.self()).isTrue();
        assertThat(a.alive()).isTrue();
        assertThat(a.report().sendsPerSecond()).isEqualTo(800);
        assertThat(a.lastHeartbeat()).isEqualTo(T0);
        assertThat(a.held()).isEqualTo(Map.of(Topics.RECEIPTS, 500L));
        InstanceOverview.InstanceView b = s.instances().get(1);
        assertThat(b.alive()).isFalse();
        assertThat(b.known()).isTrue();
        assertThat(b.leases()).containsExactly(new LeaseRepository.Lease("audience:c1", "b", T0.plusSeconds(30)));
        assertThat(b.held()).isEqualTo(Map.of(Topics.DELIVERIES, 3L));
        InstanceOverview.InstanceView ghost = s.instances().get(2);
        assertThat(ghost.known()).isFalse();
        assertThat(ghost.alive()).isFalse();
        assertThat(ghost.report()).isNull();
        assertThat(ghost.held()).isEqualTo(Map.of(Topics.DELIVERIES, 2L));
        assertThat(s.queues()).extracting(InstanceOverview.QueueView::topic)
                .containsExactly(Topics.DELIVERIES, Topics.RECEIPTS, Topics.INGEST);
        assertThat(s.queues().get(0).lag()).isEqualTo(40);
        assertThat(s.queues().get(0).pending()).isEqualTo(5);
    }

    @Test
    void aQueueOfThisProcessAlone_countsEverythingItHoldsAsThisInstances() {
        registry.heartbeat(InstanceReport.idle("solo", T0), Duration.ofSeconds(5));
        WorkQueue q = queue(Map.of(Topics.DELIVERIES, Map.of("?", 7L)), false);
        InstanceOverview.Snapshot s = new InstanceOverview(registry, leases, q, clock, "solo").snapshot();
        assertThat(s.instances()).hasSize(1);
        assertThat(s.instances().get(0).held()).isEqualTo(Map.of(Topics.DELIVERIES, 7L));
    }
}
