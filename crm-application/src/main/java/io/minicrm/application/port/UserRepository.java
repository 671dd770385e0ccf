package io.minicrm.application.port;

import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import java.util.Optional;

/** Users who sign in; unique by identity-provider subject. */
public interface UserRepository {
    /** Inserts or replaces by id. */
    void save(User user);

    Optional<User> findById(UserId id);

    Optional<User> findBySubject(String subject);
}
