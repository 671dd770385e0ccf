package io.minicrm.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minicrm.adapter.http.HttpHooks;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.auth.GoogleEndpoints;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.cluster.InstanceLoad;
import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.domain.delivery.RetryPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The standalone server: Mini CRM built from a {@link Config} with the same {@link MiniCrm.Builder} an embedding
 * application uses, plus what only the server has (Prometheus metrics, readiness, the local admin token, the
 * banner). The store is the embedded MongoDB-wire server or MongoDB, the queues in-process or Redis Streams, the
 * vendor the simulator over HTTP or {@code VENDOR_URL}, the AI offline or OpenAI, sign-in the local admin token or
 * Google; the HTTP API is always on. {@link #start()} brings it up; {@link #stop()} takes it down gracefully;
 * {@link #halt()} drops everything at once (what a crash does; for tests).
 */
public final class Application implements AutoCloseable {
    private final Config config;
    private final Clock clock;
    private final Tuning tuning;
    private PrometheusMeterRegistry registry;
    private MiniCrm crm;
    private String adminToken;
    private boolean started;

    /**
     * Knobs tests turn (production uses the defaults): delivery timings, simulator behaviour, the Google
     * endpoints, and how long an unapplied order waits.
     */
    public record Tuning(Function<DeliverySettings, DeliverySettings> delivery,
                         Function<SimulatorSettings, SimulatorSettings> simulator, GoogleEndpoints google,
                         Duration orderGrace) {
        public static Tuning defaults() {
            return new Tuning(Function.identity(), Function.identity(), GoogleEndpoints.google(), MiniCrm.ORDER_GRACE);
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
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        adminToken = config.localSignIn() ? MiniCrm.randomToken(24) : null;
        crm = builder().build();
        registerGauges();
        started = true;
        return this;
    }

    /** The server's assembly: the embedding builder with the server's choices and extras. */
    private MiniCrm.Builder builder() {
        MiniCrm.Builder b = MiniCrm.builder()
                .clock(clock)
                .http(config.host(), config.port())
                .currency(config.currency())
                .delivery(d -> tuning.delivery().apply(d
                        .withRetry(new RetryPolicy(config.maxAttempts(), config.retryBaseDelay(),
                                max(config.retryBaseDelay(), RetryPolicy.DEFAULT.maxDelay()), RetryPolicy.DEFAULT.jitter()))
                        .withFrequencyCap(config.frequencyCap(), config.frequencyWindow())
                        .withThroughput(d.audiencePageSize(), config.scaling().dispatchBatch(), config.sendRatePerSecond(),
                                config.scaling().dispatchConcurrency())))
                .cluster(config.scaling().cluster())
                .sharedVendorRate(config.scaling().vendorRate())
                .server(new ServerOptions(config, tuning, new MicrometerMetrics(registry), adminToken, this, c -> { }));
        if (config.mongoUri().isPresent()) {
            b.mongo(config.mongoUri().get(), config.mongoDb());
        } else {
            b.embeddedStore(config.dataDir());
        }
        config.redisUrl().ifPresent(b::redis);
        if (config.instanceId() != null) {
            b.instanceId(config.instanceId());
        }
        return b;
    }

    /** The HTTP API's settings from the configuration. */
    HttpSettings httpSettings(String webhookSecret, String token) {
        return HttpSettings.builder()
                .corsOrigins(config.corsOrigins())
                .aiRateLimit(config.aiRatePerMinute(), config.aiDailyCap())
                .vendorWebhookSecret(webhookSecret)
                .sessionSecret(config.sessionSecret().orElse(null))
                .apiKeys(config.apiKeys())
                .googleClientId(config.googleClientId().orElse(null))
                .allowedDomains(config.allowedDomains())
                .google(tuning.google())
                .adminToken(token)
                .queuedIngestion(config.usePubSub())
                .maxBodyBytes(config.maxBodyMb() * HttpSettings.MB)
                .maxBulkBodyBytes(config.maxBulkBodyMb() * HttpSettings.MB)
                .maxImportBodyBytes(config.maxImportMb() * HttpSettings.MB)
                .safeguards(config.safeguards())
                .build();
    }

    /** Readiness, metrics and request timings for the HTTP API. */
    HttpHooks hooks() {
        return new HttpHooks(this::readiness, () -> registry.scrape(), this::observe);
    }

    private void registerGauges() {
        QueueHealth queues = crm.queues();
        InstanceOverview instances = crm.instances();
        for (String topic : QueueHealth.TOPICS) {
            Gauge.builder("crm.queue.lag", () -> queues.stats(topic).lag()).tag("topic", topic).register(registry);
            Gauge.builder("crm.queue.pending", () -> queues.stats(topic).pending()).tag("topic", topic).register(registry);
            Gauge.builder("crm.queue.dead_letters", () -> queues.stats(topic).deadLetters()).tag("topic", topic)
                    .register(registry);
            Gauge.builder("crm.queue.held", () -> instances.heldHere(topic)).tag("topic", topic)
                    .description("entries this instance holds (delivered to it, not yet acknowledged)").register(registry);
        }
        InstanceLoad load = crm.load();
        Gauge.builder("crm.instance.vendor_in_flight", load::inFlight)
                .description("messages this instance is sending: handed to the vendor gateway, not yet answered").register(registry);
        Gauge.builder("crm.instance.sends_per_second", load::sendsPerSecond)
                .description("messages the vendor accepted from this instance per second, last 10 s").register(registry);
        Gauge.builder("crm.instance.reclaimed", load::reclaimed)
                .description("queue entries this instance took over from dead or hung consumers").register(registry);
    }

    private Map<String, Boolean> readiness() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        MiniCrm c = crm;
        checks.put("store", c != null && c.store().isHealthy());
        checks.put("queue", c != null && c.queues().isHealthy());
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
        crm.close();
        System.getLogger(Application.class.getName()).log(System.Logger.Level.INFO, "Mini CRM stopped");
    }

    /**
     * Drops everything without draining, as a crash would (tests of crash safety): a Redis queue is
     * aborted first, so the entries this instance holds are neither finished nor acknowledged and stay
     * pending for other instances to reclaim; the in-process queue loses what it holds.
     */
    public synchronized void halt() {
        started = false;
        if (crm != null) {
            crm.halt();
        }
    }

    public int port() {
        return crm.http().orElseThrow().port();
    }

    public URI baseUrl() {
        return URI.create("http://localhost:" + port());
    }

    /**
     * A link that signs the local admin into the web console once ({@code <base>/#code=<one-time code>}, valid
     * 30 minutes); empty when sign-in is through Google. Each call makes a new code.
     */
    public Optional<URI> consoleSignInLink() {
        return adminToken().map(t -> URI.create(baseUrl() + "/#code=" + crm.http().orElseThrow().issueSignInCode()));
    }

    /** The local admin token (local sign-in mode), else empty. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    /** The running CRM: its use cases. */
    public MiniCrm crm() {
        return crm;
    }

    /** The object graph (tests reach use cases the embedding API does not show, e.g. the order reconciler). */
    Assembly assembly() {
        return crm.assembly();
    }

    public MongoStore store() {
        return ((MongoWiring) crm.store()).store();
    }

    public Optional<EmbeddedMongo> embeddedMongo() {
        return ((MongoWiring) crm.store()).embeddedServer();
    }

    public Optional<VendorSimulator> simulator() {
        return crm.vendor() instanceof VendorWiring v ? v.simulator() : Optional.empty();
    }

    public Config config() {
        return config;
    }

    public String webhookSecret() {
        return crm.webhookSecret();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Which adapter serves each concern, for the banner. */
    public Map<String, String> adapters() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("store", crm.store().describe());
        a.put("queues", (config.redisUrl().isPresent() ? "Redis Streams (" + redact(config.redisUrl().get()) + ")" : "in-process")
                + (config.usePubSub() ? ", queued ingestion on" : ""));
        a.put("vendor", crm.vendor().describe());
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
        return MiniCrm.randomToken(bytes);
    }
}
