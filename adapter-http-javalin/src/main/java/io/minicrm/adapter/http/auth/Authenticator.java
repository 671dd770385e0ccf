package io.minicrm.adapter.http.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.auth.SignIn;
import io.minicrm.application.port.IdentityVerifier;
import java.text.ParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Decides who is calling from the request's credentials, or refuses with a 401 problem:
 * <ul>
 *   <li>{@code X-Api-Key} from the configured keys (constant-time compare) - a machine client;</li>
 *   <li>{@code Authorization: Bearer} with the local admin token (constant-time compare);</li>
 *   <li>a session token of this server (HS256 JWT, see {@link SessionTokens});</li>
 *   <li>a Google ID token for our client id (RS256, verified by the sign-in use case's verifier, with its
 *       e-mail-verified and allowed-domain checks).</li>
 * </ul>
 * In local mode (no Google client id) only the admin token and API keys are accepted: the server never
 * runs open.
 */
public final class Authenticator {
    private final Set<String> apiKeys;
    private final String adminToken;
    private final boolean localMode;
    private final Set<String> allowedDomains;
    private final SessionTokens sessions;
    private final SignIn signIn;

    public Authenticator(Set<String> apiKeys, String adminToken, boolean localMode, Set<String> allowedDomains,
                         SessionTokens sessions, SignIn signIn) {
        this.apiKeys = Set.copyOf(apiKeys);
        this.adminToken = adminToken;
        this.localMode = localMode;
        this.allowedDomains = Set.copyOf(allowedDomains);
        this.sessions = sessions;
        this.signIn = signIn;
    }

    /**
     * @param authorization the {@code Authorization} header (or null)
     * @param apiKey        the {@code X-Api-Key} header (or null)
     */
    public Principal authenticate(String authorization, String apiKey) {
        if (apiKey != null) {
            return byApiKey(apiKey.strip());
        }
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("no credentials: send Authorization: Bearer <token> (or X-Api-Key)", false);
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.substring(0, 7).equalsIgnoreCase("bearer ")) {
            throw unauthorized("the Authorization header must use the Bearer scheme", true);
        }
        String token = a.substring(7).strip();
        if (token.isEmpty() || token.length() > 8192) {
            throw unauthorized("the bearer token is malformed", true);
        }
        if (adminToken != null && Secrets.equal(token, adminToken)) {
            return new Principal("admin", Principal.Kind.ADMIN, null, "Local admin", true);
        }
        JWSAlgorithm alg;
        try {
            alg = JWSObject.parse(token).getHeader().getAlgorithm();
        } catch (ParseException e) {
            throw unauthorized("the bearer token is not valid", true);
        }
        if (JWSAlgorithm.HS256.equals(alg)) {
            Principal p;
            try {
                p = sessions.verify(token);
            } catch (SessionTokens.InvalidSessionException e) {
                throw unauthorized(e.getMessage(), true);
            }
            // a local admin's session (from a one-time code) needs local sign-in; a user's needs Google sign-in
            if (p.kind() == Principal.Kind.ADMIN ? adminToken == null : localMode) {
                throw unauthorized(localMode ? "session tokens of users are not accepted in local mode; use the admin token"
                        : "local admin sessions are not accepted: this server has no local admin", true);
            }
            return p;
        }
        if (JWSAlgorithm.RS256.equals(alg)) {
            if (localMode) {
                throw unauthorized("Google sign-in is not configured on this server (local mode)", true);
            }
            IdentityVerifier.Identity id;
            try {
                id = signIn.verifyBearer(token);
            } catch (IdentityVerifier.InvalidCredentialsException e) {
                throw unauthorized(e.getMessage(), true);
            }
            requireAllowedDomain(id);
            return new Principal("google:" + id.subject(), Principal.Kind.GOOGLE, id.email(), id.name(), false);
        }
        throw unauthorized("the bearer token is not valid", true);
    }

    /** Refuses identities outside {@code CRM_ALLOWED_DOMAINS} (the sign-in use case checks too). */
    public void requireAllowedDomain(IdentityVerifier.Identity id) {
        if (allowedDomains.isEmpty()) {
            return;
        }
        String domain = id.hostedDomain() != null ? id.hostedDomain()
                : id.email() == null ? "" : id.email().substring(id.email().indexOf('@') + 1);
        if (!allowedDomains.contains(domain.toLowerCase(Locale.ROOT))) {
            throw unauthorized("accounts of this domain may not sign in here", true);
        }
    }

    private Principal byApiKey(String key) {
        for (String k : apiKeys) {
            if (Secrets.equal(key, k)) {
                return new Principal("api-key:" + Secrets.fingerprint(k), Principal.Kind.API_KEY, null, "API key", false);
            }
        }
        throw unauthorized("the API key is not valid", false);
    }

    private static ApiProblem unauthorized(String detail, boolean invalidToken) {
        ApiProblem p = ApiProblem.unauthorized(detail);
        return invalidToken ? p.withHeader("WWW-Authenticate", "Bearer realm=\"minicrm\", error=\"invalid_token\"") : p;
    }
}
