package io.minicrm.application.port;

/** Verifies who is signing in (Google ID tokens and authorization codes). */
public interface IdentityVerifier {

    /** A verified identity. {@code hostedDomain} is Google's {@code hd} claim (null for consumer accounts). */
    record Identity(String subject, String email, boolean emailVerified, String name, String pictureUrl,
                    String hostedDomain) {
    }

    /** Verifies an ID token (signature, issuer, audience, expiry). */
    Identity verifyIdToken(String idToken) throws InvalidCredentialsException;

    /** Exchanges an authorization code for tokens and verifies the ID token it contains. */
    Identity exchangeCode(String code, String redirectUri) throws InvalidCredentialsException;

    /** The credentials are not valid; the message says why (safe to show). */
    class InvalidCredentialsException extends RuntimeException {
        public InvalidCredentialsException(String message) {
            super(message);
        }

        public InvalidCredentialsException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
