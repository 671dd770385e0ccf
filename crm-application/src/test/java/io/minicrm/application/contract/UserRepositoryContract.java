package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.UserRepository;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link UserRepository}: insert or replace by id, unique by identity-provider subject. */
public abstract class UserRepositoryContract {

    /** A fresh, empty repository. */
    protected abstract UserRepository newRepository();

    protected UserRepository repo;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    private static User user(String id, String subject, String email) {
        return new User(new UserId(id), subject, Email.of(email), "Ann Lee", "https://example.com/a.png",
                User.Role.MEMBER, NOW, NOW);
    }

    @Test
    void save_thenFindByIdAndBySubject() {
        User ann = user("u1", "google-123", "ann@example.com");
        repo.save(ann);

        assertThat(repo.findById(new UserId("u1"))).contains(ann);
        assertThat(repo.findBySubject("google-123")).contains(ann);
        assertThat(repo.findById(new UserId("nope"))).isEmpty();
        assertThat(repo.findBySubject("nope")).isEmpty();
    }

    @Test
    void save_withTheSameId_replaces() {
        User ann = user("u1", "google-123", "ann@example.com");
        repo.save(ann);
        User again = ann.signedIn("Ann B. Lee", null, NOW.plusSeconds(3600));
        repo.save(again);

        assertThat(repo.findById(ann.id())).contains(again);
        assertThat(repo.findBySubject("google-123")).contains(again);
    }

    @Test
    void aSecondUserWithTheSameSubject_isRefused() {
        User ann = user("u1", "google-123", "ann@example.com");
        repo.save(ann);

        assertThatThrownBy(() -> repo.save(user("u2", "google-123", "other@example.com")))
                .isInstanceOf(RuntimeException.class);
        assertThat(repo.findBySubject("google-123")).contains(ann);
        assertThat(repo.findById(new UserId("u2"))).isEmpty();
    }
}
