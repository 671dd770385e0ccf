package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.port.LeaseRepository;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LeaseRepository}: one holder at a time, expiry, renewal by the holder, release, and
 * taking over a lease from a dead holder only while it is unchanged.
 */
public abstract class LeaseRepositoryContract {
    private static final Duration TTL = Duration.ofSeconds(30);

    /** A fresh, empty repository. */
    protected abstract LeaseRepository newRepository();

    protected LeaseRepository repo;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    @Test
    void aFreeLease_isTaken_andThenRefusedToOthers() {
        assertThat(repo.tryAcquire("audience:c1", "a", NOW, TTL)).isTrue();
        assertThat(repo.tryAcquire("audience:c1", "b", NOW.plusSeconds(1), TTL)).isFalse();
        assertThat(repo.tryAcquire("audience:c2", "b", NOW.plusSeconds(1), TTL)).as("another name").isTrue();
    }

    @Test
    void theHolder_renewsItsLease() {
        assertThat(repo.tryAcquire("l", "a", NOW, TTL)).isTrue();
        assertThat(repo.tryAcquire("l", "a", NOW.plusSeconds(25), TTL)).isTrue();
        // held until NOW + 55 s now, not NOW + 30 s
        assertThat(repo.tryAcquire("l", "b", NOW.plusSeconds(40), TTL)).isFalse();
        assertThat(repo.tryAcquire("l", "b", NOW.plusSeconds(56), TTL)).isTrue();
    }

    @Test
    void anExpiredLease_isTakenByAnother() {
        assertThat(repo.tryAcquire("l", "a", NOW, TTL)).isTrue();
        assertThat(repo.tryAcquire("l", "b", NOW.plus(TTL).minusMillis(1), TTL)).isFalse();
        assertThat(repo.tryAcquire("l", "b", NOW.plus(TTL).plusMillis(1), TTL)).isTrue();
        assertThat(repo.tryAcquire("l", "a", NOW.plus(TTL).plusMillis(2), TTL)).as("the old holder lost it").isFalse();
    }

    @Test
    void release_freesTheLease_onlyForTheHolder() {
        assertThat(repo.tryAcquire("l", "a", NOW, TTL)).isTrue();
        repo.release("l", "b");
        assertThat(repo.tryAcquire("l", "b", NOW.plusSeconds(1), TTL)).as("released by a non-holder").isFalse();
        repo.release("l", "a");
        assertThat(repo.tryAcquire("l", "b", NOW.plusSeconds(2), TTL)).isTrue();
        repo.release("never-taken", "a");
    }

    @Test
    void concurrentAcquirers_exactlyOneWins() {
        List<Boolean> won = concurrently(8, t -> repo.tryAcquire("contended", "owner-" + t, NOW, TTL));
        assertThat(won.stream().filter(Boolean::booleanValue)).hasSize(1);
    }

    @Test
    void find_answersTheHolderAndExpiry_evenWhenExpired() {
        assertThat(repo.find("l")).isEmpty();
        repo.tryAcquire("l", "a", NOW, TTL);
        assertThat(repo.find("l")).contains(new LeaseRepository.Lease("l", "a", NOW.plus(TTL)));
        assertThat(repo.find("other")).isEmpty();
        repo.release("l", "a");
        assertThat(repo.find("l")).isEmpty();
    }

    @Test
    void takeOver_takesAnUnexpiredLeaseFromItsHolder_onlyWhileItIsUnchanged() {
        repo.tryAcquire("l", "a", NOW, TTL);
        LeaseRepository.Lease held = repo.find("l").orElseThrow();
        assertThat(repo.takeOver(held, "b", NOW.plusSeconds(1), TTL)).as("not expired, but taken over").isTrue();
        assertThat(repo.find("l")).contains(new LeaseRepository.Lease("l", "b", NOW.plusSeconds(1).plus(TTL)));
        assertThat(repo.takeOver(held, "c", NOW.plusSeconds(2), TTL)).as("a stale view of the lease").isFalse();
        assertThat(repo.tryAcquire("l", "a", NOW.plusSeconds(2), TTL)).as("the old holder lost it").isFalse();
        repo.release("l", "a");
        assertThat(repo.find("l").map(LeaseRepository.Lease::owner)).contains("b");
    }

    @Test
    void takeOver_failsWhenTheHolderRenewedOrReleasedMeanwhile() {
        repo.tryAcquire("l", "a", NOW, TTL);
        LeaseRepository.Lease seen = repo.find("l").orElseThrow();
        repo.tryAcquire("l", "a", NOW.plusSeconds(5), TTL);
        assertThat(repo.takeOver(seen, "b", NOW.plusSeconds(6), TTL)).as("renewed since").isFalse();
        LeaseRepository.Lease renewed = repo.find("l").orElseThrow();
        repo.release("l", "a");
        assertThat(repo.takeOver(renewed, "b", NOW.plusSeconds(7), TTL)).as("released since").isFalse();
        assertThat(repo.find("l")).isEmpty();
    }

    @Test
    void concurrentTakeOvers_exactlyOneWins() {
        repo.tryAcquire("dead-holder", "dead", NOW, TTL);
        LeaseRepository.Lease held = repo.find("dead-holder").orElseThrow();
        List<Boolean> won = concurrently(8, t -> repo.takeOver(held, "owner-" + t, NOW.plusSeconds(1), TTL));
        assertThat(won.stream().filter(Boolean::booleanValue)).hasSize(1);
        Optional<LeaseRepository.Lease> now = repo.find("dead-holder");
        assertThat(now.map(LeaseRepository.Lease::owner).orElseThrow()).startsWith("owner-");
    }

    @Test
    void list_answersEveryLeaseByName() {
        repo.tryAcquire("b", "x", NOW, TTL);
        repo.tryAcquire("a", "y", NOW, Duration.ofSeconds(1));
        repo.tryAcquire("c", "x", NOW, TTL);
        repo.release("c", "x");
        assertThat(repo.list(10)).containsExactly(new LeaseRepository.Lease("a", "y", NOW.plusSeconds(1)),
                new LeaseRepository.Lease("b", "x", NOW.plus(TTL)));
        assertThat(repo.list(1)).hasSize(1);
    }
}
