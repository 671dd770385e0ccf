package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load harness (not part of {@code verify}): the packaged jar as a shop runs it, over HTTP. N customers
 * (default 1,000,000) through {@code POST /api/customers} in bulks of 1,000 from 4 clients; then a stop
 * (SIGTERM) and a restart on the same data, timed until the server answers; then a 3-condition segment
 * preview, three times. Prints customers/s, the process's resident memory, the file size, the store's
 * commit and fsync cost, the restart time and the preview times.
 *
 * <pre>mvn -Pbench -pl bootstrap -am verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=StoreScaleBenchmarkIT -Dbench.customers=1000000 -Dbench.heap=1g [-Dbench.store=memory]</pre>
 */
@Tag("bench")
class StoreScaleBenchmarkIT {
    private static final String KEY = "bench-api-key-0123456789";
    private static final String RULE = "visits > 5 and city = \"Pune\" and not tags contains \"churned\"";
    private static final List<String> CITIES = List.of("Pune", "Mumbai", "Delhi", "Goa", "Chennai");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ingestRestartPreview() throws Exception {
        int n = Integer.getInteger("bench.customers", 1_000_000);
        String heap = System.getProperty("bench.heap", "1g");
        boolean memory = "memory".equals(System.getProperty("bench.store"));
        int clients = Integer.getInteger("bench.clients", 4);
        Path work = Files.createTempDirectory("store-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "CRM_API_KEYS", KEY,
                "CRM_DATA_DIR", memory ? "memory" : work.resolve("data").toString());
        System.out.printf("%n=== store benchmark: %,d customers, %d clients, -Xmx%s, %s store ===%n", n, clients, heap,
                memory ? "memory" : "durable");

        Process server = start(work, heap, env, "first");
        awaitReady(base, server, Duration.ofMinutes(2));
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int b = next.getAndIncrement(); b * 1000 < n; b = next.getAndIncrement()) {
                    List<Map<String, Object>> rows = new ArrayList<>(1000);
                    for (int i = b * 1000; i < Math.min(n, (b + 1) * 1000); i++) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("email", "c" + i + "@scale.example");
                        row.put("name", "Customer " + i);
                        row.put("city", CITIES.get(i % CITIES.size()));
                        row.put("visits", i % 13);
                        row.put("tags", i % 10 == 0 ? List.of("churned") : List.of("newsletter"));
                        rows.add(row);
                    }
                    JsonNode answer = post(base, "/api/customers", rows);
                    written.addAndGet(answer.get("accepted").asLong());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long rss = rssKb(server.pid());
        System.out.printf("ingestion: %,d customers in %.1f s = %,.0f customers/s; resident memory %,d MB%n", written.get(),
                seconds, written.get() / seconds, rss >> 10);
        assertThat(written.get()).isEqualTo(n);
        if (memory) {
            preview(base);
            stop(server);
            return;
        }
        stop(server);
        printStoreLine(work.resolve("first.log"));
        System.out.printf("data file %,d MB%n", Files.size(work.resolve("data").resolve("minicrm.mv")) >> 20);

        long restart0 = System.nanoTime();
        Process again = start(work, heap, env, "second");
        awaitReady(base, again, Duration.ofMinutes(5));
        System.out.printf("restart with that data: %.1f s until /ready (JVM start included)%n", (System.nanoTime() - restart0) / 1e9);
        preview(base);
        System.out.printf("resident memory after the previews %,d MB%n", rssKb(again.pid()) >> 10);
        stop(again);
    }

    private void preview(URI base) throws Exception {
        for (int i = 1; i <= 3; i++) {
            long t = System.nanoTime();
            JsonNode p = post(base, "/api/segments/preview", Map.of("rules", Map.of("dsl", RULE)));
            System.out.printf("preview %d (%s): %,d customers (%,d reachable) in %.2f s%n", i, RULE, p.get("count").asLong(),
                    p.get("reachable").asLong(), (System.nanoTime() - t) / 1e9);
        }
    }

    private Process start(Path work, String heap, Map<String, String> env, String name) throws IOException {
        Path jar = Path.of(System.getProperty("minicrm.jar", "target/minicrm.jar")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-jar", jar.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CRM_") || k.startsWith("MONGO") || k.startsWith("REDIS")
                || k.startsWith("VENDOR") || k.equals("USE_PUBSUB") || k.equals("PORT"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private static void stop(Process p) throws InterruptedException {
        p.toHandle().destroy();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static void printStoreLine(Path log) throws IOException {
        for (String line : Files.readAllLines(log)) {
            if (line.contains("store closed:")) {
                System.out.println(line.substring(line.indexOf("store closed:")));
            }
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private JsonNode post(URI base, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/json").header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
    }

    private void awaitReady(URI base, Process p, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < end) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited with " + p.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/ready")).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("not ready within " + atMost);
    }
}
