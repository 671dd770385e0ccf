package io.minicrm.adapter.http.auth;

import java.util.Objects;

/**
 * Who is calling: a signed-in user (our session token), a Google account (its ID token used directly),
 * a machine client (API key) or the local admin. {@code id} is stable per caller and keys the AI rate limit.
 */
public record Principal(String id, Kind kind, String email, String name, boolean admin) {
    public enum Kind { USER, GOOGLE, API_KEY, ADMIN }

    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    /** The label stored as {@code createdBy} on what this principal creates. */
    public String label() {
        return email != null ? email : id;
    }
}
