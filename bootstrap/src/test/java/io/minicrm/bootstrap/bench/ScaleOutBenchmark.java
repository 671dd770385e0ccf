package io.minicrm.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.port.LeaseRepository;
import java.io.File;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Scale-out harness (not part of {@code verify}): N server processes ({@code java ... io.minicrm.bootstrap.Main},
 * default settings) on one Redis (bundled redis-server) and one store (the embedded MongoDB-wire server, served from
 * this JVM), sending one campaign through a vendor simulator that answers every request after 50 ms
 * ({@code VENDOR_SIM_ANSWER_DELAY_MS=50-50}), 10 messages per request and 4 requests in flight per instance
 * ({@code VENDOR_MAX_BATCH=10}, {@code VENDOR_MAX_CONCURRENCY=4}: at most 800 messages/s per instance). Prints, for
 * 1, 2 and 3 instances, the messages the vendor accepted per second (between 10 % and 90 % of the audience), the time
 * to the last first send and to COMPLETED, and each instance's own sends/s as {@code GET /api/admin/instances} shows
 * it; then, with {@code kill -9} of one instance mid-campaign, the time until the other instances hold its queue
 * entries and have finished them, and, with the instance writing the audience killed, the time until its lease is
 * taken over (default timings: heartbeat 1 s, dead-after 5 s).
 *
 * <pre>mvn -Pbench -pl bootstrap verify -Dtest=ScaleOutBenchmark -Dbench.recipients=24000 \
 *     -Dsurefire.failIfNoSpecifiedTests=false -DskipITs</pre>
 */
@Tag("bench")
class ScaleOutBenchmark {
    private static final String SECRET = "scale-out-bench-secret-0123456789";
    private static final String API_KEY = "scale-out-bench-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path LOGS = Path.of("target", "scale-out-bench");

    private final int recipients = Integer.getInteger("bench.recipients", 24_000);
    private final int answerDelayMs = Integer.getInteger("bench.answerDelayMs", 50);
    private final String scenarios = System.getProperty("bench.scenarios", "throughput,kill,audience");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void throughputGrowsWithInstances_andADeadInstancesWorkResumesInSeconds() throws Exception {
        Files.createDirectories(LOGS);
        List<String> report = new ArrayList<>() {
            @Override
            public boolean add(String line) { // each figure as soon as it is measured (a long run may be cut short)
                System.out.println(line);
                try {
                    Files.writeString(LOGS.resolve("results.txt"), line + System.lineSeparator(),
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return super.add(line);
            }
        };
        report.add(String.format(Locale.ROOT, "---- %s: %d recipients, vendor answers after %d ms, machine load %.1f on %d "
                + "cores", java.time.Instant.now(), recipients, answerDelayMs,
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors()));
        double single = 0;
        for (String s : scenarios.contains("throughput") ? System.getProperty("bench.instances", "1,2,3").split(",")
                : new String[0]) {
            int n = Integer.parseInt(s.strip());
            try (Env env = new Env(n)) {
                Throughput t = env.throughput();
                single = n == 1 ? t.perSecond : single;
                report.add(String.format(Locale.ROOT, "%d instance(s): %,.0f msgs/s (%.2fx of one), last first send after "
                        + "%.1f s, COMPLETED after %.1f s; per instance (admin view): %s", n, t.perSecond,
                        single > 0 ? t.perSecond / single : 0, t.firstSendsSeconds, t.completedSeconds, t.perInstance));
            }
        }
        if (scenarios.contains("kill")) {
            try (Env env = new Env(3)) {
                report.add(env.killADispatcher());
            }
        }
        if (scenarios.contains("audience")) {
            try (Env env = new Env(2)) {
                report.add(env.killTheAudienceWriter());
            }
        }
        System.out.println("\n==== scale-out benchmark, " + recipients + " recipients ====");
        report.forEach(System.out::println);
    }

    private record Throughput(double perSecond, double firstSendsSeconds, double completedSeconds, String perInstance) {
    }

    /** One Redis, one store, one vendor simulator and {@code n} server processes. */
    private final class Env implements AutoCloseable {
        final RedisTestServer redis = RedisTestServer.start(false);
        final EmbeddedMongo mongo = EmbeddedMongo.startInMemory();
        final VendorSimulator sim;
        final List<Instance> instances = new ArrayList<>();
        final MongoStore store;
        final RedisClient redisClient;
        String campaignId;

        Env(int n) throws Exception {
            sim = new VendorSimulator(SimulatorSettings.defaults(SECRET).withSeed(7)
                    .withAnswerDelay(new DelayRange(Duration.ofMillis(answerDelayMs), Duration.ofMillis(answerDelayMs))));
            sim.start(0);
            for (int i = 1; i <= n; i++) {
                instances.add(new Instance("bench-" + i, this));
            }
            for (Instance i : instances) {
                i.awaitUp();
            }
            sim.setReceiptUrl(URI.create(instances.get(0).base + "/api/receipt"));
            store = MongoStore.connect(mongo.uri(), "minicrm");
            redisClient = RedisClient.create(URI.create(redis.url()));
            ingest();
        }

        void ingest() throws Exception {
            Instance first = instances.get(0);
            for (int start = 0; start < recipients; start += 1000) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = start; i < Math.min(recipients, start + 1000); i++) {
                    rows.add(Map.of("email", "r" + i + "@scale.example", "name", "Recipient " + i));
                }
                JsonNode r = first.post("/api/customers", rows);
                assertThat(r.get("accepted").asInt()).isEqualTo(rows.size());
            }
        }

        long launch() throws Exception {
            Instance first = instances.get(0);
            JsonNode seg = first.post("/api/segments", Map.of("name", "All", "rules", Map.of("dsl", "email exists"),
                    "campaign", Map.of("name", "Scale", "message", "Hi {{name|there}}, a message for you.")));
            campaignId = seg.get("campaign").get("id").asText();
            long t0 = System.nanoTime();
            first.post("/api/send", Map.of("campaignId", campaignId));
            return t0;
        }

        boolean completed() {
            try {
                Instance alive = instances.stream().filter(Instance::alive).findFirst().orElseThrow(); // not a killed one
                return "completed".equals(alive.get("/api/campaigns/" + campaignId).get("status").asText());
            } catch (Exception e) {
                return false;
            }
        }

        Throughput throughput() throws Exception {
            long t0 = launch();
            double at10 = 0;
            double at90 = 0;
            long n10 = 0;
            long n90 = 0;
            String perInstance = "";
            double firstSends = 0;
            while (true) {
                long sent = sim.counters().uniqueMessages();
                double t = (System.nanoTime() - t0) / 1e9;
                if (n10 == 0 && sent >= recipients / 10) {
                    n10 = sent;
                    at10 = t;
                }
                if (perInstance.isEmpty() && sent >= recipients / 2) {
                    perInstance = perInstance();
                }
                if (n90 == 0 && sent >= recipients * 9 / 10) {
                    n90 = sent;
                    at90 = t;
                }
                if (firstSends == 0 && sent >= recipients) {
                    firstSends = t;
                }
                if (firstSends > 0 && completed()) {
                    return new Throughput((n90 - n10) / (at90 - at10), firstSends, t, perInstance);
                }
                if (t > 600) {
                    throw new AssertionError("not completed after 10 minutes: " + sent + " sent");
                }
                Thread.sleep(50);
            }
        }

        String perInstance() {
            try {
                StringBuilder sb = new StringBuilder();
                for (JsonNode i : instances.get(0).get("/api/admin/instances").get("instances")) {
                    sb.append(String.format(Locale.ROOT, "%s %.0f/s (%d being sent)  ", i.get("instanceId").asText(),
                            i.get("sendsPerSecond").asDouble(), i.get("vendorInFlight").asLong()));
                }
                return sb.toString().strip();
            } catch (Exception e) {
                return "(unavailable: " + e + ")";
            }
        }

        /** Entries of {@code group} pending under {@code instance}'s consumers. */
        Set<StreamEntryID> pendingOf(String topic, String group, String instance) {
            Set<StreamEntryID> out = new HashSet<>();
            for (StreamPendingEntry p : redisClient.xpending("minicrm:stream:" + topic, group,
                    XPendingParams.xPendingParams().count(10_000))) {
                if (p.getConsumerName().startsWith(instance + "-")) {
                    out.add(p.getID());
                }
            }
            return out;
        }

        boolean anyPending(String topic, String group, Set<StreamEntryID> ids, Optional<String> under) {
            for (StreamPendingEntry p : redisClient.xpending("minicrm:stream:" + topic, group,
                    XPendingParams.xPendingParams().count(10_000))) {
                if (ids.contains(p.getID()) && under.map(u -> p.getConsumerName().startsWith(u + "-")).orElse(true)) {
                    return true;
                }
            }
            return false;
        }

        String killADispatcher() throws Exception {
            long t0 = launch();
            Instance victim = instances.get(instances.size() - 1);
            awaitTrue(() -> sim.counters().uniqueMessages() >= recipients * 3L / 10
                    && !pendingOf("deliveries", "dispatchers", victim.id).isEmpty(), 600);
            double before = rateOver(2_000);
            Set<StreamEntryID> jobs = pendingOf("deliveries", "dispatchers", victim.id);
            long killed = System.nanoTime();
            victim.kill();
            awaitTrue(() -> !anyPending("deliveries", "dispatchers", jobs, Optional.of(victim.id)), 120);
            double claimed = (System.nanoTime() - killed) / 1e9;
            awaitTrue(() -> !anyPending("deliveries", "dispatchers", jobs, Optional.empty()), 120);
            double done = (System.nanoTime() - killed) / 1e9;
            double after = rateOver(2_000);
            awaitTrue(this::completed, 600);
            double total = (System.nanoTime() - t0) / 1e9;
            verifyNothingLostOrDoubled();
            return String.format(Locale.ROOT, "kill -9 of %s (of %d) at 30 %%, holding %d dispatch jobs: taken over by the "
                    + "others after %.2f s, those jobs finished after %.2f s (dead-after 5 s); %,.0f msgs/s before, "
                    + "%,.0f/s in the 2 s after the takeover; COMPLETED after %.1f s; rows, counters and vendor keys "
                    + "exact", victim.id, instances.size(), jobs.size(), claimed, done, before, after, total);
        }

        String killTheAudienceWriter() throws Exception {
            long t0 = launch();
            String lease = "audience:" + campaignId;
            String[] seen = new String[1];
            awaitTrue(() -> {
                seen[0] = store.leases().find(lease).map(LeaseRepository.Lease::owner).orElse(null);
                return seen[0] != null;
            }, 600);
            String holder = seen[0];
            Instance victim = instances.stream().filter(i -> i.id.equals(holder)).findFirst().orElseThrow();
            Instance survivor = instances.stream().filter(i -> i != victim).findFirst().orElseThrow();
            long killed = System.nanoTime();
            victim.kill();
            sim.setReceiptUrl(URI.create(survivor.base + "/api/receipt"));
            awaitTrue(() -> store.leases().find(lease).map(LeaseRepository.Lease::owner).filter(o -> !o.equals(holder))
                    .isPresent(), 120);
            double taken = (System.nanoTime() - killed) / 1e9;
            awaitTrue(this::completed, 600);
            double total = (System.nanoTime() - t0) / 1e9;
            verifyNothingLostOrDoubled();
            return String.format(Locale.ROOT, "kill -9 of %s (of %d) while writing the audience: lease taken over after "
                    + "%.2f s (dead-after 5 s); COMPLETED after %.1f s; rows, counters and vendor keys exact", holder,
                    instances.size(), taken, total);
        }

        double rateOver(long millis) throws InterruptedException {
            long a = sim.counters().uniqueMessages();
            Thread.sleep(millis);
            return (sim.counters().uniqueMessages() - a) * 1000.0 / millis;
        }

        void verifyNothingLostOrDoubled() throws Exception {
            JsonNode c = instances.stream().filter(Instance::alive).findFirst().orElseThrow()
                    .get("/api/campaigns/" + campaignId);
            long rows = store.deliveries().countByStatus(io.minicrm.domain.campaign.CampaignId.of(campaignId)).audience();
            assertThat(rows).as("one row per recipient").isEqualTo(recipients);
            long attempts = 0;
            String cursor = null;
            do {
                var page = store.deliveries().list(io.minicrm.domain.campaign.CampaignId.of(campaignId), Optional.empty(),
                        new io.minicrm.application.port.PageRequest(cursor, 1000));
                for (var d : page.items()) {
                    attempts += d.attempt();
                }
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(sim.counters().uniqueMessages()).as("each attempt sent once").isEqualTo(attempts);
            assertThat(c.get("sentCount").asLong() + c.get("failedCount").asLong()).isEqualTo(recipients);
        }

        @Override
        public void close() {
            for (Instance i : instances) {
                i.kill();
            }
            if (store != null) {
                store.close();
            }
            if (redisClient != null) {
                redisClient.close();
            }
            sim.close();
            mongo.close();
            redis.close();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }

    /** A server process. */
    private final class Instance {
        final String id;
        final int port;
        final String base;
        final Process process;

        Instance(String id, Env env) throws IOException {
            this.id = id;
            this.port = freePort();
            this.base = "http://127.0.0.1:" + port;
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("PORT", Integer.toString(port));
            vars.put("MONGO_URI", env.mongo.uri());
            vars.put("REDIS_URL", env.redis.url());
            vars.put("VENDOR_URL", env.sim.url().toString());
            vars.put("VENDOR_WEBHOOK_SECRET", SECRET);
            vars.put("VENDOR_MAX_BATCH", "10");
            vars.put("VENDOR_MAX_CONCURRENCY", "4");
            vars.put("CRM_INSTANCE_ID", id);
            vars.put("CRM_API_KEYS", API_KEY);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("bench.instance.heap", "768m"), "-cp",
                    System.getProperty("java.class.path"), "io.minicrm.bootstrap.Main"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(LOGS.resolve(id + "-" + System.nanoTime() + ".log").toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("CRM_") || k.startsWith("MONGO") || k.startsWith("REDIS")
                    || k.startsWith("VENDOR") || k.startsWith("OPENAI") || k.startsWith("GOOGLE") || k.equals("PORT"));
            pb.environment().putAll(vars);
            pb.directory(new File(System.getProperty("java.io.tmpdir")));
            this.process = pb.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly)); // never outlive the benchmark
        }

        void awaitUp() throws Exception {
            awaitTrue(() -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    if (!process.isAlive()) {
                        throw new AssertionError(id + " exited with " + process.exitValue());
                    }
                    return false;
                }
            }, 120);
        }

        boolean alive() {
            return process.isAlive();
        }

        JsonNode get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        JsonNode post(String path, Object body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
        }

        private JsonNode send(HttpRequest.Builder b) throws Exception {
            HttpResponse<byte[]> r = http.send(b.header("X-Api-Key", API_KEY).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() >= 300) {
                throw new AssertionError(r.statusCode() + " from " + r.uri() + ": " + new String(r.body()));
            }
            return JSON.readTree(r.body());
        }

        /** kill -9. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
