package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.http.auth.SignInCodes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local admin's one-time sign-in codes and the sign-in options a console reads. */
class SignInCodeTest {
    static TestApp local;

    @BeforeAll
    static void boot() {
        local = TestApp.builder().settings(s -> s.googleClientId(null).adminToken(TestApp.ADMIN_TOKEN)).start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    TestApp.Res redeem(String code) {
        return local.anonymous("POST", "/api/auth/code").json("{\"code\": " + TestApp.quote(code) + "}").send();
    }

    @Test
    void aCode_signsTheLocalAdminIn_once() {
        String code = local.api.issueSignInCode();
        TestApp.Res first = redeem(code);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        String token = first.json().get("token").asText();
        JsonNode me = local.call("GET", "/api/auth/me").bearer(token).send().json();
        assertThat(me.get("kind").asText()).isEqualTo("admin");
        assertThat(me.get("admin").asBoolean()).isTrue();
        assertThat(local.call("GET", "/api/admin/dead-letters").bearer(token).send().status()).isEqualTo(200);

        TestApp.Res again = redeem(code);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.isProblem()).isTrue();
        assertThat(again.json().get("detail").asText()).contains("used already");
    }

    @Test
    void unknownOrMissingCodes_areRefused_andNothingIsSignedIn() {
        assertThat(redeem("not-a-code").status()).isEqualTo(401);
        TestApp.Res missing = local.anonymous("POST", "/api/auth/code").json("{}").send();
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("errors").get(0).get("path").asText()).isEqualTo("/code");
        assertThat(local.anonymous("POST", "/api/auth/code").json("{\"code\": \"x\", \"extra\": 1}").send().status())
                .isEqualTo(400);
    }

    @Test
    void aCode_expiresAfterItsLifetime() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        SignInCodes codes = new SignInCodes(clock);
        String fresh = codes.issue();
        String stale = codes.issue();
        now.set(now.get().plus(SignInCodes.TTL).minusSeconds(1));
        assertThat(codes.redeem(fresh)).isTrue();
        now.set(now.get().plus(Duration.ofSeconds(1)));
        assertThat(codes.redeem(stale)).isFalse();
    }

    @Test
    void adminSessions_areRefused_whereThereIsNoLocalAdmin() {
        String token = redeem(local.api.issueSignInCode()).json().get("token").asText();
        try (TestApp google = TestApp.start()) {
            // same session secret, but this server has Google sign-in and no local admin
            TestApp.Res r = google.call("GET", "/api/auth/me").bearer(token).send();
            assertThat(r.status()).isEqualTo(401);
            assertThat(google.anonymous("POST", "/api/auth/code").json("{\"code\": \"abc\"}").send().status())
                    .isEqualTo(401);
        }
    }

    @Test
    void options_sayWhichSignInMethodsThereAre() {
        JsonNode localOptions = local.anonymous("GET", "/api/auth/options").send().json();
        assertThat(localOptions.get("localAdmin").asBoolean()).isTrue();
        assertThat(localOptions.get("google").isNull()).isTrue();
        try (TestApp google = TestApp.start()) {
            JsonNode options = google.anonymous("GET", "/api/auth/options").send().json();
            assertThat(options.get("localAdmin").asBoolean()).isFalse();
            assertThat(options.get("google").get("clientId").asText()).isEqualTo(FakeGoogle.CLIENT_ID);
        }
    }
}
