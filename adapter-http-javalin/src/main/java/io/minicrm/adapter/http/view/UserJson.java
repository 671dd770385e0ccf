package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.domain.user.User;
import java.time.Instant;
import java.util.Locale;

/** A signed-in user. */
@JsonPropertyOrder({"id", "_id"})
public record UserJson(String id, @JsonProperty("_id") String legacyId, String email, String name, String picture,
                       String role, Instant createdAt, Instant lastLoginAt) {

    public static UserJson from(User u) {
        return new UserJson(u.id().value(), u.id().value(), u.email().value(), u.name(), u.pictureUrl(),
                u.role().name().toLowerCase(Locale.ROOT), u.createdAt(), u.lastLoginAt());
    }
}
