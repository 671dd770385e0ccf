package io.minicrm.adapter.http.auth;

import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleAuthorizationCodeTokenRequest;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GooglePublicKeysManager;
import com.google.api.client.googleapis.auth.oauth2.GoogleTokenResponse;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import io.minicrm.application.port.IdentityVerifier;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;

/**
 * Verifies Google sign-in with google-api-client: ID tokens through {@link GoogleIdTokenVerifier}
 * (RS256 signature against Google's certificates fetched from {@link GoogleEndpoints#certsUrl()} and
 * cached by {@link GooglePublicKeysManager} as Google's cache headers say; issuer; audience equal to our
 * client id; expiry with the library's default 300 s skew), and the authorization-code flow through
 * {@link GoogleAuthorizationCodeTokenRequest} against {@link GoogleEndpoints#tokenUrl()} with our client
 * secret ({@code GOOGLE_CLIENT_SECRET}). The e-mail-verified and allowed-domain checks are the sign-in
 * use case's.
 *
 * <p>Nothing is fetched for a token that cannot be valid: the header must say {@code RS256} (Google's only
 * algorithm; {@code alg: none} and HMAC tokens are refused) and name a key, and issuer, audience and expiry are
 * checked before the certificates are needed. A failed certificate fetch is remembered for
 * {@link #FETCH_FAILURE_BACKOFF}: meanwhile sign-in answers "unavailable" at once instead of calling out again
 * for every request.
 */
public final class GoogleIdentityVerifier implements IdentityVerifier {
    /** Redirect URI of the Google Identity Services popup code flow, used when the client gives none. */
    public static final String POPUP_REDIRECT_URI = "postmessage";
    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    /** How long a failed certificate fetch is remembered before Google is asked again. */
    public static final java.time.Duration FETCH_FAILURE_BACKOFF = java.time.Duration.ofSeconds(30);
    /** The longest ID token looked at (Google's are about 1 KB). */
    static final int MAX_TOKEN = 16 * 1024;

    private final String clientId;
    private final String clientSecret;
    private final GoogleEndpoints endpoints;
    private final HttpTransport transport;
    private final GoogleIdTokenVerifier verifier;
    private final java.util.function.LongSupplier nanoTime;
    /** {@link System#nanoTime()} before which the certificates are not fetched again (after a failed fetch); 0: none. */
    private volatile long fetchBlockedUntil;

    /**
     * @param clientId     {@code GOOGLE_CLIENT_ID}: the only accepted audience
     * @param clientSecret {@code GOOGLE_CLIENT_SECRET}, needed only for the authorization-code flow (may be null)
     */
    public GoogleIdentityVerifier(String clientId, String clientSecret, GoogleEndpoints endpoints) {
        this(clientId, clientSecret, endpoints, new NetHttpTransport());
    }

    public GoogleIdentityVerifier(String clientId, String clientSecret, GoogleEndpoints endpoints, HttpTransport transport) {
        this(clientId, clientSecret, endpoints, transport, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock of the fetch-failure backoff (tests turn it) */
    public GoogleIdentityVerifier(String clientId, String clientSecret, GoogleEndpoints endpoints, HttpTransport transport,
                                  java.util.function.LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("a Google client id is required");
        }
        this.clientId = clientId;
        this.clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.transport = Objects.requireNonNull(transport, "transport");
        GooglePublicKeysManager keys = new GooglePublicKeysManager.Builder(transport, JSON)
                .setPublicCertsEncodedUrl(endpoints.certsUrl())
                .build();
        this.verifier = new GoogleIdTokenVerifier.Builder(keys)
                .setAudience(List.of(clientId))
                .setIssuers(endpoints.issuers())
                .build();
    }

    @Override
    public Identity verifyIdToken(String idToken) {
        if (idToken == null || idToken.isBlank()) {
            throw new InvalidCredentialsException("no ID token given");
        }
        if (idToken.length() > MAX_TOKEN) {
            throw new InvalidCredentialsException("the ID token is malformed");
        }
        GoogleIdToken token;
        try {
            token = GoogleIdToken.parse(JSON, idToken.strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCredentialsException("the ID token is malformed");
        }
        // everything that needs no certificate first: a token that fails here never costs an outbound call
        if (!"RS256".equals(token.getHeader().getAlgorithm()) || token.getHeader().getKeyId() == null) {
            throw new InvalidCredentialsException("the ID token is not signed the way Google signs (RS256 with a key id)");
        }
        String claimsProblem = whyInvalid(token);
        if (claimsProblem != null) {
            throw new InvalidCredentialsException(claimsProblem);
        }
        boolean valid;
        try {
            valid = verifySignature(token);
        } catch (GeneralSecurityException e) {
            throw new InvalidCredentialsException("the ID token cannot be verified", e);
        }
        if (!valid) {
            throw new InvalidCredentialsException("the ID token's signature does not verify");
        }
        GoogleIdToken.Payload p = token.getPayload();
        if (p.getSubject() == null) {
            throw new InvalidCredentialsException("the ID token names no subject");
        }
        return new Identity(p.getSubject(), p.getEmail(), Boolean.TRUE.equals(p.getEmailVerified()),
                string(p.get("name")), string(p.get("picture")), p.getHostedDomain());
    }

    @Override
    public Identity exchangeCode(String code, String redirectUri) {
        if (code == null || code.isBlank()) {
            throw new InvalidCredentialsException("no authorization code given");
        }
        if (clientSecret == null) {
            throw new InvalidCredentialsException("the authorization-code flow is not configured (GOOGLE_CLIENT_SECRET)");
        }
        GoogleTokenResponse response;
        try {
            response = new GoogleAuthorizationCodeTokenRequest(transport, JSON, endpoints.tokenUrl(), clientId,
                    clientSecret, code.strip(), redirectUri == null || redirectUri.isBlank() ? POPUP_REDIRECT_URI : redirectUri)
                    .execute();
        } catch (TokenResponseException e) {
            String error = e.getDetails() != null && e.getDetails().getError() != null ? e.getDetails().getError()
                    : "HTTP " + e.getStatusCode();
            throw new InvalidCredentialsException("Google refused the authorization code (" + error + ")");
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException("Google's token endpoint cannot be reached", e);
        }
        if (response.getIdToken() == null) {
            throw new InvalidCredentialsException("Google's token answer holds no ID token (is the openid scope requested?)");
        }
        return verifyIdToken(response.getIdToken());
    }

    /** The signature check against Google's certificates; a failed fetch blocks fetching for a while. */
    private boolean verifySignature(GoogleIdToken token) throws GeneralSecurityException {
        long blockedUntil = fetchBlockedUntil;
        if (blockedUntil != 0 && nanoTime.getAsLong() - blockedUntil < 0) {
            throw new IdentityProviderUnavailableException("Google's signing certificates could not be fetched "
                    + "moments ago; sign-in is unavailable for up to " + FETCH_FAILURE_BACKOFF.toSeconds() + " s", null);
        }
        try {
            boolean valid = verifier.verify(token);
            fetchBlockedUntil = 0;
            return valid;
        } catch (IOException e) {
            long until = nanoTime.getAsLong() + FETCH_FAILURE_BACKOFF.toNanos();
            fetchBlockedUntil = until == 0 ? 1 : until;
            throw new IdentityProviderUnavailableException("Google's signing certificates cannot be fetched", e);
        }
    }

    /** Why the token's claims make it invalid (issuer, audience, time), or null when they are fine. */
    private String whyInvalid(GoogleIdToken token) {
        if (!token.verifyIssuer(verifier.getIssuers())) {
            return "the ID token was not issued by Google";
        }
        if (!token.verifyAudience(verifier.getAudience())) {
            return "the ID token is for another application (audience)";
        }
        if (!token.verifyTime(verifier.getClock().currentTimeMillis(), verifier.getAcceptableTimeSkewSeconds())) {
            return "the ID token has expired or is not yet valid";
        }
        return null;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
