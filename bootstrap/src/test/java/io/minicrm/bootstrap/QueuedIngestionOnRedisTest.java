package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.application.delivery.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * USE_PUBSUB with REDIS_URL through the booted server on the embedded store: bulks answer 202 with a
 * tracking id, bad rows are refused at once by index, the Redis ingest consumers write every good row
 * exactly once (the same bulk sent again changes nothing), and the tracking resource reports done.
 */
class QueuedIngestionOnRedisTest {

    @Test
    void bulksAreQueuedOnRedis_trackedToDone_andEveryGoodRowIsWrittenOnce() {
        // a Redis of its own: no consumer group or pending entry left by another test's instances
        RedisTestServer redis = System.getenv("REDIS_URL") == null ? RedisTestServer.start(false) : null;
        String redisUrl = redis == null ? RedisTestServer.sharedUrl() : redis.url();
        Application app = new Application(Config.from(Map.of("PORT", "0", "REDIS_URL", redisUrl,
                "USE_PUBSUB", "true", "CRM_INSTANCE_ID", "queued-ingest-test")));
        app.start();
        try {
            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
            List<String> tracking = new ArrayList<>();
            for (int bulk = 0; bulk < 5; bulk++) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    int n = bulk * 1_000 + i;
                    rows.add(i == 500 ? Map.of("email", "not-an-email-" + n)
                            : Map.of("email", "r" + n + "@redis.example", "name", "Row " + n, "visits", n % 9));
                }
                ApiClient.Response r = api.post("/api/customers", rows);
                assertThat(r.status()).as("bulk %d: %s", bulk, r.body()).isEqualTo(202);
                assertThat(r.body().get("accepted").asInt()).isEqualTo(999);
                assertThat(r.body().get("rejected")).hasSize(1);
                assertThat(r.body().get("rejected").get(0).get("index").asInt()).isEqualTo(500);
                tracking.add(r.body().get("id").asText());
            }
            // the first bulk again: queued again, written again as upserts, counted once
            List<Map<String, Object>> again = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                if (i != 500) {
                    again.add(Map.of("email", "r" + i + "@redis.example", "name", "Row " + i, "visits", i % 9));
                }
            }
            ApiClient.Response repeat = api.post("/api/customers", again);
            assertThat(repeat.status()).isEqualTo(202);
            tracking.add(repeat.body().get("id").asText());

            for (String id : tracking) {
                // normally a few seconds; the bound is beyond the ingest consumers' reclaim idle (120 s), so an
                // entry stranded with a consumer that died still gets done
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                    JsonNode now = api.get("/api/ingestions/" + id).body();
                    assertThat(now.path("status").asText()).as("ingestion %s: %s; ingest queue: %s", id, now,
                            app.crm().queues().stats(Topics.INGEST)).isEqualTo("done");
                });
                JsonNode done = api.get("/api/ingestions/" + id).body();
                assertThat(done.get("written").asInt()).as("ingestion %s", id).isEqualTo(999);
                assertThat(done.get("kind").asText()).isEqualTo("customers");
            }
            assertThat(app.store().customers().countAll()).isEqualTo(5 * 999);
            assertThat(api.get("/api/ingestions/no-such-ingestion").status()).isEqualTo(404);
        } finally {
            app.stop();
            if (redis != null) {
                redis.close();
            }
        }
    }
}
