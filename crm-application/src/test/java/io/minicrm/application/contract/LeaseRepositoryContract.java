package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.port.LeaseRepository;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link LeaseRepository}: one holder at a time, expiry, renewal by the holder, release. */
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
}
