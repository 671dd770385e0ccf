package io.minicrm.bootstrap;

import io.minicrm.application.ai.AiService;
import io.minicrm.application.ai.offline.OfflineAssistant;
import io.minicrm.application.campaign.CampaignActivity;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.InstanceLoad;
import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.customer.CustomerQueries;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.delivery.ReceiptIntake;
import io.minicrm.application.inprocess.InMemoryInstanceRegistry;
import io.minicrm.application.inprocess.InProcessRateLimit;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.inprocess.JdkTreeCodec;
import io.minicrm.application.ops.CrmOverview;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderQueries;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.SharedRateLimit;
import io.minicrm.application.port.TreeCodec;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.segment.CreateSegmentWithCampaign;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Mini CRM in your JVM: one builder, the standalone server's defaults, one {@link #close()}.
 * <pre>{@code
 * try (MiniCrm crm = MiniCrm.builder().build()) {          // in memory, in-process queue, vendor simulator, offline AI
 *     crm.ingestCustomers().ingest(List.of(CustomerInput.email("asha@example.com").totalSpent(new BigDecimal("20000")).build()));
 *     Segment big = crm.segments().create(SegmentService.NewSegment.of("Big spenders", DslParser.parse("totalSpent > 10000")));
 *     Campaign c = crm.campaigns().create(NewCampaign.builder().name("Thanks").segment(big.id()).message("Hi {{name|there}}").sendNow().build());
 *     crm.finished(c.id()).get();                            // COMPLETED, CANCELLED or FAILED
 * }
 * }</pre>
 * The builder chooses the store ({@link Builder#inMemory()}, {@link Builder#dataDirectory(Path)},
 * {@link Builder#mongo(String)}), the queue ({@link Builder#redis(String)}), the vendor
 * ({@link Builder#vendor(URI, String)}), the AI assistant ({@link Builder#openAi(String)}), the clock, and whether
 * to serve the HTTP API ({@link Builder#http(String, int)}; off by default). Everything else has the server's
 * defaults. Each choice beyond the in-process defaults needs its adapter artifact on the classpath; {@link
 * Builder#build()} says which one when it is missing, and checks every value before anything starts. Vendor
 * receipts are applied automatically, and background work (sending, receipts, scheduled launches) runs until
 * {@link #close()}, which stops it and releases everything the builder opened.
 */
public final class MiniCrm implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MiniCrm.class.getName());

    /** The store's currency unless chosen otherwise. */
    public static final String DEFAULT_CURRENCY = "INR";
    /** How long an unapplied order waits before the reconciler applies it (an interrupted ingestion's). */
    static final Duration ORDER_GRACE = Duration.ofMinutes(1);
    /** How often a campaign someone awaits is read from the store (it may finish on another instance). */
    static final Duration WATCH_CHECK = Duration.ofSeconds(1);

    private final Assembly assembly;
    private final StoreParts store;
    private final WorkQueue queue;
    private final HttpParts http;
    private final VendorParts vendor;
    private final String adminToken;
    private final String webhookSecret;
    private final String instanceId;
    private final List<AutoCloseable> resources;
    private boolean closed;

    private MiniCrm(Assembly assembly, StoreParts store, WorkQueue queue, HttpParts http, VendorParts vendor,
                    String adminToken, String webhookSecret, String instanceId, List<AutoCloseable> resources) {
        this.assembly = assembly;
        this.store = store;
        this.queue = queue;
        this.http = http;
        this.vendor = vendor;
        this.adminToken = adminToken;
        this.webhookSecret = webhookSecret;
        this.instanceId = instanceId;
        this.resources = resources;
    }

    /** A builder with the server's defaults: in memory, in-process queue and vendor simulator, offline AI, no HTTP. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- use cases

    /** Upserts customers by e-mail ({@code CustomerInput} builds one). */
    public IngestCustomers ingestCustomers() {
        return assembly.ingestCustomers;
    }

    /** Ingests orders, idempotent by order id; each applies to its customer's totals exactly once. */
    public IngestOrders ingestOrders() {
        return assembly.ingestOrders;
    }

    /** Reads customers: one, a page, a search. */
    public CustomerQueries customers() {
        return assembly.customers;
    }

    /** Reads orders, newest first. */
    public OrderQueries orders() {
        return assembly.orders;
    }

    /** Segments: preview an audience, define one, read them and their members. */
    public SegmentService segments() {
        return assembly.segments;
    }

    /** A segment and a draft or scheduled campaign to it, in one step. */
    public CreateSegmentWithCampaign segmentWithCampaign() {
        return assembly.segmentWithCampaign;
    }

    /** Campaigns: create (draft, scheduled, or sending at once), send, cancel, read with statistics. */
    public CampaignService campaigns() {
        return assembly.campaigns;
    }

    /** A campaign's delivery timeline; a customer's messages across campaigns. */
    public CampaignActivity campaignActivity() {
        return assembly.campaignActivity;
    }

    /** AI help: message drafts, rules from plain English, campaign summaries. */
    public AiService ai() {
        return assembly.ai;
    }

    /** The CRM at a glance. */
    public CrmOverview overview() {
        return assembly.overview;
    }

    /** The queues' backlog and dead letters. */
    public QueueHealth queues() {
        return assembly.queueHealth;
    }

    /**
     * Every instance sharing this CRM's queue and store (with Redis; else this one alone): heartbeats, load, and
     * the leases and queue entries each holds.
     */
    public InstanceOverview instances() {
        return assembly.instances;
    }

    /** This instance's load: messages in flight to the vendor, sends per second, queue entries taken over. */
    public InstanceLoad load() {
        return assembly.cluster.load();
    }

    /**
     * Where vendor receipts go. Receipts of the built-in simulator and, with HTTP on, of an HTTP vendor are
     * delivered here already; an application that receives a vendor's callbacks itself hands them over here.
     */
    public ReceiptIntake receipts() {
        return assembly.receipts;
    }

    // ---- waiting

    /**
     * The campaign once it has finished (COMPLETED, CANCELLED or FAILED): completes when this instance
     * finishes it, or, within about a second, when another instance on the same store does.
     * @throws io.minicrm.domain.shared.NotFoundException when there is no such campaign
     */
    public CompletableFuture<Campaign> finished(CampaignId id) {
        return assembly.watch.finished(id);
    }

    /** Hears every campaign status change this instance makes (launched, completed, cancelled, failed). */
    public void onCampaignStatus(CampaignStatusListener listener) {
        assembly.watch.addListener(listener);
    }

    // ---- HTTP

    /** The HTTP API's address when it was asked for ({@link Builder#http}). */
    public Optional<URI> httpUrl() {
        return Optional.ofNullable(http).map(h -> URI.create("http://" + h.urlHost() + ":" + h.port()));
    }

    /** The HTTP API's local admin token (send as {@code Authorization: Bearer <token>}), when HTTP is on in local mode. */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
    }

    // ---- server internals (same package)

    Assembly assembly() {
        return assembly;
    }

    StoreParts store() {
        return store;
    }

    WorkQueue queue() {
        return queue;
    }

    Optional<HttpParts> http() {
        return Optional.ofNullable(http);
    }

    VendorParts vendor() {
        return vendor;
    }

    String webhookSecret() {
        return webhookSecret;
    }

    String instanceId() {
        return instanceId;
    }

    /**
     * Stops everything and releases what the builder opened: the HTTP API stops taking requests and finishes the
     * ones in flight, the background work finishes its batches (an in-process queue is drained for up to 10 s),
     * waits for campaigns are cancelled, then clients, servers and the store close. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (http != null) {
                http.stop();
            }
            if (queue instanceof InProcessWorkQueue q && !q.awaitIdle(Duration.ofSeconds(10))) {
                // deliveries, receipts already applied and orders resume from the store at the next start (sweeper,
                // reconciler); what only the in-process queue held (queued ingestion batches) is gone: say so
                LOG.log(Level.WARNING, "stopping with in-process work still queued after 10 s: campaigns resume from the "
                        + "store at the next start; ingestion batches still queued in memory are lost (USE_PUBSUB needs "
                        + "REDIS_URL to keep them)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            assembly.background.close();
            assembly.watch.close();
            closeAll(resources);
        }
    }

    /**
     * Drops everything without draining, as a crash would (tests of crash safety): a Redis queue is aborted first,
     * so the entries this instance holds stay pending for other instances to reclaim; no more heartbeats and no
     * goodbye, and the leases are kept, so the others notice only when the heartbeats stop.
     */
    synchronized void halt() {
        closed = true;
        if (queue != null && Adapter.REDIS.isPresent()) {
            RedisWiring.abortIfRedis(queue);
        }
        assembly.background.halt();
        store.halt();
        if (http != null) {
            http.stop();
        }
        assembly.watch.close();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resources.get(i).getClass().getSimpleName() + " failed: " + e);
            }
        }
        resources.clear();
    }

    static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Builds a {@link MiniCrm}; every value is checked by {@link #build()}, before anything starts. */
    public static final class Builder {
        enum StoreKind { IN_PROCESS, EMBEDDED, MONGO }

        StoreKind storeKind = StoreKind.IN_PROCESS;
        Path dataDirectory;
        boolean embeddedInMemory;
        String mongoUri;
        String mongoDatabase = "minicrm";
        String redisUrl;
        URI vendorUrl;
        String vendorWebhookSecret;
        String openAiKey;
        String openAiModel;
        Clock clock = Clock.systemUTC();
        boolean http;
        String httpHost = "127.0.0.1";
        int httpPort;
        String currency = DEFAULT_CURRENCY;
        String instanceId;
        UnaryOperator<DeliverySettings> delivery = UnaryOperator.identity();
        ClusterSettings cluster = ClusterSettings.defaults();
        double sharedVendorRate;
        final List<CampaignStatusListener> listeners = new ArrayList<>();
        ServerOptions server;

        private Builder() {
        }

        /** Keep everything in this JVM's memory (the default): nothing outside, nothing kept after {@link #close()}. */
        public Builder inMemory() {
            storeKind = StoreKind.IN_PROCESS;
            return this;
        }

        /**
         * The embedded store, keeping its data in this directory across restarts (one process per directory).
         * Needs {@code io.minicrm:adapter-mongo}.
         */
        public Builder dataDirectory(Path directory) {
            storeKind = StoreKind.EMBEDDED;
            dataDirectory = directory;
            embeddedInMemory = false;
            return this;
        }

        /** A MongoDB server ({@code mongodb://} or {@code mongodb+srv://}; database {@code minicrm}). Needs adapter-mongo. */
        public Builder mongo(String uri) {
            return mongo(uri, "minicrm");
        }

        /** A MongoDB server and the database to use. Needs {@code io.minicrm:adapter-mongo}. */
        public Builder mongo(String uri, String database) {
            storeKind = StoreKind.MONGO;
            mongoUri = uri;
            mongoDatabase = database;
            return this;
        }

        /** Work queues on Redis Streams, shared by every instance ({@code redis://} or {@code rediss://}). Needs adapter-redis. */
        public Builder redis(String url) {
            redisUrl = url;
            return this;
        }

        /**
         * A messaging vendor over HTTP instead of the built-in simulator. It reports deliveries to this CRM's
         * {@code POST /api/receipt}, signed with {@code webhookSecret}, so HTTP must be on. Needs
         * {@code io.minicrm:adapter-vendor-sim} (the HTTP gateway) and adapter-http-javalin.
         */
        public Builder vendor(URI url, String webhookSecret) {
            vendorUrl = url;
            vendorWebhookSecret = webhookSecret;
            return this;
        }

        /** OpenAI (model {@code gpt-4o-mini}), with the offline assistant as fallback. Needs adapter-openai. */
        public Builder openAi(String apiKey) {
            openAiKey = apiKey;
            return this;
        }

        /** OpenAI with this chat model, with the offline assistant as fallback. Needs adapter-openai. */
        public Builder openAi(String apiKey, String model) {
            openAiKey = apiKey;
            openAiModel = model;
            return this;
        }

        /** The clock of every timestamp, schedule and retry (default: the system clock, UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The embedded store in this directory, or in memory when empty (the server's default store). */
        Builder embeddedStore(Optional<Path> directory) {
            storeKind = StoreKind.EMBEDDED;
            dataDirectory = directory.orElse(null);
            embeddedInMemory = directory.isEmpty();
            return this;
        }

        /** Serves the HTTP API and web console on 127.0.0.1:{@code port} (0: any free port). Needs adapter-http-javalin. */
        public Builder http(int port) {
            return http("127.0.0.1", port);
        }

        /** Serves the HTTP API and web console on this address ({@code 0.0.0.0}: every interface). */
        public Builder http(String host, int port) {
            http = true;
            httpHost = host;
            httpPort = port;
            return this;
        }

        /** The store's currency (ISO code, default {@value MiniCrm#DEFAULT_CURRENCY}): orders in another are refused. */
        public Builder currency(String isoCode) {
            currency = isoCode;
            return this;
        }

        /** Names this instance among others sharing a store or queue (default: host name and a random suffix). */
        public Builder instanceId(String id) {
            instanceId = id;
            return this;
        }

        /** Changes the delivery pipeline's settings (send rate, retries, frequency cap, ...) from the server's defaults. */
        public Builder delivery(UnaryOperator<DeliverySettings> change) {
            delivery = Objects.requireNonNull(change, "change");
            return this;
        }

        /**
         * How instances sharing one Redis work together: how often each announces itself, after how long without
         * a heartbeat it counts as dead (its queue entries and leases are taken over then), how long a lease holds
         * without renewal, and after how long a live instance's entry counts as hung (default:
         * {@link ClusterSettings#defaults()}: 1 s, 5 s, 30 s, 5 min). Alone, only the lease timing matters.
         */
        public Builder cluster(ClusterSettings settings) {
            cluster = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * At most this many messages per second to the vendor from every instance together (with Redis, shared
         * through it; alone, this instance's own limit). 0, the default: no shared limit.
         */
        public Builder sharedVendorRate(double messagesPerSecond) {
            sharedVendorRate = messagesPerSecond;
            return this;
        }

        /** Hears every campaign status change this instance makes. */
        public Builder onCampaignStatus(CampaignStatusListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The standalone server's extras (same package). */
        Builder server(ServerOptions options) {
            server = options;
            return this;
        }

        /**
         * Checks every choice, then starts what was chosen.
         * @throws ConfigException naming the option (or the missing artifact) and what is expected; nothing is
         *                         left running
         */
        public MiniCrm build() {
            validate();
            List<AutoCloseable> resources = new ArrayList<>();
            try {
                return start(resources);
            } catch (RuntimeException | Error e) {
                closeAll(resources);
                throw e;
            }
        }

        private void validate() {
            switch (storeKind) {
                case EMBEDDED -> {
                    require(dataDirectory != null || embeddedInMemory, "dataDirectory: expected a directory");
                    Adapter.MONGO.require();
                }
                case MONGO -> {
                    require(scheme(mongoUri, Set.of("mongodb", "mongodb+srv")),
                            "mongo: expected a mongodb:// or mongodb+srv:// URI, got " + shown(mongoUri));
                    require(mongoDatabase != null && mongoDatabase.matches("[A-Za-z0-9_-]{1,63}"),
                            "mongo: expected a database name of 1 to 63 letters, digits, '_' or '-', got " + shown(mongoDatabase));
                    Adapter.MONGO.require();
                }
                default -> { }
            }
            if (redisUrl != null) {
                require(scheme(redisUrl, Set.of("redis", "rediss")), "redis: expected a redis:// or rediss:// URL, got "
                        + shown(redisUrl));
                Adapter.REDIS.require();
            }
            if (http) {
                require(httpHost != null && !httpHost.isBlank(), "http: expected a host to bind to, e.g. 127.0.0.1");
                require(httpPort >= 0 && httpPort <= 65_535, "http: expected a port from 0 to 65535, got " + httpPort);
                Adapter.HTTP.require();
            }
            if (vendorUrl != null) {
                require(vendorUrl.getScheme() != null && Set.of("http", "https").contains(vendorUrl.getScheme().toLowerCase(Locale.ROOT))
                        && vendorUrl.getHost() != null, "vendor: expected an http:// or https:// URL, got " + vendorUrl);
                require(vendorWebhookSecret != null && vendorWebhookSecret.length() >= 16,
                        "vendor: expected a webhook secret of at least 16 characters (the vendor signs receipts with it)");
                require(http, "vendor: an HTTP vendor reports deliveries to POST /api/receipt, so turn HTTP on (http(host, port))");
                Adapter.VENDOR.require();
            }
            if (openAiKey != null) {
                require(!openAiKey.isBlank(), "openAi: expected an API key");
                Adapter.OPENAI.require();
            }
            require(currency != null && currency.matches("[A-Z]{3}"), "currency: expected a 3-letter ISO code like INR, got "
                    + shown(currency));
            require(Double.isFinite(sharedVendorRate) && sharedVendorRate >= 0 && sharedVendorRate <= 1_000_000,
                    "sharedVendorRate: expected 0 (none) to 1000000 messages per second, got " + sharedVendorRate);
            require(instanceId == null || instanceId.matches("[A-Za-z0-9_.-]{1,64}"),
                    "instanceId: expected 1 to 64 letters, digits, '.', '_' or '-', got " + shown(instanceId));
        }

        private MiniCrm start(List<AutoCloseable> resources) {
            String instance = instanceId != null ? instanceId : defaultInstanceId();
            InstanceLoad load = new InstanceLoad();
            // the use cases and the queue report to the metrics; this instance's load hears what it sent and reclaimed
            Metrics metrics = load.tap(server != null ? server.metrics() : Metrics.NONE);
            StoreParts store = switch (storeKind) {
                case IN_PROCESS -> new InProcessStore();
                case EMBEDDED -> MongoWiring.embedded(Optional.ofNullable(dataDirectory), server);
                case MONGO -> MongoWiring.connect(mongoUri, mongoDatabase);
            };
            resources.add(store);
            WorkQueue queue = redisUrl == null ? new InProcessWorkQueue() : RedisWiring.connect(redisUrl, instance, metrics);
            resources.add(queue);
            AiAssistant ai = openAiKey == null && (server == null || !server.openAiConfigured()) ? new OfflineAssistant()
                    : OpenAiWiring.assistant(openAiKey, openAiModel, server, clock);
            if (ai instanceof AutoCloseable c) {
                resources.add(c);
            }
            IdentityVerifier identity = server != null && http ? HttpWiring.identity(server) : new NoIdentityProvider();
            TreeCodec codec = Adapter.HTTP.isPresent() ? HttpWiring.codec() : new JdkTreeCodec();

            // the vendor: the in-process simulator (receipts straight to the receipt intake), or over HTTP once the
            // receipt URL is known
            InProcessVendor inProcessVendor = null;
            DeferredVendor deferred = null;
            VendorGateway gateway;
            // with HTTP on and adapter-vendor-sim there (the server), the simulator runs over HTTP with signed receipts
            if (vendorUrl == null && !(http && Adapter.VENDOR.isPresent())) {
                inProcessVendor = new InProcessVendor(InProcessVendor.Settings.defaults(), clock);
                resources.add(inProcessVendor);
                gateway = inProcessVendor;
            } else {
                deferred = new DeferredVendor();
                gateway = deferred;
            }

            DeliverySettings deliverySettings = delivery.apply(DeliverySettings.defaults());
            // burst of the shared vendor rate: one dispatch job, or a tenth of a second's worth
            double burst = Math.max(deliverySettings.dispatchBatch(), sharedVendorRate / 10);
            Cluster clusterParts = redisUrl != null
                    ? RedisWiring.cluster(queue, cluster, sharedVendorRate, burst, load)
                    : new Cluster(new InMemoryInstanceRegistry(clock), sharedVendorRate > 0
                            ? new InProcessRateLimit(sharedVendorRate, burst) : SharedRateLimit.NONE, cluster, load);
            Assembly assembly = new Assembly(new Ports(store.stores(), queue, gateway, ai, identity, codec, metrics),
                    new Assembly.Settings(deliverySettings, currency,
                            server != null ? server.config().allowedDomains() : Set.of(), instance,
                            server != null ? server.tuning().orderGrace() : ORDER_GRACE, WATCH_CHECK),
                    clusterParts, clock, new TimeOrderedIds(clock));
            listeners.forEach(assembly.watch::addListener);
            if (inProcessVendor != null) {
                inProcessVendor.receiptsTo(assembly.receipts::accept); // the receipt loop, wired here once
            }

            String webhookSecret = vendorWebhookSecret != null ? vendorWebhookSecret
                    : server != null ? server.config().vendorWebhookSecret().orElseGet(() -> randomToken(24)) : randomToken(24);
            String adminToken = null;
            HttpParts httpParts = null;
            if (http) {
                adminToken = server != null ? server.adminToken() : randomToken(24);
                httpParts = HttpWiring.start(assembly, store, httpHost, httpPort, webhookSecret, adminToken, server, clock);
                resources.add(httpParts);
            }
            VendorParts vendorParts = VendorParts.NONE;
            if (deferred != null) {
                vendorParts = VendorWiring.connect(vendorUrl, webhookSecret, httpParts.port(), server, clock);
                resources.add(vendorParts);
                deferred.set(vendorParts.gateway());
            }
            MiniCrm crm = new MiniCrm(assembly, store, queue, httpParts, vendorParts, adminToken, webhookSecret, instance,
                    resources);
            if (server != null) {
                server.beforeStart().accept(crm);
            }
            // the only process on its store (the embedded one locks its directory) resumes what its last run held at once
            assembly.background.start(store.ownsItsData());
            LOG.log(Level.INFO, "Mini CRM started" + crm.httpUrl().map(u -> " on " + u).orElse("") + " (instance " + instance + ")");
            return crm;
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new ConfigException(message);
            }
        }

        private static boolean scheme(String uri, Set<String> schemes) {
            if (uri == null) {
                return false;
            }
            try {
                URI u = URI.create(uri);
                return u.getScheme() != null && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
                        && (u.getHost() != null || u.getAuthority() != null);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        private static String shown(String value) {
            return value == null ? "nothing" : "\"" + value.replaceAll("//[^/@]*@", "//***@") + "\"";
        }

        private static String defaultInstanceId() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_.-]", "");
            } catch (java.io.IOException e) {
                host = "host";
            }
            return (host.isEmpty() ? "host" : host) + "-" + randomToken(3);
        }
    }
}
