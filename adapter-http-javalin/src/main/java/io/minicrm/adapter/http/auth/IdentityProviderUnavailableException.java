package io.minicrm.adapter.http.auth;

/** Google could not be reached (certificates or token endpoint); the HTTP layer answers 503. */
public final class IdentityProviderUnavailableException extends RuntimeException {
    public IdentityProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
