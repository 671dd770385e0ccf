package io.minicrm.adapter.vendorsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.vendorsim.SimulatorSettings.CallbackPolicy;
import io.minicrm.adapter.vendorsim.SimulatorSettings.DelayRange;
import io.minicrm.adapter.vendorsim.SimulatorSettings.Limits;
import io.minicrm.adapter.vendorsim.SimulatorSettings.OutcomeMix;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static final URI VENDOR = URI.create("http://vendor.local:9000/");

    @Test
    void gatewayDefaults_postToTheMessagesPath() {
        GatewaySettings s = GatewaySettings.defaults(VENDOR);
        assertThat(s.messagesEndpoint()).isEqualTo(URI.create("http://vendor.local:9000/v1/messages"));
        assertThat(s.maxBatchSize()).isPositive();
        assertThat(s.apiKey()).isNull();
    }

    @Test
    void gatewaySettings_refuseNonsense() {
        assertThatThrownBy(() -> GatewaySettings.defaults(URI.create("ftp://x/"))).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> GatewaySettings.defaults(VENDOR).withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> GatewaySettings.defaults(VENDOR).withLimits(0, 10)).hasMessageContaining("maxConcurrentRequests");
        assertThatThrownBy(() -> GatewaySettings.defaults(VENDOR).withLimits(1, 0)).hasMessageContaining("maxBatchSize");
    }

    @Test
    void gatewaySettings_hideTheApiKey() {
        assertThat(GatewaySettings.defaults(VENDOR).withApiKey("s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void gatewayFromEnv_readsEveryVariable_andNamesEveryProblem() {
        GatewaySettings s = GatewaySettings.fromEnv(Map.of("VENDOR_URL", "http://v:1", "VENDOR_API_KEY", "k",
                "VENDOR_TIMEOUT_MS", "1500", "VENDOR_CONNECT_TIMEOUT_MS", "300", "VENDOR_MAX_CONCURRENCY", "4",
                "VENDOR_MAX_BATCH", "50"));
        assertThat(s).isEqualTo(new GatewaySettings(URI.create("http://v:1"), "k", Duration.ofMillis(300),
                Duration.ofMillis(1500), 4, 50));

        assertThatThrownBy(() -> GatewaySettings.fromEnv(Map.of("VENDOR_TIMEOUT_MS", "soon", "VENDOR_MAX_BATCH", "x")))
                .hasMessageContaining("VENDOR_URL is required")
                .hasMessageContaining("VENDOR_TIMEOUT_MS")
                .hasMessageContaining("VENDOR_MAX_BATCH");
    }

    @Test
    void simulatorSettings_refuseNonsense() {
        assertThatThrownBy(() -> SimulatorSettings.defaults(" ")).hasMessageContaining("webhookSecret");
        assertThatThrownBy(() -> new OutcomeMix(1.1, 0.5, 0, 0)).hasMessageContaining("successRate");
        assertThatThrownBy(() -> new OutcomeMix(0.9, -0.1, 0, 0)).hasMessageContaining("retryableShare");
        assertThatThrownBy(() -> new DelayRange(Duration.ofMillis(5), Duration.ofMillis(1))).hasMessageContaining("min <= max");
        assertThatThrownBy(() -> CallbackPolicy.defaults().withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> new Limits(4, 1, 1)).hasMessageContaining("threads");
        assertThatThrownBy(() -> new Limits(8, 0, 1)).hasMessageContaining("maxBatchSize");
        assertThatThrownBy(() -> SimulatorSettings.defaults("s").withReceiptUrl(URI.create("mailto:x@y")))
                .hasMessageContaining("receiptUrl");
    }

    @Test
    void delayRange_staysWithinItsBounds() {
        DelayRange r = new DelayRange(Duration.ofMillis(10), Duration.ofMillis(20));
        assertThat(r.at(0)).isEqualTo(Duration.ofMillis(10));
        assertThat(r.at(0.5)).isEqualTo(Duration.ofMillis(15));
        assertThat(r.at(0.999_999)).isLessThan(Duration.ofMillis(20));
    }

    @Test
    void simulatorConfig_readsFlagsOverEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("VENDOR_WEBHOOK_SECRET", "env-secret",
                "VENDOR_SIM_SUCCESS_RATE", "0.5"));
        env.putAll(SimulatorConfig.parseArgs("--port=0", "--host", "127.0.0.1", "--success-rate=0.75", "--seed", "9",
                "--receipt-delay-ms=5-50", "--answer-delay-ms", "3", "--receipt-url=http://localhost:8080/api/receipt",
                "--duplicate-rate=0.3", "--out-of-order-rate=1", "--max-batch=10", "--callback-max-age-s=60"));
        SimulatorConfig c = SimulatorConfig.from(env);

        assertThat(c.port()).isZero();
        assertThat(c.host()).isEqualTo("127.0.0.1");
        SimulatorSettings s = c.settings();
        assertThat(s.webhookSecret()).isEqualTo("env-secret");
        assertThat(s.seed()).isEqualTo(9);
        assertThat(s.outcomes()).isEqualTo(new OutcomeMix(0.75, 0.5, 0.3, 1));
        assertThat(s.receiptDelay()).isEqualTo(new DelayRange(Duration.ofMillis(5), Duration.ofMillis(50)));
        assertThat(s.answerDelay()).isEqualTo(DelayRange.fixed(Duration.ofMillis(3)));
        assertThat(s.receiptUrl()).isEqualTo(URI.create("http://localhost:8080/api/receipt"));
        assertThat(s.limits().maxBatchSize()).isEqualTo(10);
        assertThat(s.callbacks().maxAge()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void simulatorConfig_namesEveryProblem() {
        assertThatThrownBy(() -> SimulatorConfig.from(Map.of("VENDOR_SIM_PORT", "eighty", "VENDOR_SIM_SUCCESS_RATE", "most",
                "VENDOR_SIM_RECEIPT_DELAY_MS", "1-2-3", "VENDOR_RECEIPT_URL", "ftp://x/")))
                .hasMessageContaining("VENDOR_WEBHOOK_SECRET")
                .hasMessageContaining("VENDOR_SIM_PORT")
                .hasMessageContaining("VENDOR_SIM_SUCCESS_RATE")
                .hasMessageContaining("VENDOR_SIM_RECEIPT_DELAY_MS")
                .hasMessageContaining("VENDOR_RECEIPT_URL");
        assertThatThrownBy(() -> SimulatorConfig.from(Map.of("VENDOR_WEBHOOK_SECRET", "s", "VENDOR_SIM_DUPLICATE_RATE", "2")))
                .hasMessageContaining("duplicateRate");
    }

    @Test
    void parseArgs_refusesUnknownFlagsAndMissingValues() {
        assertThatThrownBy(() -> SimulatorConfig.parseArgs("--colour=red")).hasMessageContaining("--colour");
        assertThatThrownBy(() -> SimulatorConfig.parseArgs("--port")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> SimulatorConfig.parseArgs("port=1")).hasMessageContaining("unexpected");
        assertThat(SimulatorConfig.usage()).contains("--receipt-url", "VENDOR_RECEIPT_URL");
    }
}
