package io.minicrm.bootstrap;

import io.minicrm.adapter.http.Safeguards;
import io.minicrm.adapter.openai.OpenAiSettings;
import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.adapter.vendorsim.GatewaySettings;
import io.minicrm.application.delivery.DeliverySettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything Mini CRM reads from its environment, validated. {@link #from(Map)} rejects a bad value
 * with one line naming the variable and what is expected. Unset optional values select the embedded
 * default for that concern (see README "Configuration").
 */
public record Config(
        String host,
        int port,
        Optional<String> mongoUri,
        String mongoDb,
        Optional<Path> dataDir,
        Optional<String> googleClientId,
        Optional<String> googleClientSecret,
        Set<String> allowedDomains,
        Optional<String> sessionSecret,
        Set<String> apiKeys,
        Optional<String> openAiApiKey,
        Optional<String> openAiBaseUrl,
        Optional<String> openAiModel,
        boolean usePubSub,
        Optional<String> redisUrl,
        Optional<String> vendorUrl,
        Optional<String> vendorWebhookSecret,
        List<String> corsOrigins,
        String currency,
        double sendRatePerSecond,
        int maxAttempts,
        Duration retryBaseDelay,
        int frequencyCap,
        Duration frequencyWindow,
        double aiRatePerMinute,
        int aiDailyCap,
        String instanceId,
        boolean jsonLogs,
        Optional<OpenAiSettings> openAi,
        Optional<GatewaySettings> vendorGateway,
        int maxBodyMb,
        int maxBulkBodyMb,
        int maxImportMb,
        Safeguards safeguards,
        int heapExitPercent,
        int storeCacheMb,
        Scaling scaling) {

    public static final int DEFAULT_PORT = 5000;
    /** Every interface, as before {@code HOST} existed. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** Where the embedded store keeps its data when {@code CRM_DATA_DIR} is unset (relative to the working directory). */
    public static final String DEFAULT_DATA_DIR = "minicrm-data";
    /** {@code CRM_DATA_DIR=memory}: the embedded store keeps nothing after the process ends. */
    public static final String MEMORY = "memory";
    /**
     * A JVM property replacing {@link #DEFAULT_DATA_DIR} for {@link #from(Map)}: the bootstrap tests set it
     * to {@code memory}, so a test that does not name a data directory never writes one.
     */
    public static final String DEFAULT_DATA_DIR_PROPERTY = "minicrm.defaultDataDir";
    /** Default page cache of the embedded store, in MB. */
    public static final int DEFAULT_STORE_CACHE_MB = 64;
    private static final Pattern FREQUENCY = Pattern.compile("(\\d{1,4})\\s*/\\s*(\\d{1,4})\\s*d");

    /** The defaults: what runs with no environment at all. */
    public static Config defaults() {
        return from(Map.of());
    }

    public static Config from(Map<String, String> env) {
        return from(env, System.getProperty(DEFAULT_DATA_DIR_PROPERTY, DEFAULT_DATA_DIR));
    }

    /**
     * The configuration in {@code env}; {@code defaultDataDir} is the embedded store's directory when
     * {@code CRM_DATA_DIR} is unset ({@value #MEMORY} for memory only).
     */
    public static Config from(Map<String, String> env, String defaultDataDir) {
        Reader r = new Reader(env);
        Optional<String> redis = r.url("REDIS_URL", Set.of("redis", "rediss"));
        Optional<String> vendorUrl = r.url("VENDOR_URL", Set.of("http", "https"));
        Optional<String> vendorSecret = r.text("VENDOR_WEBHOOK_SECRET");
        if (vendorUrl.isPresent() && vendorSecret.isEmpty()) {
            throw new ConfigException("VENDOR_WEBHOOK_SECRET: required when VENDOR_URL is set (the secret the vendor signs receipts with)");
        }
        vendorSecret.ifPresent(s -> {
            if (s.length() < 16) {
                throw new ConfigException("VENDOR_WEBHOOK_SECRET: expected at least 16 characters");
            }
        });
        Optional<String> session = r.text("CRM_SESSION_SECRET");
        session.ifPresent(s -> {
            if (s.length() < 32) {
                throw new ConfigException("CRM_SESSION_SECRET: expected at least 32 characters (it is an HMAC-SHA256 key)");
            }
        });
        Set<String> apiKeys = r.list("CRM_API_KEYS");
        for (String k : apiKeys) {
            if (k.length() < 16) {
                throw new ConfigException("CRM_API_KEYS: every key must be at least 16 characters");
            }
        }
        Set<String> domains = r.list("CRM_ALLOWED_DOMAINS").stream().map(d -> d.toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String d : domains) {
            if (!d.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                throw new ConfigException("CRM_ALLOWED_DOMAINS: expected domain names like example.com, got \"" + d + "\"");
            }
        }
        Optional<String> clientId = r.text("GOOGLE_CLIENT_ID");
        if (!domains.isEmpty() && clientId.isEmpty()) {
            throw new ConfigException("CRM_ALLOWED_DOMAINS: only meaningful with GOOGLE_CLIENT_ID (Google sign-in)");
        }
        List<String> cors = r.list("CRM_CORS_ORIGINS").stream().toList();
        for (String o : cors) {
            if (!o.equals("*") && !o.matches("https?://[^/\\s]+")) {
                throw new ConfigException("CRM_CORS_ORIGINS: expected origins like https://crm.example.com (scheme://host[:port]), got \"" + o + "\"");
            }
        }
        int[] frequency = r.frequency("CRM_FREQUENCY_CAP");
        // the adapters' own settings (timeouts, limits, retries), validated here so a bad value stops start-up
        Optional<OpenAiSettings> openAi = adapterSettings(() -> OpenAiSettings.fromEnv(env));
        Optional<GatewaySettings> gateway = vendorUrl.isEmpty() ? Optional.empty()
                : adapterSettings(() -> Optional.of(GatewaySettings.fromEnv(env)));
        int maxBody = r.integer("CRM_MAX_BODY_MB", 1, 1, 64);
        int maxBulk = r.integer("CRM_MAX_BULK_BODY_MB", 64, 1, 2047);
        int maxImport = r.integer("CRM_MAX_IMPORT_MB", 1024, 1, 1_048_576);
        if (maxBulk < maxBody) {
            throw new ConfigException("CRM_MAX_BULK_BODY_MB: expected at least CRM_MAX_BODY_MB (" + maxBody + ")");
        }
        if (maxImport < maxBody) {
            throw new ConfigException("CRM_MAX_IMPORT_MB: expected at least CRM_MAX_BODY_MB (" + maxBody + ")");
        }
        DeliverySettings delivery = DeliverySettings.defaults();
        return new Config(
                r.text("HOST").map(h -> {
                    if (!h.matches("[A-Za-z0-9._:-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]")) {
                        throw new ConfigException("HOST: expected a host name or IP address to bind to, like 0.0.0.0 or 127.0.0.1, got \"" + h + "\"");
                    }
                    return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
                }).orElse(DEFAULT_HOST),
                r.integer("PORT", DEFAULT_PORT, 0, 65_535),
                r.url("MONGO_URI", Set.of("mongodb", "mongodb+srv")),
                r.text("MONGO_DB").map(db -> {
                    if (!db.matches("[A-Za-z0-9_-]{1,63}")) {
                        throw new ConfigException("MONGO_DB: expected 1 to 63 letters, digits, '_' or '-'");
                    }
                    return db;
                }).orElse("minicrm"),
                dataDir(r.text("CRM_DATA_DIR").orElse(defaultDataDir)),
                clientId,
                r.text("GOOGLE_CLIENT_SECRET"),
                domains,
                session,
                apiKeys,
                r.text("OPENAI_API_KEY"),
                r.url("OPENAI_BASE_URL", Set.of("http", "https")),
                r.text("OPENAI_MODEL"),
                r.bool("USE_PUBSUB", false),
                redis,
                vendorUrl,
                vendorSecret,
                cors.isEmpty() ? List.of("http://localhost:5173") : cors,
                r.text("CRM_CURRENCY").map(c -> {
                    if (!c.matches("[A-Z]{3}")) {
                        throw new ConfigException("CRM_CURRENCY: expected a 3-letter ISO currency code like INR");
                    }
                    return c;
                }).orElse(MiniCrm.DEFAULT_CURRENCY),
                // the defaults are the library's (DeliverySettings.defaults()): one place for both
                r.decimal("CRM_SEND_RATE", delivery.sendRatePerSecond(), 0, 1_000_000),
                r.integer("CRM_MAX_ATTEMPTS", delivery.retry().maxAttempts(), 1, 10),
                Duration.ofMillis(r.integer("CRM_RETRY_BASE_MS", (int) delivery.retry().baseDelay().toMillis(), 0, 3_600_000)),
                frequency[0],
                Duration.ofDays(frequency[1]),
                r.decimal("CRM_AI_RATE_PER_MINUTE", 20, 0, 100_000),
                r.integer("CRM_AI_DAILY_CAP", 500, 0, 10_000_000),
                r.text("CRM_INSTANCE_ID").map(id -> {
                    if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
                        throw new ConfigException("CRM_INSTANCE_ID: expected 1 to 64 letters, digits, '.', '_' or '-'");
                    }
                    return id;
                }).orElse(null),
                r.choice("CRM_LOG_FORMAT", List.of("text", "json"), "text").equals("json"),
                openAi,
                gateway,
                maxBody,
                maxBulk,
                maxImport,
                safeguards(r),
                r.integer("CRM_HEAP_EXIT_PERCENT", 97, 0, 100),
                r.integer("CRM_STORE_CACHE_MB", DEFAULT_STORE_CACHE_MB, 4, 65_536),
                scaling(r));
    }

    /** The HTTP server's self-protection (timeouts, caps, metrics access); see README "Configuration". */
    private static Safeguards safeguards(Reader r) {
        Safeguards d = Safeguards.defaults();
        Optional<String> token = r.text("CRM_METRICS_TOKEN");
        token.ifPresent(t -> {
            if (t.length() < Safeguards.MIN_TOKEN) {
                throw new ConfigException("CRM_METRICS_TOKEN: expected at least " + Safeguards.MIN_TOKEN + " characters");
            }
        });
        return new Safeguards(
                Duration.ofSeconds(r.integer("CRM_HTTP_IDLE_TIMEOUT_SECONDS", (int) d.idleTimeout().toSeconds(), 1, 3600)),
                r.integer("CRM_HTTP_MIN_DATA_RATE", (int) d.minRequestDataRate(), 0, 1_000_000_000),
                r.integer("CRM_RECEIPT_MAX_BODY_KB", (int) (d.maxReceiptBodyBytes() / 1024), 1, 65_536) * 1024L,
                r.integer("CRM_RECEIPT_MAX_CONNECTIONS", d.maxReceiptConnections(), 1, 10_000),
                r.integer("CRM_MAX_HEAVY_REQUESTS", d.maxHeavyRequests(), 1, 1000),
                token.orElse(null),
                r.bool("CRM_METRICS_PUBLIC", false));
    }

    /** How instances work together and how much each sends; see {@link Scaling}. */
    private static Scaling scaling(Reader r) {
        ClusterSettings d = ClusterSettings.defaults();
        int heartbeat = r.integer("CRM_HEARTBEAT_MS", (int) d.heartbeatInterval().toMillis(), 10, 60_000);
        int deadAfter = r.integer("CRM_DEAD_AFTER_MS", (int) d.deadAfter().toMillis(), 30, 600_000);
        int lease = r.integer("CRM_LEASE_MS", (int) d.leaseTtl().toMillis(), 30, 3_600_000);
        int reclaimIdle = r.integer("CRM_RECLAIM_IDLE_MS", (int) d.reclaimIdle().toMillis(), 1000, 86_400_000);
        if (deadAfter < ClusterSettings.MIN_HEARTBEATS_PER_DEAD_AFTER * heartbeat) {
            throw new ConfigException("CRM_DEAD_AFTER_MS: expected at least " + ClusterSettings.MIN_HEARTBEATS_PER_DEAD_AFTER
                    + " heartbeats (" + ClusterSettings.MIN_HEARTBEATS_PER_DEAD_AFTER * heartbeat
                    + " ms with CRM_HEARTBEAT_MS=" + heartbeat + "), so one late heartbeat does not kill an instance; got " + deadAfter);
        }
        if (lease < deadAfter) {
            throw new ConfigException("CRM_LEASE_MS: expected at least CRM_DEAD_AFTER_MS (" + deadAfter + "), got " + lease);
        }
        if (reclaimIdle <= deadAfter) {
            throw new ConfigException("CRM_RECLAIM_IDLE_MS: expected more than CRM_DEAD_AFTER_MS (" + deadAfter + "), got "
                    + reclaimIdle);
        }
        Scaling s = Scaling.defaults();
        return new Scaling(new ClusterSettings(Scaling.ms(heartbeat), Scaling.ms(deadAfter), Scaling.ms(lease),
                Scaling.ms(reclaimIdle)),
                r.integer("CRM_DISPATCH_CONCURRENCY", s.dispatchConcurrency(), 1, 256),
                r.integer("CRM_DISPATCH_BATCH", s.dispatchBatch(), 1, 5000),
                r.decimal("CRM_VENDOR_RATE", s.vendorRate(), 0, 1_000_000));
    }

    /** {@value #MEMORY} (any case): memory only; else the directory. */
    private static Optional<Path> dataDir(String value) {
        if (value.strip().equalsIgnoreCase(MEMORY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value.strip()));
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("CRM_DATA_DIR: expected a directory or \"memory\", got \"" + value + "\"");
        }
    }

    /** An adapter's settings from the environment; its complaint (which names the variable) as a {@link ConfigException}. */
    private static <T> Optional<T> adapterSettings(Supplier<Optional<T>> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** Whether the store is the embedded one (no {@code MONGO_URI}). */
    public boolean embeddedStore() {
        return mongoUri.isEmpty();
    }

    public boolean localSignIn() {
        return googleClientId.isEmpty();
    }

    private static final class Reader {
        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            this.env = env;
        }

        Optional<String> text(String key) {
            String v = env.get(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        int integer(String key, int dflt, int min, int max) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                int n = Integer.parseInt(v.get());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(key + ": expected a whole number from " + min + " to " + max + ", got \"" + v.get() + "\"");
        }

        double decimal(String key, double dflt, double min, double max) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                double d = Double.parseDouble(v.get());
                if (d >= min && d <= max) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new ConfigException(key + ": expected a number from " + (long) min + " to " + (long) max + ", got \"" + v.get() + "\"");
        }

        boolean bool(String key, boolean dflt) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return dflt;
            }
            return switch (v.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new ConfigException(key + ": expected true or false, got \"" + v.get() + "\"");
            };
        }

        String choice(String key, List<String> allowed, String dflt) {
            Optional<String> v = text(key).map(s -> s.toLowerCase(Locale.ROOT));
            if (v.isEmpty()) {
                return dflt;
            }
            if (!allowed.contains(v.get())) {
                throw new ConfigException(key + ": expected one of " + String.join(", ", allowed) + ", got \"" + v.get() + "\"");
            }
            return v.get();
        }

        Optional<String> url(String key, Set<String> schemes) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                return v;
            }
            try {
                URI u = URI.create(v.get());
                if (u.getScheme() != null && schemes.contains(u.getScheme().toLowerCase(Locale.ROOT))
                        && (u.getHost() != null || u.getAuthority() != null)) {
                    return v;
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            throw new ConfigException(key + ": expected a " + schemes.stream().sorted().map(s -> s + "://").collect(Collectors.joining(" or "))
                    + " URL, got \"" + redact(v.get()) + "\"");
        }

        Set<String> list(String key) {
            return text(key).map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty())
                    .collect(Collectors.toCollection(LinkedHashSet::new))).orElse(new LinkedHashSet<>());
        }

        /** "N/Dd": at most N messages per customer in D days; unset or "off" = no cap. */
        int[] frequency(String key) {
            Optional<String> v = text(key);
            if (v.isEmpty() || v.get().equalsIgnoreCase("off")) {
                return new int[] {0, 7};
            }
            Matcher m = FREQUENCY.matcher(v.get().toLowerCase(Locale.ROOT));
            if (m.matches() && Integer.parseInt(m.group(1)) > 0 && Integer.parseInt(m.group(2)) > 0) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
            throw new ConfigException(key + ": expected N/Dd, e.g. 3/7d (at most 3 messages per customer in 7 days), or off; got \"" + v.get() + "\"");
        }

        private static String redact(String url) {
            return url.replaceAll("//[^/@]*@", "//***@");
        }
    }
}
