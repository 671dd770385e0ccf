package io.minicrm.domain.user;

import io.minicrm.domain.shared.Ids;

/** Identity of a signed-in user. */
public record UserId(String value) {
    public UserId {
        Ids.require(value, "user id");
    }

    @Override
    public String toString() {
        return value;
    }
}
