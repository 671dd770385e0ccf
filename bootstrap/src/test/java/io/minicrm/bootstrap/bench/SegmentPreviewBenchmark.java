package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.bootstrap.Application;
import io.minicrm.bootstrap.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (not part of {@code verify}): {@code POST /api/segments/preview} against {@code POST /api/segments}
 * (which counts the segment's customers) on the booted server, embedded default, with {@code bench.customers}
 * customers (default 100,000), in one run. For each rule (everyone, the reference rule, one city, nobody, one
 * of the oldest customers) the two requests alternate, so both see the same machine; after warm-up rounds, the median and 90th
 * percentile of each are printed, with their ratio. Each answer's count is checked against the other's. Before
 * that, the old frontend's whole customer list is fetched three times (size and time printed).
 *
 * <pre>mvn -Pbench -pl bootstrap verify -Dtest=SegmentPreviewBenchmark -Dbench.customers=100000 \
 *     -Dtest.jvm.args=-Xmx3g -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@Tag("bench")
class SegmentPreviewBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RULES = {
            "createdAt exists",
            "totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) and not tags contains \"churned\"",
            "city = \"Pune\"",
            "totalSpent > 99999999",
            // the worst case of the sample: its only match is among the oldest customers
            "name = \"Bench 7\""};
    private static final String[] CITIES = {"Pune", "Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Jaipur"};

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void previewCostsNoMoreThanCreatingTheSegment() throws Exception {
        int customers = Integer.getInteger("bench.customers", 100_000);
        int rounds = Integer.getInteger("bench.rounds", 15);
        int warmup = Integer.getInteger("bench.warmup", 4);
        Application app = new Application(Config.from(Map.of("PORT", "0")));
        app.start();
        try {
            String token = app.adminToken().orElseThrow();
            long t0 = System.nanoTime();
            ingest(app.baseUrl(), token, customers);
            System.out.printf("%n=== segment preview vs create, %,d customers (ingested in %.1f s), embedded store, %d cores ===%n",
                    customers, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().availableProcessors());
            wholeList(app.baseUrl(), token, customers);
            System.out.printf("%-44s %8s %20s %20s %8s%n", "rule", "matches", "preview p50/p90 ms", "create p50/p90 ms",
                    "p50 ratio");
            for (String dsl : RULES) {
                String rules = JSON.writeValueAsString(Map.of("dsl", dsl));
                long[] preview = new long[rounds];
                long[] create = new long[rounds];
                long matches = -1;
                for (int i = -warmup; i < rounds; i++) {
                    long a = System.nanoTime();
                    JsonNode p = post(app.baseUrl(), token, "/api/segments/preview", "{\"rules\": " + rules + "}", 200);
                    long b = System.nanoTime();
                    JsonNode s = post(app.baseUrl(), token, "/api/segments", "{\"name\": \"bench " + i + "\", \"rules\": "
                            + rules + "}", 201);
                    long c = System.nanoTime();
                    assertThat(p.get("count").asLong()).as(dsl).isEqualTo(s.get("customerCount").asLong());
                    matches = p.get("count").asLong();
                    if (i >= 0) {
                        preview[i] = b - a;
                        create[i] = c - b;
                    }
                }
                Arrays.sort(preview);
                Arrays.sort(create);
                System.out.printf("%-44.44s %,8d %9.1f / %8.1f %9.1f / %8.1f %8.2f%n", dsl, matches, ms(preview, 0.5),
                        ms(preview, 0.9), ms(create, 0.5), ms(create, 0.9), ms(preview, 0.5) / ms(create, 0.5));
            }
        } finally {
            app.stop();
        }
    }

    /** The old frontend's {@code GET /api/customers}: every customer, streamed a page of 1,000 at a time. */
    private void wholeList(URI base, String token, int customers) throws Exception {
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(base.resolve("/api/customers"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            int items = 0;
            try (com.fasterxml.jackson.core.JsonParser p = JSON.getFactory().createParser(r.body())) {
                int depth = 0;
                for (com.fasterxml.jackson.core.JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                    if (t.isStructStart()) {
                        items += t == com.fasterxml.jackson.core.JsonToken.START_OBJECT && depth == 1 ? 1 : 0;
                        depth++;
                    } else if (t.isStructEnd()) {
                        depth--;
                    }
                }
                bytes = p.getCurrentLocation().getByteOffset();
            }
            assertThat(items).isEqualTo(customers);
            System.out.printf("GET /api/customers (every customer): %,d items, %.1f MB in %.2f s%n", items, bytes / 1e6,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e6;
    }

    /** Customers like a shop's: some without visits or orders, a few opted out, a tenth churned. */
    private void ingest(URI base, String token, int n) throws Exception {
        Instant now = Instant.now();
        for (int start = 0; start < n; start += 1000) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + 1000); i++) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("email", "bench" + i + "@preview.example");
                c.put("name", "Bench " + i);
                c.put("city", CITIES[i % CITIES.length]);
                if (i % 4 != 0) {
                    c.put("visits", i % 9);
                }
                c.put("tags", i % 10 == 0 ? List.of("churned") : List.of("t" + (i % 5)));
                c.put("optedOut", i % 20 == 0);
                if (i % 3 != 0) {
                    c.put("totalSpent", (i * 37) % 30_000);
                    c.put("totalOrders", 1 + i % 7);
                    c.put("lastPurchaseDate", now.minus(Duration.ofDays(i % 200)).toString());
                }
                chunk.add(c);
            }
            JsonNode r = post(base, token, "/api/customers", JSON.writeValueAsString(chunk), 200);
            assertThat(r.get("accepted").asInt()).isEqualTo(chunk.size());
        }
    }

    private JsonNode post(URI base, String token, String path, String body, int status) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }
}
