package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void noEnvironment_selectsTheEmbeddedDefaults() {
        Config c = Config.defaults();
        assertThat(c.port()).isEqualTo(5000);
        assertThat(c.embeddedStore()).isTrue();
        assertThat(c.localSignIn()).isTrue();
        assertThat(c.redisUrl()).isEmpty();
        assertThat(c.vendorUrl()).isEmpty();
        assertThat(c.openAiApiKey()).isEmpty();
        assertThat(c.usePubSub()).isFalse();
        assertThat(c.mongoDb()).isEqualTo("minicrm");
        assertThat(c.corsOrigins()).containsExactly("http://localhost:5173");
        assertThat(c.currency()).isEqualTo("INR");
        assertThat(c.frequencyCap()).isZero();
    }

    @Test
    void theEmbeddedStore_keepsDataInMinicrmData_unlessCrmDataDirSaysWhereOrMemory() {
        assertThat(Config.from(Map.of(), Config.DEFAULT_DATA_DIR).dataDir()).contains(Path.of("minicrm-data"));
        assertThat(Config.from(Map.of("CRM_DATA_DIR", "/srv/crm"), Config.DEFAULT_DATA_DIR).dataDir()).contains(Path.of("/srv/crm"));
        assertThat(Config.from(Map.of("CRM_DATA_DIR", "Memory"), Config.DEFAULT_DATA_DIR).dataDir()).isEmpty();
        assertThat(Config.defaults().dataDir()).as("tests keep their store in memory (%s)", Config.DEFAULT_DATA_DIR_PROPERTY).isEmpty();
        assertThat(Config.defaults().storeCacheMb()).isEqualTo(64);
        assertThat(Config.from(Map.of("CRM_STORE_CACHE_MB", "256")).storeCacheMb()).isEqualTo(256);
        assertThatThrownBy(() -> Config.from(Map.of("CRM_STORE_CACHE_MB", "2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CRM_STORE_CACHE_MB");
    }

    @Test
    void everyVariableIsRead() {
        Config c = Config.from(Map.ofEntries(
                Map.entry("PORT", "8081"),
                Map.entry("MONGO_URI", "mongodb://db.internal:27017/crm"),
                Map.entry("MONGO_DB", "crm_prod"),
                Map.entry("CRM_DATA_DIR", "/var/lib/minicrm"),
                Map.entry("GOOGLE_CLIENT_ID", "123.apps.googleusercontent.com"),
                Map.entry("CRM_ALLOWED_DOMAINS", "Example.com, acme.io"),
                Map.entry("CRM_SESSION_SECRET", "0123456789abcdef0123456789abcdef"),
                Map.entry("CRM_API_KEYS", "key-aaaaaaaaaaaaaaaa,key-bbbbbbbbbbbbbbbb"),
                Map.entry("OPENAI_API_KEY", "sk-test"),
                Map.entry("OPENAI_BASE_URL", "http://localhost:11434/v1"),
                Map.entry("OPENAI_MODEL", "gpt-4o-mini"),
                Map.entry("USE_PUBSUB", "true"),
                Map.entry("REDIS_URL", "redis://localhost:6379"),
                Map.entry("VENDOR_URL", "http://vendor:9000"),
                Map.entry("VENDOR_WEBHOOK_SECRET", "whsec-0123456789abcdef"),
                Map.entry("CRM_CORS_ORIGINS", "https://crm.example.com,http://localhost:3000"),
                Map.entry("CRM_FREQUENCY_CAP", "3/7d")));
        assertThat(c.port()).isEqualTo(8081);
        assertThat(c.mongoUri()).contains("mongodb://db.internal:27017/crm");
        assertThat(c.mongoDb()).isEqualTo("crm_prod");
        assertThat(c.dataDir()).contains(Path.of("/var/lib/minicrm"));
        assertThat(c.allowedDomains()).containsExactly("example.com", "acme.io");
        assertThat(c.apiKeys()).hasSize(2);
        assertThat(c.usePubSub()).isTrue();
        assertThat(c.redisUrl()).contains("redis://localhost:6379");
        assertThat(c.corsOrigins()).containsExactly("https://crm.example.com", "http://localhost:3000");
        assertThat(c.frequencyCap()).isEqualTo(3);
        assertThat(c.frequencyWindow()).isEqualTo(Duration.ofDays(7));
        assertThat(c.embeddedStore()).isFalse();
        assertThat(c.localSignIn()).isFalse();
    }

    @Test
    void aBadValue_isOneLineNamingTheVariableAndWhatIsExpected() {
        assertThatThrownBy(() -> Config.from(Map.of("PORT", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("PORT: expected a whole number from 0 to 65535, got \"abc\"");
        assertThatThrownBy(() -> Config.from(Map.of("MONGO_URI", "postgres://x")))
                .hasMessageStartingWith("MONGO_URI: expected a mongodb:// or mongodb+srv:// URL");
        assertThatThrownBy(() -> Config.from(Map.of("USE_PUBSUB", "maybe")))
                .hasMessage("USE_PUBSUB: expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_SESSION_SECRET", "short")))
                .hasMessageStartingWith("CRM_SESSION_SECRET: expected at least 32 characters");
        assertThatThrownBy(() -> Config.from(Map.of("VENDOR_URL", "http://vendor:9000")))
                .hasMessageStartingWith("VENDOR_WEBHOOK_SECRET: required when VENDOR_URL is set");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_FREQUENCY_CAP", "often")))
                .hasMessageStartingWith("CRM_FREQUENCY_CAP: expected N/Dd");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_CORS_ORIGINS", "localhost:5173")))
                .hasMessageStartingWith("CRM_CORS_ORIGINS: expected origins like");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_ALLOWED_DOMAINS", "example.com")))
                .hasMessageStartingWith("CRM_ALLOWED_DOMAINS: only meaningful with GOOGLE_CLIENT_ID");
    }

    @Test
    void aUrlWithCredentials_isRedactedInTheError() {
        assertThatThrownBy(() -> Config.from(Map.of("REDIS_URL", "http://user:secret@host")))
                .hasMessageNotContaining("secret")
                .hasMessageContaining("***@host");
    }

    @Test
    void dotEnvFile_isReadAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, """
                # comment
                PORT=6000
                export OPENAI_MODEL="gpt-4o"
                MONGO_DB='crm' # trailing comment inside quotes is kept

                CRM_CURRENCY=USD # a comment
                """);
        Map<String, String> fromFile = Environment.readDotEnv(file);
        assertThat(fromFile).containsEntry("PORT", "6000").containsEntry("OPENAI_MODEL", "gpt-4o")
                .containsEntry("CRM_CURRENCY", "USD");
        Map<String, String> merged = Environment.merge(fromFile, Map.of("PORT", "7000"));
        Config c = Config.from(merged);
        assertThat(c.port()).isEqualTo(7000);
        assertThat(c.openAiModel()).contains("gpt-4o");
        assertThat(c.currency()).isEqualTo("USD");
    }

    @Test
    void theAdaptersOwnSettings_areReadAndValidated_atStartUp() {
        Config c = Config.from(env("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", "http://llm.local/v1",
                "OPENAI_MODEL", "m1", "OPENAI_TIMEOUT_SECONDS", "12", "OPENAI_MAX_TOKENS", "300", "OPENAI_MAX_ATTEMPTS", "5",
                "VENDOR_URL", "https://vendor.example", "VENDOR_WEBHOOK_SECRET", "0123456789abcdef",
                "VENDOR_API_KEY", "vendor-key", "VENDOR_TIMEOUT_MS", "2500", "VENDOR_MAX_CONCURRENCY", "7"));
        assertThat(c.openAi()).hasValueSatisfying(ai -> {
            assertThat(ai.baseUrl().toString()).startsWith("http://llm.local/v1");
            assertThat(ai.model()).isEqualTo("m1");
            assertThat(ai.requestTimeout()).isEqualTo(Duration.ofSeconds(12));
            assertThat(ai.maxTokens()).isEqualTo(300);
            assertThat(ai.maxAttempts()).isEqualTo(5);
        });
        assertThat(c.vendorGateway()).hasValueSatisfying(v -> {
            assertThat(v.baseUrl().toString()).isEqualTo("https://vendor.example");
            assertThat(v.apiKey()).isEqualTo("vendor-key");
            assertThat(v.requestTimeout()).isEqualTo(Duration.ofMillis(2500));
            assertThat(v.maxConcurrentRequests()).isEqualTo(7);
        });
        assertThat(Config.defaults().openAi()).isEmpty();
        assertThat(Config.defaults().vendorGateway()).as("the simulator's gateway is made at start").isEmpty();

        assertThatThrownBy(() -> Config.from(Map.of("OPENAI_API_KEY", "k", "OPENAI_MAX_TOKENS", "lots")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("OPENAI_MAX_TOKENS").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> Config.from(Map.of("VENDOR_URL", "https://vendor.example",
                "VENDOR_WEBHOOK_SECRET", "0123456789abcdef", "VENDOR_TIMEOUT_MS", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("VENDOR_TIMEOUT_MS");
    }

    @Test
    void bodyLimits_areReadInMegabytes_andMustBeConsistent() {
        Config d = Config.defaults();
        assertThat(d.maxBodyMb()).isEqualTo(1);
        assertThat(d.maxBulkBodyMb()).isEqualTo(64);
        assertThat(d.maxImportMb()).isEqualTo(1024);
        Config c = Config.from(Map.of("CRM_MAX_BODY_MB", "2", "CRM_MAX_BULK_BODY_MB", "128", "CRM_MAX_IMPORT_MB", "4096"));
        assertThat(c.maxBodyMb()).isEqualTo(2);
        assertThat(c.maxBulkBodyMb()).isEqualTo(128);
        assertThat(c.maxImportMb()).isEqualTo(4096);
        assertThatThrownBy(() -> Config.from(Map.of("CRM_MAX_BODY_MB", "8", "CRM_MAX_BULK_BODY_MB", "4")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_MAX_BULK_BODY_MB:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_MAX_BODY_MB", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_MAX_BODY_MB:");
    }

    @Test
    void scaleOutSettings_haveDefaults_areRead_andMustWorkTogether() {
        Scaling d = Config.defaults().scaling();
        assertThat(d.cluster().heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.cluster().deadAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.cluster().leaseTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.cluster().reclaimIdle()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.dispatchConcurrency()).isEqualTo(4);
        assertThat(d.dispatchBatch()).isEqualTo(250);
        assertThat(d.vendorRate()).isZero();

        Scaling s = Config.from(Map.of("CRM_HEARTBEAT_MS", "250", "CRM_DEAD_AFTER_MS", "1500", "CRM_LEASE_MS", "2000",
                "CRM_RECLAIM_IDLE_MS", "60000", "CRM_DISPATCH_CONCURRENCY", "8", "CRM_DISPATCH_BATCH", "10",
                "CRM_VENDOR_RATE", "2000")).scaling();
        assertThat(s.cluster().heartbeatInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.cluster().deadAfter()).isEqualTo(Duration.ofMillis(1500));
        assertThat(s.cluster().leaseTtl()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.cluster().reclaimIdle()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.dispatchConcurrency()).isEqualTo(8);
        assertThat(s.dispatchBatch()).isEqualTo(10);
        assertThat(s.vendorRate()).isEqualTo(2000);
        assertThat(s.vendorBurst()).as("a tenth of a second's worth").isEqualTo(200);

        assertThatThrownBy(() -> Config.from(Map.of("CRM_HEARTBEAT_MS", "1000", "CRM_DEAD_AFTER_MS", "2000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_DEAD_AFTER_MS: expected at least 3 heartbeats");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_LEASE_MS", "1000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_LEASE_MS: expected at least CRM_DEAD_AFTER_MS");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_RECLAIM_IDLE_MS", "5000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_RECLAIM_IDLE_MS: expected more than");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_HEARTBEAT_MS", "5")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_HEARTBEAT_MS:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_DISPATCH_CONCURRENCY", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_DISPATCH_CONCURRENCY:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_VENDOR_RATE", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_VENDOR_RATE:");
    }

    private static Map<String, String> env(String... keysAndValues) {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    @Test
    void aMalformedDotEnvLine_namesTheLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(".env");
        Files.writeString(file, "PORT=1\nthis is not a setting\n");
        assertThatThrownBy(() -> Environment.readDotEnv(file)).hasMessage(".env line 2: expected KEY=value");
    }

    @Test
    void theServersSafeguards_haveSafeDefaults_andAreReadAndValidated() {
        Config d = Config.defaults();
        assertThat(d.safeguards()).isEqualTo(io.minicrm.adapter.http.Safeguards.defaults());
        assertThat(d.safeguards().publicMetrics()).as("metrics are never public by default").isFalse();
        assertThat(d.heapExitPercent()).isEqualTo(97);

        Config c = Config.from(Map.of("CRM_HTTP_IDLE_TIMEOUT_SECONDS", "7", "CRM_HTTP_MIN_DATA_RATE", "0",
                "CRM_RECEIPT_MAX_BODY_KB", "64", "CRM_RECEIPT_MAX_CONNECTIONS", "8", "CRM_MAX_HEAVY_REQUESTS", "2",
                "CRM_METRICS_TOKEN", "scrape-token-0123456789", "CRM_METRICS_PUBLIC", "true", "CRM_HEAP_EXIT_PERCENT", "0"));
        assertThat(c.safeguards().idleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.safeguards().minRequestDataRate()).isZero();
        assertThat(c.safeguards().maxReceiptBodyBytes()).isEqualTo(64 * 1024);
        assertThat(c.safeguards().maxReceiptConnections()).isEqualTo(8);
        assertThat(c.safeguards().maxHeavyRequests()).isEqualTo(2);
        assertThat(c.safeguards().metricsToken()).isEqualTo("scrape-token-0123456789");
        assertThat(c.safeguards().publicMetrics()).isTrue();
        assertThat(c.heapExitPercent()).isZero();

        assertThatThrownBy(() -> Config.from(Map.of("CRM_METRICS_TOKEN", "short")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_METRICS_TOKEN:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_MAX_HEAVY_REQUESTS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_MAX_HEAVY_REQUESTS:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_HTTP_IDLE_TIMEOUT_SECONDS", "forever")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_HTTP_IDLE_TIMEOUT_SECONDS:");
        assertThatThrownBy(() -> Config.from(Map.of("CRM_METRICS_PUBLIC", "perhaps")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CRM_METRICS_PUBLIC:");
    }

    @Test
    void host_bindsEveryInterfaceByDefault_takesANameOrAddress_andRefusesAnythingElse() {
        assertThat(Config.defaults().host()).isEqualTo("0.0.0.0");
        assertThat(Config.from(Map.of("HOST", "127.0.0.1")).host()).isEqualTo("127.0.0.1");
        assertThat(Config.from(Map.of("HOST", "crm.internal")).host()).isEqualTo("crm.internal");
        assertThat(Config.from(Map.of("HOST", "[::1]")).host()).isEqualTo("::1");
        assertThatThrownBy(() -> Config.from(Map.of("HOST", "http://localhost"))).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("HOST: expected a host name or IP address");
    }
}
