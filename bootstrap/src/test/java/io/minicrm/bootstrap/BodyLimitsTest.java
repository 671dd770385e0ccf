package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body limits from the environment reach the running server: one byte over is a 413. */
class BodyLimitsTest {

    @Test
    void theBulkLimitFromTheEnvironment_isEnforced() {
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_MAX_BODY_MB", "1",
                "CRM_MAX_BULK_BODY_MB", "2")));
        app.start();
        try {
            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
            String row = "{\"email\": \"x%d@limits.example\", \"name\": \"%s\"},";
            String padding = "n".repeat(190);
            StringBuilder under = new StringBuilder("[");
            for (int i = 0; under.length() < 1_500_000; i++) {
                under.append(String.format(row, i, padding));
            }
            under.setCharAt(under.length() - 1, ']');
            ApiClient.Response ok = api.post("/api/customers", under.toString());
            assertThat(ok.status()).as("1.5 MB under a 2 MB bulk limit: %s", ok.body()).isEqualTo(200);

            StringBuilder over = new StringBuilder("[");
            for (int i = 0; over.length() < 2 * 1024 * 1024 + 10; i++) {
                over.append(String.format(row, i, padding));
            }
            over.setCharAt(over.length() - 1, ']');
            ApiClient.Response tooLarge = api.post("/api/customers", over.toString());
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(api.post("/api/segments/preview", "{\"dsl\": \"" + "x".repeat(1024 * 1024 + 1) + "\"}").status())
                    .as("ordinary routes keep the 1 MB limit").isEqualTo(413);
        } finally {
            app.stop();
        }
    }
}
