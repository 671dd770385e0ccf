package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.http.auth.GoogleEndpoints;
import io.minicrm.adapter.http.auth.GoogleIdentityVerifier;
import io.minicrm.adapter.http.auth.IdentityProviderUnavailableException;
import io.minicrm.application.port.IdentityVerifier;
import java.net.ServerSocket;
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
