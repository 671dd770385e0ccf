package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.minicrm.adapter.http.auth.SessionTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every /api route but sign-in and the receipt callback refuses missing or bad credentials with a 401
 * problem; Google ID tokens are verified by the production verifier against a local certificates endpoint.
 */
class AuthenticationTest {
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static FakeGoogle.Claims ada() {
        return FakeGoogle.Claims.valid("sub-ada", "ada@example.com");
    }

    /** Credentials that must all be refused, by name. */
    static Map<String, String[]> badCredentials() {
        Instant now = Instant.now();
        Map<String, String[]> bad = new LinkedHashMap<>();
        bad.put("none", new String[0]);
        bad.put("malformed bearer", new String[] {"Authorization", "Bearer not.a.token"});
        bad.put("garbage bearer", new String[] {"Authorization", "Bearer %%%%"});
        bad.put("basic scheme", new String[] {"Authorization", "Basic YWRtaW46YWRtaW4="});
        bad.put("empty bearer", new String[] {"Authorization", "Bearer "});
        bad.put("expired session", bearer(session(TestApp.SESSION_SECRET, now.minusSeconds(7200), now.minusSeconds(3600),
                SessionTokens.ISSUER, SessionTokens.AUDIENCE)));
        bad.put("session signed by another key", bearer(session("another-secret-another-secret-012345",
                now, now.plusSeconds(3600), SessionTokens.ISSUER, SessionTokens.AUDIENCE)));
        bad.put("session of another issuer", bearer(session(TestApp.SESSION_SECRET, now, now.plusSeconds(3600),
                "someone-else", SessionTokens.AUDIENCE)));
        bad.put("session for another audience", bearer(session(TestApp.SESSION_SECRET, now, now.plusSeconds(3600),
                SessionTokens.ISSUER, "other-api")));
        bad.put("unsigned token", bearer(unsigned()));
        bad.put("google token for another audience", bearer(app.google.idToken(ada().audience("other.apps.googleusercontent.com"))));
        bad.put("google token of another issuer", bearer(app.google.idToken(ada().issuer("https://evil.example.com"))));
        bad.put("expired google token", bearer(app.google.idToken(ada().expiresAt(now.minusSeconds(3600)))));
        bad.put("google token of another domain", bearer(app.google.idToken(
                FakeGoogle.Claims.valid("sub-eve", "eve@other.com"))));
        bad.put("google token with a foreign hd claim", bearer(app.google.idToken(ada().hostedDomain("other.com"))));
        bad.put("google token with an unverified e-mail", bearer(app.google.idToken(ada().unverifiedEmail())));
        bad.put("google token signed by an unpublished key", bearer(app.google.idToken(ada().signedByRogueKey())));
        bad.put("unknown api key", new String[] {"X-Api-Key", "not-a-key"});
        bad.put("admin token when none is configured", new String[] {"Authorization", "Bearer " + TestApp.ADMIN_TOKEN});
        return bad;
    }

    @Test
    void everyProtectedRoute_refusesEveryKindOfBadCredential_with401() {
        List<HttpApi.Route> protectedRoutes = app.api.routes().stream()
                .filter(r -> r.path().startsWith("/api/"))
                .filter(r -> !Set.of("/api/auth/google", "/api/auth/code", "/api/auth/options", "/api/receipt")
                        .contains(r.path()))
                .toList();
        assertThat(protectedRoutes).hasSizeGreaterThan(25);
        List<String> failures = new ArrayList<>();
        long customersBefore = app.customers.countAll();
        for (Map.Entry<String, String[]> cred : badCredentials().entrySet()) {
            for (HttpApi.Route route : protectedRoutes) {
                TestApp.Req req = app.anonymous(route.method(), route.path().replace("{id}", "abc123"));
                String[] h = cred.getValue();
                for (int i = 0; i < h.length; i += 2) {
                    req.header(h[i], h[i + 1]);
                }
                if (route.method().equals("POST")) {
                    req.json("{\"email\": \"intruder@example.com\"}");
                }
                TestApp.Res r = req.send();
                if (r.status() != 401 || !r.isProblem() || r.header("WWW-Authenticate") == null) {
                    failures.add(cred.getKey() + " -> " + route + ": " + r);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(app.customers.countAll()).isEqualTo(customersBefore);
    }

    @Test
    void theReasonForRefusingAGoogleToken_isInTheProblem() {
        TestApp.Res aud = app.call("GET", "/api/auth/me").bearer(app.google.idToken(ada().audience("x"))).send();
        assertThat(aud.json().get("detail").asText()).contains("audience");
        TestApp.Res expired = app.call("GET", "/api/auth/me")
                .bearer(app.google.idToken(ada().expiresAt(Instant.now().minusSeconds(3600)))).send();
        assertThat(expired.json().get("detail").asText()).contains("expired");
        TestApp.Res session = app.call("GET", "/api/auth/me").bearer(bearer(session(TestApp.SESSION_SECRET,
                Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600), SessionTokens.ISSUER,
                SessionTokens.AUDIENCE))[1].substring(7)).send();
        assertThat(session.json().get("detail").asText()).contains("expired");
    }

    @Test
    void signInWithAnIdToken_answersASessionToken_thatAuthenticates() {
        TestApp.Res r = app.anonymous("POST", "/api/auth/google")
                .json("{\"idToken\": \"" + app.google.idToken(ada()) + "\"}").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("user").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(r.json().get("user").get("_id").asText()).isEqualTo(r.json().get("user").get("id").asText());
        assertThat(r.json().get("expiresAt").asText()).isNotBlank();
        String token = r.json().get("token").asText();
        TestApp.Res me = app.call("GET", "/api/auth/me").bearer(token).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("kind").asText()).isEqualTo("user");
        assertThat(me.json().get("email").asText()).isEqualTo("ada@example.com");
        assertThat(me.json().get("user").get("name").asText()).isEqualTo("Test sub-ada");
    }

    @Test
    void signInWithGoogleIdentityServicesCredential_works() {
        TestApp.Res r = app.anonymous("POST", "/api/auth/google").json("{\"credential\": \""
                + app.google.idToken(ada()) + "\", \"select_by\": \"btn\", \"clientId\": \"x\"}").send();
        assertThat(r.status()).isEqualTo(200);
    }

    @Test
    void signInWithAnAuthorizationCode_exchangesItAtTheTokenEndpoint() {
        String code = app.google.code(FakeGoogle.Claims.valid("sub-bob", "bob@example.com"));
        TestApp.Res r = app.anonymous("POST", "/api/auth/google").json("{\"code\": \"" + code + "\"}").send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("user").get("email").asText()).isEqualTo("bob@example.com");
        assertThat(app.google.lastTokenRequest).containsEntry("grant_type", "authorization_code")
                .containsEntry("redirect_uri", "postmessage").containsEntry("client_id", FakeGoogle.CLIENT_ID);
        TestApp.Res reused = app.anonymous("POST", "/api/auth/google").json("{\"code\": \"" + code + "\"}").send();
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.json().get("detail").asText()).contains("invalid_grant");
    }

    @Test
    void signIn_refusesBadTokensAndBadBodies() {
        assertThat(app.anonymous("POST", "/api/auth/google")
                .json("{\"idToken\": \"" + app.google.idToken(ada().audience("x")) + "\"}").send().status()).isEqualTo(401);
        assertThat(app.anonymous("POST", "/api/auth/google").json("{\"idToken\": \""
                + app.google.idToken(FakeGoogle.Claims.valid("sub-eve", "eve@other.com")) + "\"}").send().status())
                .isEqualTo(401);
        assertThat(app.anonymous("POST", "/api/auth/google").json("{}").send().status()).isEqualTo(400);
        assertThat(app.anonymous("POST", "/api/auth/google").json("{\"idToken\": \"a\", \"code\": \"b\"}").send()
                .status()).isEqualTo(400);
        assertThat(app.anonymous("POST", "/api/auth/google").json("{\"idToken\": \"not-a-jwt\"}").send().status())
                .isEqualTo(401);
    }

    @Test
    void aGoogleIdToken_isAcceptedDirectlyAsBearer() {
        TestApp.Res me = app.call("GET", "/api/auth/me").bearer(app.google.idToken(ada())).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("kind").asText()).isEqualTo("google");
        assertThat(me.json().get("id").asText()).isEqualTo("google:sub-ada");
    }

    @Test
    void theOperationsRoutes_areForOperatorsOnly_aSignedInMemberGets403() {
        TestApp.Res signIn = app.anonymous("POST", "/api/auth/google")
                .json("{\"idToken\": \"" + app.google.idToken(ada()) + "\"}").send();
        String member = signIn.json().get("token").asText();
        TestApp.Res forbidden = app.call("GET", "/api/admin/dead-letters").bearer(member).send();
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("detail").asText()).contains("operators");
        assertThat(app.call("GET", "/api/ingestions").bearer(member).send().status()).isEqualTo(403);
        assertThat(app.call("GET", "/api/customers").bearer(member).send().status()).isEqualTo(200);
        assertThat(app.get("/api/admin/dead-letters").status()).as("an API key").isEqualTo(200);
        assertThat(app.call("GET", "/api/admin/instances").bearer(member).send().status()).isEqualTo(403);
        assertThat(app.anonymous("GET", "/api/admin/instances").send().status()).isEqualTo(401);
        assertThat(app.get("/api/admin/instances").status()).as("an API key").isEqualTo(200);
    }

    @Test
    void anApiKey_authenticatesAsAMachineClient() {
        TestApp.Res me = app.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("kind").asText()).isEqualTo("api-key");
    }

    @Test
    void localMode_acceptsOnlyTheAdminTokenAndApiKeys() {
        try (TestApp local = TestApp.builder().settings(s -> s.googleClientId(null).adminToken(TestApp.ADMIN_TOKEN))
                .start()) {
            TestApp.Res admin = local.call("GET", "/api/auth/me").bearer(TestApp.ADMIN_TOKEN).send();
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.json().get("kind").asText()).isEqualTo("admin");
            assertThat(local.get("/api/auth/me").status()).isEqualTo(200);
            String validSession = bearer(session(TestApp.SESSION_SECRET, Instant.now(), Instant.now().plusSeconds(600),
                    SessionTokens.ISSUER, SessionTokens.AUDIENCE))[1].substring(7);
            assertThat(local.call("GET", "/api/auth/me").bearer(validSession).send().status()).isEqualTo(401);
            assertThat(local.call("GET", "/api/auth/me").bearer(local.google.idToken(ada())).send().status())
                    .isEqualTo(401);
            assertThat(local.anonymous("GET", "/api/customers").send().status()).isEqualTo(401);
            TestApp.Res signIn = local.anonymous("POST", "/api/auth/google")
                    .json("{\"idToken\": \"" + local.google.idToken(ada()) + "\"}").send();
            assertThat(signIn.status()).isEqualTo(401);
            assertThat(signIn.json().get("detail").asText()).contains("local mode");
        }
    }

    static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    static String session(String secret, Instant iat, Instant exp, String issuer, String audience) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("u-1")
                    .issueTime(Date.from(iat)).expirationTime(Date.from(exp)).jwtID("j-1")
                    .claim("email", "ada@example.com").claim("role", "member").build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String unsigned() {
        String header = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String body = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"u-1\",\"iss\":\"minicrm\",\"aud\":\"minicrm-api\",\"exp\":"
                        + (Instant.now().getEpochSecond() + 600) + "}").getBytes());
        return header + "." + body + ".";
    }
}
