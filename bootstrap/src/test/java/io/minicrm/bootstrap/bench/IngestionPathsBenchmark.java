package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.bootstrap.Application;
import io.minicrm.bootstrap.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness (not part of {@code verify}): customers/s through {@code POST /api/customers} in
 * 1,000-row bulks, end to end, on the embedded store — (a) direct (synchronous) path, (b) queued path
 * through Redis Streams (USE_PUBSUB=true, 202 + tracking id, until every ingestion reports done), with
 * the ingest queue's lag sampled during the burst. {@code bench.clients} clients (default 4) send the
 * bulks concurrently; each path first runs a smaller untimed round in a throwaway instance so both are
 * measured with a warm JIT.
 *
 * <pre>mvn -Pbench -pl bootstrap verify -Dtest=IngestionPathsBenchmark -Dbench.rows=100000 \
 *     -Dtest.jvm.args=-Xmx2g -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@Tag("bench")
class IngestionPathsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void directVersusQueuedIngestion() throws Exception {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int clients = Integer.getInteger("bench.clients", 4);
        List<String> bodies = bodies(rows);

        int warmRows = Math.min(rows, 20_000);
        for (boolean queuedPath : new boolean[] {false, true}) {
            Application warm = new Application(Config.from(queuedPath
                    ? Map.of("PORT", "0", "REDIS_URL", RedisTestServer.sharedUrl(), "USE_PUBSUB", "true")
                    : Map.of("PORT", "0")));
            warm.start();
            try {
                run(warm, bodies(warmRows), warmRows, queuedPath, null, clients);
            } finally {
                warm.stop();
            }
        }

        Application direct = new Application(Config.from(Map.of("PORT", "0")));
        direct.start();
        double directRate;
        try {
            directRate = run(direct, bodies, rows, false, null, clients);
        } finally {
            direct.stop();
        }

        Application queued = new Application(Config.from(Map.of("PORT", "0", "REDIS_URL", RedisTestServer.sharedUrl(),
                "USE_PUBSUB", "true")));
        queued.start();
        double queuedRate;
        AtomicLong maxLag = new AtomicLong();
        try {
            queuedRate = run(queued, bodies, rows, true, maxLag, clients);
        } finally {
            queued.stop();
        }
        System.out.printf("%n=== ingestion paths: %,d customers in 1,000-row bulks from %d clients, embedded store, %d cores ===%n",
                rows, clients, Runtime.getRuntime().availableProcessors());
        System.out.printf("direct (200, written in the request)      %,10.0f customers/s%n", directRate);
        System.out.printf("queued via Redis (202 .. all written)     %,10.0f customers/s  (max ingest-queue lag %,d messages of 500 rows)%n",
                queuedRate, maxLag.get());
    }

    private static List<String> bodies(int rows) throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int start = 0; start < rows; start += 1000) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(rows, start + 1000); i++) {
                chunk.add(Map.of("email", "load" + i + "@ingest.example", "name", "Load " + i, "city", "Pune",
                        "visits", i % 17, "tags", List.of("t" + (i % 5))));
            }
            bodies.add(JSON.writeValueAsString(chunk));
        }
        return bodies;
    }

    private double run(Application app, List<String> bodies, int rows, boolean queued, AtomicLong maxLag, int clients)
            throws Exception {
        String token = app.adminToken().orElseThrow();
        URI url = app.baseUrl().resolve("/api/customers");
        Thread sampler = null;
        if (maxLag != null) {
            io.minicrm.application.ops.QueueHealth q = app.crm().queues();
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    maxLag.accumulateAndGet(q.stats(Topics.INGEST).lag(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
        }
        long t0 = System.nanoTime();
        List<String> tracking = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            sent.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(bodies.get(b)))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(queued ? 202 : 200);
                    if (queued) {
                        tracking.add(JSON.readTree(r.body()).get("id").asText());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        pool.shutdown();
        if (queued) {
            for (String id : tracking) {
                while (true) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(app.baseUrl().resolve("/api/ingestions/" + id))
                            .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
                    JsonNode n = JSON.readTree(r.body());
                    if ("done".equals(n.get("status").asText())) {
                        break;
                    }
                    Thread.sleep(10);
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (sampler != null) {
            sampler.interrupt();
        }
        assertThat(app.store().customers().countAll()).isEqualTo(rows);
        return rows / seconds;
    }

}
