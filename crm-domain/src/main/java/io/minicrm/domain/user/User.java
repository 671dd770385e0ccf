package io.minicrm.domain.user;

import io.minicrm.domain.customer.Email;
import io.minicrm.domain.shared.Times;
import java.time.Instant;
import java.util.Objects;

/**
 * A person who signs in (with Google, or the local admin). {@code subject} is the identity provider's
 * stable id for them (Google's {@code sub}).
 */
public record User(UserId id, String subject, Email email, String name, String pictureUrl, Role role,
                   Instant createdAt, Instant lastLoginAt) {
    /** What a user may do. */
    public enum Role {
        /** Everything, operations included. */
        ADMIN,
        /** Everything but operations. */
        MEMBER
    }

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(role, "role");
        createdAt = Times.millis(Objects.requireNonNull(createdAt, "createdAt"));
        lastLoginAt = Times.millis(lastLoginAt == null ? createdAt : lastLoginAt);
    }

    /** This user after signing in again, with the profile the provider gave. */
    public User signedIn(String newName, String newPicture, Instant now) {
        return new User(id, subject, email, newName != null ? newName : name, newPicture != null ? newPicture : pictureUrl,
                role, createdAt, now);
    }
}
