package io.minicrm.adapter.http.auth;

import java.util.List;
import java.util.Objects;

/**
 * Where Google's sign-in lives: the public certificates of its ID tokens (the v1 format, a JSON map of
 * key id to PEM X.509 certificate), the OAuth token endpoint (authorization-code exchange) and the
 * accepted ID-token issuers. Configurable so tests point them at local servers.
 */
public record GoogleEndpoints(String certsUrl, String tokenUrl, List<String> issuers) {
    public static final String CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs";
    public static final String TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final List<String> ISSUERS = List.of("accounts.google.com", "https://accounts.google.com");

    public GoogleEndpoints {
        Objects.requireNonNull(certsUrl, "certsUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        issuers = List.copyOf(issuers);
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("at least one issuer is required");
        }
    }

    /** Google's real endpoints. */
    public static GoogleEndpoints google() {
        return new GoogleEndpoints(CERTS_URL, TOKEN_URL, ISSUERS);
    }
}
