package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.http.auth.GoogleEndpoints;
import io.minicrm.adapter.http.auth.GoogleIdentityVerifier;
import io.minicrm.adapter.http.auth.IdentityProviderUnavailableException;
import io.minicrm.application.port.IdentityVerifier;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The production verifier against endpoints that do not answer, and its configuration checks. */
class GoogleUnavailableTest {

    @Test
    void unreachableCertificatesOrTokenEndpoint_isUnavailable_notAnInvalidToken() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (FakeGoogle google = new FakeGoogle()) {
            String base = "http://127.0.0.1:" + closed;
            GoogleIdentityVerifier verifier = new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET,
                    new GoogleEndpoints(base + "/certs", base + "/token", GoogleEndpoints.ISSUERS));
            String token = google.idToken(FakeGoogle.Claims.valid("s", "s@example.com"));
            assertThatThrownBy(() -> verifier.verifyIdToken(token)).isInstanceOf(IdentityProviderUnavailableException.class);
            assertThatThrownBy(() -> verifier.exchangeCode("c", null)).isInstanceOf(IdentityProviderUnavailableException.class);
            assertThatThrownBy(() -> verifier.verifyIdToken("x.y")).isInstanceOf(IdentityVerifier.InvalidCredentialsException.class);
        }
    }

    @Test
    void tokensThatCannotBeValid_areRefusedWithoutFetchingGooglesCertificates() throws Exception {
        try (FakeGoogle google = new FakeGoogle()) {
            GoogleIdentityVerifier verifier = new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, null, google.endpoints());
            String valid = google.idToken(FakeGoogle.Claims.valid("s", "s@example.com"));
            String payload = valid.split("\\.")[1];
            String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
            String hmac = b64("{\"alg\":\"HS256\",\"kid\":\"" + FakeGoogle.KID + "\"}") + "." + payload + ".c2ln";
            for (String token : List.of(none, hmac,
                    google.idToken(FakeGoogle.Claims.valid("s", "s@example.com").audience("someone-else")),
                    google.idToken(FakeGoogle.Claims.valid("s", "s@example.com").issuer("https://evil.example.com")),
                    google.idToken(FakeGoogle.Claims.valid("s", "s@example.com").expiresAt(Instant.now().minusSeconds(3600))),
                    "x".repeat(100_000))) {
                assertThatThrownBy(() -> verifier.verifyIdToken(token))
                        .isInstanceOf(IdentityVerifier.InvalidCredentialsException.class);
            }
            assertThat(google.certRequests.get()).as("no outbound call for any of them").isZero();
        }
    }

    @Test
    void aFailedCertificateFetch_isRemembered_soSignInsDoNotEachCallGoogle() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failing.createContext("/certs", ex -> {
            fetches.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        failing.start();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        try (FakeGoogle google = new FakeGoogle()) {
            String base = "http://127.0.0.1:" + failing.getAddress().getPort();
            GoogleIdentityVerifier verifier = new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, null,
                    new GoogleEndpoints(base + "/certs", base + "/token", GoogleEndpoints.ISSUERS),
                    new com.google.api.client.http.javanet.NetHttpTransport(), now::get);
            String token = google.idToken(FakeGoogle.Claims.valid("s", "s@example.com"));
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> verifier.verifyIdToken(token)).isInstanceOf(IdentityProviderUnavailableException.class);
            }
            assertThat(fetches.get()).isEqualTo(1);
            now.addAndGet(GoogleIdentityVerifier.FETCH_FAILURE_BACKOFF.toNanos() + 1);
            assertThatThrownBy(() -> verifier.verifyIdToken(token)).isInstanceOf(IdentityProviderUnavailableException.class);
            assertThat(fetches.get()).as("asked again after the backoff").isEqualTo(2);
        } finally {
            failing.stop(0);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withoutAClientSecret_theCodeFlowIsRefused_butIdTokensWork() throws Exception {
        try (FakeGoogle google = new FakeGoogle()) {
            GoogleIdentityVerifier verifier = new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, null, google.endpoints());
            assertThatThrownBy(() -> verifier.exchangeCode("c", null))
                    .isInstanceOf(IdentityVerifier.InvalidCredentialsException.class)
                    .hasMessageContaining("GOOGLE_CLIENT_SECRET");
            IdentityVerifier.Identity id = verifier.verifyIdToken(google.idToken(FakeGoogle.Claims.valid("s", "s@example.com")));
            assertThat(id.email()).isEqualTo("s@example.com");
            assertThat(id.emailVerified()).isTrue();
            assertThat(id.hostedDomain()).isEqualTo("example.com");
            // the certificates are fetched once and cached as their max-age says
            verifier.verifyIdToken(google.idToken(FakeGoogle.Claims.valid("t", "t@example.com")));
            assertThat(google.certRequests.get()).isEqualTo(1);
        }
    }

    @Test
    void signIn_answers503_whenGoogleCannotBeReached() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + closed;
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
             FakeGoogle other = new FakeGoogle()) {
            // a verifier whose certificates are unreachable, through the real HTTP sign-in route
            GoogleIdentityVerifier broken = new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET,
                    new GoogleEndpoints(base + "/certs", base + "/token", GoogleEndpoints.ISSUERS));
            assertThatThrownBy(() -> broken.verifyIdToken(other.idToken(FakeGoogle.Claims.valid("s", "s@example.com"))))
                    .isInstanceOf(IdentityProviderUnavailableException.class);
            assertThat(app.anonymous("GET", "/health").send().status()).isEqualTo(200);
        }
    }
}
