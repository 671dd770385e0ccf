package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web console is served from this server alone, and its own (same-origin) requests pass the CORS rules. */
class ConsoleAssetsTest {
    static final List<String> MODULES = List.of("app", "api", "ui", "pages/signin", "pages/dashboard", "pages/customers",
            "pages/customer", "pages/customer-form", "pages/segments", "pages/segment", "pages/rule-tree", "pages/campaigns",
            "pages/campaign-new", "pages/campaign", "pages/operations");
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void thePage_andEveryModuleAndStylesheet_areServedHere_andNothingComesFromOutside() {
        TestApp.Res page = app.anonymous("GET", "/").send();
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(page.body()).doesNotContain("http://").doesNotContain("https://").doesNotContain("%UPLOT%");
        Matcher chart = Pattern.compile("content=\"(/webjars/uplot/[^\"]+)\"").matcher(page.body());
        assertThat(chart.find()).isTrue();
        assertThat(app.anonymous("GET", chart.group(1) + "uPlot.iife.min.js").send().status()).isEqualTo(200);
        assertThat(app.anonymous("GET", "/console/console.css").send().status()).isEqualTo(200);
        for (String m : MODULES) {
            TestApp.Res js = app.anonymous("GET", "/console/js/" + m + ".js").send();
            assertThat(js.status()).as(m).isEqualTo(200);
            assertThat(js.contentType()).as(m).contains("javascript");
            // the only outside script is Google's sign-in, loaded only when GOOGLE_CLIENT_ID is set
            assertThat(js.body().replace("https://accounts.google.com/gsi/client", "")).as(m)
                    .doesNotContain("http://").doesNotContain("https://");
        }
    }

    @Test
    void sameOriginRequests_passTheCorsRules_otherOriginsStillNeedToBeListed() {
        String self = app.base;
        TestApp.Res own = app.call("GET", "/api/auth/me").header("Origin", self).send();
        assertThat(own.status()).isEqualTo(200);
        TestApp.Res module = app.anonymous("GET", "/console/js/app.js").header("Origin", self).send();
        assertThat(module.status()).isEqualTo(200);
        TestApp.Res foreign = app.call("GET", "/api/auth/me").header("Origin", "http://evil.example.com").send();
        assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void sameOrigin_comparesSchemeHostAndPort() {
        assertThat(SameOriginRequests.sameOrigin("http://localhost:5000", "localhost:5000", "http")).isTrue();
        assertThat(SameOriginRequests.sameOrigin("http://crm.example.com", "crm.example.com", "http")).isTrue();
        assertThat(SameOriginRequests.sameOrigin("https://crm.example.com", "crm.example.com:443", "https")).isTrue();
        assertThat(SameOriginRequests.sameOrigin("http://localhost:5001", "localhost:5000", "http")).isFalse();
        assertThat(SameOriginRequests.sameOrigin("http://evil.com", "localhost:5000", "http")).isFalse();
        assertThat(SameOriginRequests.sameOrigin("https://localhost:5000", "localhost:5000", "http")).isFalse();
        assertThat(SameOriginRequests.sameOrigin("null", "localhost:5000", "http")).isFalse();
    }
}
