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
 */
public final class GoogleIdentityVerifier implements IdentityVerifier {
    /** Redirect URI of the Google Identity Services popup code flow, used when the client gives none. */
    public static final String POPUP_REDIRECT_URI = "postmessage";
    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private final String clientId;
    private final String clientSecret;
    private final GoogleEndpoints endpoints;
    private final HttpTransport transport;
    private final GoogleIdTokenVerifier verifier;

    /**
     * @param clientId     {@code GOOGLE_CLIENT_ID}: the only accepted audience
     * @param clientSecret {@code GOOGLE_CLIENT_SECRET}, needed only for the authorization-code flow (may be null)
     */
    public GoogleIdentityVerifier(String clientId, String clientSecret, GoogleEndpoints endpoints) {
        this(clientId, clientSecret, endpoints, new NetHttpTransport());
    }

    public GoogleIdentityVerifier(String clientId, String clientSecret, GoogleEndpoints endpoints, HttpTransport transport) {
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
        GoogleIdToken token;
        try {
            token = GoogleIdToken.parse(JSON, idToken.strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCredentialsException("the ID token is malformed");
        }
        boolean valid;
        try {
            valid = verifier.verify(token);
        } catch (IOException e) {
            throw new IdentityProviderUnavailableException("Google's signing certificates cannot be fetched", e);
        } catch (GeneralSecurityException e) {
            throw new InvalidCredentialsException("the ID token cannot be verified", e);
        }
        if (!valid) {
            throw new InvalidCredentialsException(whyInvalid(token));
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
        return "the ID token's signature does not verify";
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }
}
