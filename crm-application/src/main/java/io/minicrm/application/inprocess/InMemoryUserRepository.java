package io.minicrm.application.inprocess;

import io.minicrm.application.port.UserRepository;
import io.minicrm.domain.user.User;
import io.minicrm.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Users in memory, unique by subject. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<UserId, User> users = new HashMap<>();

    @Override
    public synchronized void save(User user) {
        for (User u : users.values()) {
            if (u.subject().equals(user.subject()) && !u.id().equals(user.id())) {
                throw new IllegalStateException("another user has subject " + user.subject());
            }
        }
        users.put(user.id(), user);
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(users.get(id));
    }

    @Override
    public synchronized Optional<User> findBySubject(String subject) {
        return users.values().stream().filter(u -> u.subject().equals(subject)).findFirst();
    }
}
