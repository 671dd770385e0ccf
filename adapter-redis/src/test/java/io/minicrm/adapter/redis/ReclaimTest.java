package io.minicrm.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.cluster.Liveness;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamPendingEntry;

/** Which pending entries a consumer takes over, by the state of the instance holding them. */
class ReclaimTest {
    private static final long CHECK = 250;
    private static final long IDLE = 60_000;

    private static StreamPendingEntry entry(long id, String consumer, long idleMillis) {
        return new StreamPendingEntry(new StreamEntryID(id, 0), consumer, idleMillis, 1);
    }

    private static InstanceRegistry.Instance instance(String id, boolean alive) {
        return new InstanceRegistry.Instance(InstanceReport.idle(id, Instant.EPOCH), Instant.EPOCH, Instant.EPOCH, alive);
    }

    @Test
    void deadInstancesLoseTheirEntriesAtOnce_liveOnesOnlyWhenHung_unknownOnesWhenIdleLong() {
        Liveness liveness = Liveness.of(List.of(instance("dead-host-a1", false), instance("slow", true)));
        List<StreamPendingEntry> pending = List.of(
                entry(1, "dead-host-a1-0", 300),
                entry(2, "dead-host-a1-3", 100),      // claimed by someone an instant ago: not yet
                entry(3, "slow-0", 59_000),           // slow but alive: keeps it
                entry(4, "slow-1", 61_000),           // alive but hung: taken
                entry(5, "old-version-0", 30_000),    // unknown instance, not idle long enough
                entry(6, "old-version-1", 70_000),
                entry(7, "me-0", 30_000),             // one of this instance's consumers, working on it: kept
                entry(8, "me-7", 300),                // this instance's earlier run, no consumer of that name now
                entry(9, "me-1", 90_000));            // one of this instance's, idle that long (delivery lost): taken
        Reclaim plan = Reclaim.plan(pending, liveness, "me", Set.of("me-0", "me-1")::contains, CHECK, IDLE, 100);
        assertThat(plan.fromDead()).containsExactly(new StreamEntryID(1, 0), new StreamEntryID(8, 0));
        assertThat(plan.idle()).containsExactly(new StreamEntryID(4, 0), new StreamEntryID(6, 0), new StreamEntryID(9, 0));
        assertThat(plan.describe(IDLE)).contains("instance dead-host-a1: dead").contains("instance slow: alive, entry hung")
                .contains("instance me: an earlier run of this instance");
    }

    @Test
    void withoutARegistry_onlyLongIdleEntriesAreTaken() {
        List<StreamPendingEntry> pending = List.of(entry(1, "a-0", 59_999), entry(2, "a-1", 60_000));
        Reclaim plan = Reclaim.plan(pending, Liveness.unknown(), "me", n -> false, CHECK, IDLE, 100);
        assertThat(plan.fromDead()).isEmpty();
        assertThat(plan.idle()).containsExactly(new StreamEntryID(2, 0));
    }

    @Test
    void atMostOneBatchIsTakenAtATime() {
        Liveness liveness = Liveness.of(List.of(instance("d", false)));
        List<StreamPendingEntry> pending = List.of(entry(1, "d-0", 500), entry(2, "d-0", 500), entry(3, "d-1", 500));
        assertThat(Reclaim.plan(pending, liveness, "me", n -> false, CHECK, IDLE, 2).fromDead()).hasSize(2);
    }

    @Test
    void theInstanceOfAConsumer_isItsNameWithoutTheSlotNumber() {
        assertThat(Reclaim.instanceOf("host-1a2b3c-12")).isEqualTo("host-1a2b3c");
        assertThat(Reclaim.instanceOf("a-0")).isEqualTo("a");
        assertThat(Reclaim.instanceOf("victim")).isEqualTo("victim");
        assertThat(Reclaim.instanceOf("host-abc")).isEqualTo("host-abc");
        assertThat(Reclaim.instanceOf("x-")).isEqualTo("x-");
    }
}
