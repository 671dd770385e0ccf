package io.minicrm.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minicrm.adapter.http.HttpApi;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.auth.GoogleEndpoints;
import io.minicrm.adapter.http.auth.GoogleIdentityVerifier;
import io.minicrm.adapter.http.json.JacksonTreeCodec;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.openai.AiAssistants;
import io.minicrm.adapter.redis.RedisQueueSettings;
import io.minicrm.adapter.redis.RedisWorkQueue;
import io.minicrm.adapter.vendorsim.GatewaySettings;
import io.minicrm.adapter.vendorsim.HttpVendorGateway;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.CrmServices;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.delivery.RetryPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mini CRM wired by hand from a {@link Config}: the store (embedded MongoDB-wire server or MongoDB),
 * the queues (in-process or Redis Streams), the vendor (in-process simulator over HTTP, or
 * {@code VENDOR_URL}), the AI assistant (offline, or OpenAI with the offline one as fallback), sign-in
 * (local admin token, or Google), the use cases, and the HTTP API. {@link #start()} brings it up;
 * {@link #stop()} takes it down gracefully (stop taking requests, drain in-flight work, close clients);
 * {@link #halt()} drops everything at once (what a crash does; for tests).
 */
public final class Application implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Config config;
    private final Clock clock;
    private final Tuning tuning;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private PrometheusMeterRegistry registry;
    private EmbeddedMongo embeddedMongo;
    private MongoStore store;
    private WorkQueue queue;
    private VendorSimulator simulator;
    private CrmServices crm;
    private HttpApi http;
    private String adminToken;
    private String webhookSecret;
    private int port;
    private boolean started;

    /**
     * Knobs tests turn (production uses the defaults): delivery timings, simulator behaviour, the
     * Google endpoints, and the queue factory.
     */
    public record Tuning(Function<DeliverySettings, DeliverySettings> delivery,
                         Function<SimulatorSettings, SimulatorSettings> simulator, GoogleEndpoints google,
                         Duration orderGrace) {
        public static Tuning defaults() {
            return new Tuning(Function.identity(), Function.identity(), GoogleEndpoints.google(), Duration.ofMinutes(1));
        }

        public Tuning withDelivery(Function<DeliverySettings, DeliverySettings> f) {
            return new Tuning(f, simulator, google, orderGrace);
        }

        public Tuning withSimulator(Function<SimulatorSettings, SimulatorSettings> f) {
            return new Tuning(delivery, f, google, orderGrace);
        }

        public Tuning withGoogle(GoogleEndpoints g) {
            return new Tuning(delivery, simulator, g, orderGrace);
        }
    }

    public Application(Config config) {
        this(config, Clock.systemUTC(), Tuning.defaults());
    }

    public Application(Config config, Clock clock, Tuning tuning) {
        this.config = config;
        this.clock = clock;
        this.tuning = tuning;
    }

    /** Starts everything; on failure, closes what was started and rethrows. */
    public synchronized Application start() {
        if (started) {
            return this;
        }
        try {
            doStart();
            started = true;
            return this;
        } catch (RuntimeException e) {
            closeAll();
            throw e;
        }
    }

    private void doStart() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);

        String instanceId = config.instanceId() != null ? config.instanceId() : defaultInstanceId();

        // store
        String mongoUri = config.mongoUri().orElseGet(() -> {
            embeddedMongo = EmbeddedMongo.start(config.dataDir(), config.storeCacheMb());
            resources.add(embeddedMongo);
            return embeddedMongo.uri();
        });
        store = MongoStore.connect(mongoUri, config.mongoDb());
        resources.add(store);

        // queues
        MicrometerMetrics metrics = new MicrometerMetrics(registry);
        queue = config.redisUrl().<WorkQueue>map(url -> RedisWorkQueue.connect(url, instanceId,
                RedisQueueSettings.defaults(), metrics)).orElseGet(InProcessWorkQueue::new);
        resources.add(queue);

        // vendor: the real HTTP gateway, to VENDOR_URL or to a simulator started here
        webhookSecret = config.vendorWebhookSecret().orElseGet(() -> randomToken(24));
        DeferredVendor vendor = new DeferredVendor();

        // AI and identity
        AiAssistant ai = AiAssistants.create(config.openAi());
        if (ai instanceof AutoCloseable c) {
            resources.add(c);
        }
        IdentityVerifier identity = config.googleClientId()
                .<IdentityVerifier>map(id -> new GoogleIdentityVerifier(id, config.googleClientSecret().orElse(null), tuning.google()))
                .orElseGet(NoIdentityProvider::new);

        // use cases
        DeliverySettings delivery = tuning.delivery().apply(DeliverySettings.defaults()
                .withRetry(new RetryPolicy(config.maxAttempts(), config.retryBaseDelay(),
                        max(config.retryBaseDelay(), Duration.ofMinutes(10)), RetryPolicy.DEFAULT.jitter()))
                .withFrequencyCap(config.frequencyCap(), config.frequencyWindow())
                .withThroughput(DeliverySettings.defaults().audiencePageSize(), DeliverySettings.defaults().dispatchBatch(),
                        config.sendRatePerSecond(), DeliverySettings.defaults().dispatchConcurrency()));
        CrmServices.Ports ports = new CrmServices.Ports(store.customers(), store.orders(), store.segments(),
                store.campaigns(), store.deliveries(), store.users(), store.leases(), store.ingestions(), queue, vendor, ai,
                identity, new JacksonTreeCodec(), metrics);
        CrmServices.Settings settings = CrmServices.Settings.defaults()
                .withDelivery(delivery)
                .withInstance(instanceId)
                .withAllowedDomains(config.allowedDomains())
                .withOrderGrace(tuning.orderGrace());
        settings = new CrmServices.Settings(settings.delivery(), config.currency(), settings.allowedDomains(),
                settings.instanceId(), settings.orderGrace());
        crm = new CrmServices(ports, settings, clock);
        registerGauges();

        // HTTP
        adminToken = config.localSignIn() ? randomToken(24) : null;
        HttpSettings httpSettings = HttpSettings.builder()
                .corsOrigins(config.corsOrigins())
                .aiRateLimit(config.aiRatePerMinute(), config.aiDailyCap())
                .vendorWebhookSecret(webhookSecret)
                .sessionSecret(config.sessionSecret().orElse(null))
                .apiKeys(config.apiKeys())
                .googleClientId(config.googleClientId().orElse(null))
                .allowedDomains(config.allowedDomains())
                .google(tuning.google())
                .adminToken(adminToken)
                .queuedIngestion(config.usePubSub())
                .maxBodyBytes(config.maxBodyMb() * HttpSettings.MB)
                .maxBulkBodyBytes(config.maxBulkBodyMb() * HttpSettings.MB)
                .maxImportBodyBytes(config.maxImportMb() * HttpSettings.MB)
                .build();
        HttpHooks hooks = new HttpHooks(this::readiness, registry::scrape, this::observe);
        if (embeddedMongo != null && embeddedMongo.isPersistent()) {
            hooks = hooks.withBackup(this::writeBackup);
        }
        http = new HttpApi(crm, httpSettings, hooks);
        port = http.start(config.port());

        // the vendor, now that the receipt URL is known
        GatewaySettings gatewaySettings;
        if (config.vendorGateway().isPresent()) {
            gatewaySettings = config.vendorGateway().get();
        } else {
            simulator = new VendorSimulator(tuning.simulator().apply(SimulatorSettings.defaults(webhookSecret)
                    .withSeed(new SecureRandom().nextLong())), clock);
            URI simulatorUrl = simulator.start(0);
            simulator.setReceiptUrl(URI.create("http://127.0.0.1:" + port + "/api/receipt"));
            resources.add(simulator);
            gatewaySettings = GatewaySettings.defaults(simulatorUrl);
        }
        HttpVendorGateway gateway = new HttpVendorGateway(gatewaySettings);
        resources.add(gateway);
        vendor.set(gateway);

        if (embeddedMongo != null && embeddedMongo.isPersistent() && !queue.isDurable()) {
            // the only process on this store (its directory is locked), and its queue died with the last run
            crm.supervisor().releaseLeasesOfPreviousRun();
        }
        crm.start();
        LOG.info("Mini CRM started on port {} (instance {})", port, instanceId);
    }

    /** A snapshot of the embedded store into a file beside it, then streamed ({@code GET /api/admin/backup}). */
    private void writeBackup(java.io.OutputStream out) throws java.io.IOException {
        java.nio.file.Path dir = embeddedMongo.dataFile().orElseThrow().getParent();
        java.nio.file.Path file = java.nio.file.Files.createTempFile(dir, "backup-", ".mv.tmp");
        try {
            embeddedMongo.backup(file);
            java.nio.file.Files.copy(file, out);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    private void registerGauges() {
        for (String[] tg : new String[][] {{Topics.DELIVERIES, Topics.DISPATCHERS}, {Topics.RECEIPTS, Topics.RECEIPT_APPLIERS},
                {Topics.INGEST, Topics.INGESTERS}}) {
            Gauge.builder("crm.queue.lag", () -> safeStats(tg[0], tg[1]).lag()).tag("topic", tg[0]).register(registry);
            Gauge.builder("crm.queue.pending", () -> safeStats(tg[0], tg[1]).pending()).tag("topic", tg[0]).register(registry);
            Gauge.builder("crm.queue.dead_letters", () -> safeStats(tg[0], tg[1]).deadLetters()).tag("topic", tg[0])
                    .register(registry);
        }
    }

    private WorkQueue.QueueStats safeStats(String topic, String group) {
        try {
            return queue.stats(topic, group);
        } catch (RuntimeException e) {
            return new WorkQueue.QueueStats(-1, -1, -1, -1);
        }
    }

    private Map<String, Boolean> readiness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("store", store.health().up());
        checks.put("queue", queue.isHealthy());
        return checks;
    }

    private void observe(String method, String route, int status, long nanos) {
        Timer.builder("crm.http.requests").tag("method", method).tag("route", route == null ? "unmatched" : route)
                .tag("status", Integer.toString(status)).publishPercentileHistogram(false)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Graceful stop: the API stops accepting and finishes in-flight requests, consumers finish their
     * batches and the in-process queues drain (bounded wait), then clients and servers close.
     */
    @Override
    public synchronized void close() {
        stop();
    }

    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        try {
            if (http != null) {
                http.stop();
            }
            if (queue instanceof InProcessWorkQueue q && !q.awaitIdle(Duration.ofSeconds(10))) {
                // deliveries, receipts already applied and orders resume from the store at the next start (sweeper,
                // reconciler); what only the in-process queue held (queued ingestion batches) is gone: say so
                LOG.warn("stopping with in-process work still queued after 10 s: campaigns resume from the store at the "
                        + "next start; ingestion batches still queued in memory are lost (USE_PUBSUB needs REDIS_URL to keep them)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (crm != null) {
                crm.close();
            }
            closeAll();
            LOG.info("Mini CRM stopped");
        }
    }

    /**
     * Drops everything without draining, as a crash would (tests of crash safety): a Redis queue is
     * aborted first, so the entries this instance holds are neither finished nor acknowledged and stay
     * pending for other instances to reclaim; the in-process queue loses what it holds.
     */
    public synchronized void halt() {
        started = false;
        if (queue instanceof RedisWorkQueue redis) {
            redis.abort();
        }
        if (embeddedMongo != null) {
            embeddedMongo.halt(); // nothing more reaches the disk, as after a kill
        }
        if (http != null) {
            http.stop();
        }
        if (crm != null) {
            crm.close();
        }
        closeAll();
    }

    private void closeAll() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port);
    }

    /** The local admin token (local sign-in mode), else empty. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    public CrmServices services() {
        return crm;
    }

    public MongoStore store() {
        return store;
    }

    public Optional<EmbeddedMongo> embeddedMongo() {
        return Optional.ofNullable(embeddedMongo);
    }

    public Optional<VendorSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    public Config config() {
        return config;
    }

    public String webhookSecret() {
        return webhookSecret;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Which adapter serves each concern, for the banner. */
    public Map<String, String> adapters() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("store", config.mongoUri().isPresent() ? "MongoDB (" + redact(config.mongoUri().get()) + ", db " + config.mongoDb() + ")"
                : "embedded MongoDB-wire server, " + (embeddedMongo != null && embeddedMongo.isPersistent()
                ? "data in " + config.dataDir().orElseThrow().toAbsolutePath().normalize() + " (cache " + config.storeCacheMb() + " MB)"
                : "in memory only: nothing is kept after exit (set CRM_DATA_DIR to a directory to keep data)"));
        a.put("queues", (config.redisUrl().isPresent() ? "Redis Streams (" + redact(config.redisUrl().get()) + ")" : "in-process")
                + (config.usePubSub() ? ", queued ingestion on" : ""));
        a.put("vendor", simulator != null ? "in-process simulator (HTTP, signed receipts)" : "HTTP vendor at " + config.vendorUrl().orElse(""));
        a.put("AI", config.openAiApiKey().isPresent() ? "OpenAI (" + config.openAiModel().orElse("default model") + "), offline fallback"
                : "offline assistant");
        a.put("sign-in", config.localSignIn() ? "local mode (admin token below)" : "Google (client " + config.googleClientId().get() + ")");
        return a;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String redact(String uri) {
        return uri.replaceAll("//[^/@]*@", "//***@");
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "");
        } catch (java.io.IOException e) {
            host = "host";
        }
        return (host.isEmpty() ? "host" : host) + "-" + randomToken(3);
    }

    /** Gateway set once the vendor's URL is known; nothing is sent before {@link CrmServices#start()}. */
    private static final class DeferredVendor implements VendorGateway {
        private volatile VendorGateway target;

        void set(VendorGateway g) {
            target = g;
        }

        @Override
        public List<SendResult> send(List<OutboundMessage> batch) {
            VendorGateway t = target;
            if (t == null) {
                throw new VendorUnavailableException("vendor not connected yet", null);
            }
            return t.send(batch);
        }
    }

    /** Local mode: there is no identity provider; Google sign-in answers 401 with the reason. */
    private static final class NoIdentityProvider implements IdentityVerifier {
        @Override
        public Identity verifyIdToken(String idToken) {
            throw new InvalidCredentialsException("Google sign-in is not configured on this server (set GOOGLE_CLIENT_ID)");
        }

        @Override
        public Identity exchangeCode(String code, String redirectUri) {
            return verifyIdToken(code);
        }
    }
}
