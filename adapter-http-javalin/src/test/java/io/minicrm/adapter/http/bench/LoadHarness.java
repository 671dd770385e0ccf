package io.minicrm.adapter.http.bench;

import io.minicrm.adapter.http.HttpApi;
import io.minicrm.adapter.http.HttpFixtures;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.json.JacksonTreeCodec;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryCustomerRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InMemoryIngestionRepository;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.inprocess.InMemoryOrderRepository;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.inprocess.InMemoryUserRepository;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.inprocess.StaticIdentityVerifier;
import io.minicrm.application.port.AiAssistant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load harness for the HTTP API (not part of {@code mvn verify}); it prints its figures.
 *
 * <ol>
 *   <li>Ingestion: {@code --customers} new customers through {@code POST /api/customers} in bulks of
 *       {@code --bulk} rows from {@code --concurrency} clients: customers per second, and request latency.</li>
 *   <li>Reads: {@code --read-seconds} of {@code GET /api/campaigns?limit=50} and {@code GET /api/customers?limit=50}
 *       from {@code --concurrency} clients at once: p50/p99/max latency and requests per second per route.</li>
 * </ol>
 *
 * Without {@code --base-url} it boots the API in this JVM on the in-process adapters. Against any running
 * server (e.g. the bootstrap on embedded MongoDB) pass {@code --base-url} and a credential
 * ({@code --api-key} or {@code --token}):
 *
 * <pre>
 * mvn -o -q -pl adapter-http-javalin test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.minicrm.adapter.http.bench.LoadHarness \
 *   -Dexec.args="--customers 200000 --bulk 1000 --concurrency 4 --read-seconds 20"
 * mvn ... -Dexec.args="--base-url http://localhost:8080 --api-key $KEY"
 * </pre>
 */
public final class LoadHarness {
    private final String base;
    private final String[] auth;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    LoadHarness(String base, String[] auth) {
        this.base = base;
        this.auth = auth;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = args(argv);
        int customers = Integer.parseInt(a.getOrDefault("customers", "200000"));
        int bulk = Integer.parseInt(a.getOrDefault("bulk", "1000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "4"));
        int readSeconds = Integer.parseInt(a.getOrDefault("read-seconds", "20"));
        int campaigns = Integer.parseInt(a.getOrDefault("campaigns", "200"));
        String base = a.get("base-url");
        AutoCloseable server = null;
        String[] auth;
        if (base == null) {
            String key = "bench-key-" + UUID.randomUUID();
            InProcess p = InProcess.start(key);
            server = p;
            base = "http://localhost:" + p.port;
            auth = new String[] {"X-Api-Key", key};
            System.out.println("server: in-process adapters, in this JVM, " + base);
        } else if (a.containsKey("api-key")) {
            auth = new String[] {"X-Api-Key", a.get("api-key")};
        } else if (a.containsKey("token")) {
            auth = new String[] {"Authorization", "Bearer " + a.get("token")};
        } else {
            throw new IllegalArgumentException("with --base-url give --api-key or --token");
        }
        System.out.printf("machine: %d cores, max heap %d MB, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        LoadHarness h = new LoadHarness(base, auth);
        try {
            h.warmUp(bulk);
            h.ingest(customers, bulk, concurrency);
            h.campaigns(campaigns);
            h.reads(readSeconds, concurrency);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void warmUp(int bulk) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 60; i++) {
            post("/api/customers", body("warm-" + run + "-" + i, bulk));
            get("/api/customers?limit=50");
        }
    }

    /** Customers per second through POST /api/customers in bulks. */
    private void ingest(int customers, int bulk, int concurrency) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        int requests = (customers + bulk - 1) / bulk;
        List<byte[]> bodies = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            bodies.add(body(run + "-" + r, Math.min(bulk, customers - r * bulk)).getBytes(StandardCharsets.UTF_8));
        }
        long bytes = bodies.stream().mapToLong(b -> b.length).sum();
        AtomicInteger next = new AtomicInteger();
        long[] latencies = new long[requests];
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long t0 = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            done.add(pool.submit(() -> {
                int accepted = 0;
                int i;
                while ((i = next.getAndIncrement()) < requests) {
                    long s = System.nanoTime();
                    HttpResponse<String> res = send("POST", "/api/customers", bodies.get(i));
                    latencies[i] = System.nanoTime() - s;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException("ingest failed: " + res.statusCode() + " " + res.body());
                    }
                    accepted += count(res.body(), "\"accepted\":");
                }
                return accepted;
            }));
        }
        int accepted = 0;
        for (Future<Integer> f : done) {
            accepted += f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("%nINGEST  POST /api/customers: %d customers in %d requests of %d rows (%.1f MB), %d clients%n",
                accepted, requests, bulk, bytes / 1e6, concurrency);
        System.out.printf("        %.1f s -> %,.0f customers/s; request latency %s%n", secs, accepted / secs,
                percentiles(latencies));
    }

    private void campaigns(int n) throws Exception {
        HttpResponse<String> seg = send("POST", "/api/segments", ("{\"name\": \"bench\", \"rules\": {\"field\": \"city\","
                + " \"op\": \"eq\", \"value\": \"Bengaluru\"}}").getBytes(StandardCharsets.UTF_8));
        String segmentId = field(seg.body(), "id");
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = send("POST", "/api/campaigns", ("{\"name\": \"bench " + i + "\", \"segmentId\": \""
                    + segmentId + "\", \"message\": \"Hi {{name|there}}\", \"draft\": true}").getBytes(StandardCharsets.UTF_8));
            if (r.statusCode() != 201) {
                throw new IllegalStateException("campaign: " + r.statusCode() + " " + r.body());
            }
        }
    }

    /** p50/p99 of list pages under concurrent load. */
    private void reads(int seconds, int concurrency) throws Exception {
        String[] paths = {"/api/campaigns?limit=50", "/api/customers?limit=50"};
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Map<String, long[]>>> results = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            int offset = c;
            results.add(pool.submit(() -> {
                Map<String, List<Long>> lat = new HashMap<>();
                int i = offset;
                while (System.nanoTime() < end) {
                    String p = paths[i++ % paths.length];
                    long s = System.nanoTime();
                    HttpResponse<String> r = send("GET", p, null);
                    long t = System.nanoTime() - s;
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException(p + ": " + r.statusCode());
                    }
                    lat.computeIfAbsent(p, k -> new ArrayList<>()).add(t);
                }
                Map<String, long[]> out = new HashMap<>();
                lat.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
                return out;
            }));
        }
        Map<String, List<long[]>> merged = new HashMap<>();
        for (Future<Map<String, long[]>> f : results) {
            f.get().forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        pool.shutdown();
        System.out.printf("%nREADS   %d clients for %d s, alternating routes%n", concurrency, seconds);
        for (String p : paths) {
            long[] all = merged.getOrDefault(p, List.of()).stream().flatMapToLong(Arrays::stream).toArray();
            System.out.printf("        GET %-26s %6d requests (%,.0f/s)  %s%n", p, all.length, all.length / (double) seconds,
                    percentiles(all));
        }
    }

    private String body(String prefix, int n) {
        StringBuilder sb = new StringBuilder(n * 160).append('[');
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"email\": \"b").append(prefix).append('-').append(i)
                    .append("@example.com\", \"name\": \"Bench Customer ").append(i)
                    .append("\", \"city\": \"Bengaluru\", \"phone\": \"+9198").append(String.format("%08d", i))
                    .append("\", \"tags\": [\"bench\", \"t").append(i % 10).append("\"], \"visits\": ").append(i % 50)
                    .append(", \"attributes\": {\"tier\": \"gold\", \"score\": ").append(i % 100).append("}}");
        }
        return sb.append(']').toString();
    }

    private void post(String path, String json) throws Exception {
        HttpResponse<String> r = send("POST", path, json.getBytes(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }

    private void get(String path) throws Exception {
        send("GET", path, null);
    }

    private HttpResponse<String> send(String method, String path, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header(auth[0], auth[1]);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String percentiles(long[] nanos) {
        if (nanos.length == 0) {
            return "(none)";
        }
        long[] s = nanos.clone();
        Arrays.sort(s);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms", s[s.length / 2] / 1e6,
                s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6, s[s.length - 1] / 1e6);
    }

    private static int count(String json, String key) {
        int i = json.indexOf(key);
        if (i < 0) {
            return 0;
        }
        int j = i + key.length();
        int k = j;
        while (k < json.length() && Character.isDigit(json.charAt(k))) {
            k++;
        }
        return Integer.parseInt(json.substring(j, k));
    }

    private static String field(String json, String key) {
        String k = "\"" + key + "\":\"";
        int i = json.indexOf(k) + k.length();
        return json.substring(i, json.indexOf('"', i));
    }

    private static Map<String, String> args(String[] argv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + argv[i]);
            }
            m.put(argv[i].substring(2), argv[i + 1]);
        }
        return m;
    }

    /** The API on the in-process adapters, in this JVM. */
    static final class InProcess implements AutoCloseable {
        final CrmServices services;
        final HttpApi api;
        final InProcessVendor vendor;
        final int port;

        private InProcess(CrmServices services, HttpApi api, InProcessVendor vendor) {
            this.services = services;
            this.api = api;
            this.vendor = vendor;
            this.port = api.start(0);
        }

        static InProcess start(String apiKey) {
            Clock clock = Clock.systemUTC();
            InProcessVendor vendor = new InProcessVendor(InProcessVendor.Settings.defaults(), clock);
            AiAssistant noAi = new AiAssistant() {
                @Override
                public Drafts suggestMessages(Brief brief) {
                    throw new AiUnavailableException("no assistant in the load harness", null);
                }

                @Override
                public RuleProposal proposeRule(RuleRequest request) {
                    throw new AiUnavailableException("no assistant in the load harness", null);
                }

                @Override
                public Phrasing phraseSummary(io.minicrm.application.ai.CampaignFacts facts) {
                    throw new AiUnavailableException("no assistant in the load harness", null);
                }
            };
            CrmServices.Ports ports = new CrmServices.Ports(new InMemoryCustomerRepository(), new InMemoryOrderRepository(),
                    new InMemorySegmentRepository(), new InMemoryCampaignRepository(), new InMemoryDeliveryLogRepository(),
                    new InMemoryUserRepository(), new InMemoryLeaseRepository(), new InMemoryIngestionRepository(),
                    new InProcessWorkQueue(), vendor, noAi, new StaticIdentityVerifier(), new JacksonTreeCodec(), null);
            CrmServices services = new CrmServices(ports, CrmServices.Settings.defaults(), clock);
            vendor.receiptsTo(services.receipts()::accept);
            services.start();
            HttpSettings settings = HttpSettings.builder().apiKeys(Set.of(apiKey)).adminToken(null).build();
            return new InProcess(services, new HttpApi(HttpFixtures.useCases(services), settings, HttpHooks.none(), clock), vendor);
        }

        @Override
        public void close() {
            api.stop();
            services.close();
            vendor.close();
        }
    }
}
