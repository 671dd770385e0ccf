package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar minicrm.jar demo N}: the generated shop loads through the real use cases on the
 * embedded default, and its campaign sends to completion with numbers that add up, visible over HTTP.
 */
class DemoDataTest {

    @Test
    void theDemoShopLoads_andItsCampaignCompletesWithNumbersThatAddUp() {
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_RETRY_BASE_MS", "50")));
        app.start();
        try {
            DemoData.Loaded loaded = new DemoData(app.crm(), Clock.systemUTC()).load(800, 7);
            assertThat(loaded.customers()).isEqualTo(800);
            assertThat(loaded.orders()).isPositive();
            assertThat(loaded.segments()).hasSize(3);

            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
            assertThat(api.get("/api/customers?limit=1").status()).isEqualTo(200);
            JsonNode segments = api.get("/api/segments").body();
            assertThat(segments.findValuesAsText("name")).contains("High spenders", "At risk", "Pune VIPs");
            String id = loaded.campaign().id().value();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                    "COMPLETED".equalsIgnoreCase(api.get("/api/campaigns/" + id).body().path("status").asText()));
            JsonNode campaign = api.get("/api/campaigns/" + id).body();
            JsonNode stats = campaign.has("stats") ? campaign.get("stats") : campaign;
            long audience = stats.path("audience").asLong(-1);
            assertThat(audience).as(campaign.toString()).isPositive();
            assertThat(stats.path("sent").asLong() + stats.path("failed").asLong()).as(campaign.toString()).isEqualTo(audience);
            assertThat(stats.path("pending").asLong()).isZero();
        } finally {
            app.stop();
        }
    }
}
