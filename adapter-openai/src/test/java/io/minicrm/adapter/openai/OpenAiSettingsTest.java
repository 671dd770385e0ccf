package io.minicrm.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {

    @Test
    void noKeyMeansNoSettings() {
        assertThat(OpenAiSettings.fromEnv(Map.of())).isEmpty();
        assertThat(OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "  "))).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        OpenAiSettings s = OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "sk-abc", "OPENAI_BASE_URL",
                "http://localhost:11434/v1", "OPENAI_MODEL", "llama3", "OPENAI_TIMEOUT_SECONDS", "12",
                "OPENAI_CONNECT_TIMEOUT_SECONDS", "2", "OPENAI_MAX_TOKENS", "300", "OPENAI_TEMPERATURE", "0.2",
                "OPENAI_MAX_ATTEMPTS", "4", "OPENAI_RETRY_BUDGET_SECONDS", "60", "OPENAI_DAILY_REQUEST_CAP", "1000")).orElseThrow();
        assertThat(s).isEqualTo(new OpenAiSettings("sk-abc", URI.create("http://localhost:11434/v1"), "llama3",
                Duration.ofSeconds(2), Duration.ofSeconds(12), 300, 0.2, 4, Duration.ofSeconds(60), 1000));
    }

    @Test
    void defaultsAreOpenAisUrlAndASmallModel() {
        OpenAiSettings s = OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "sk-abc")).orElseThrow();
        assertThat(s.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(s.model()).isEqualTo("gpt-4o-mini");
        assertThat(s.maxAttempts()).isEqualTo(3);
        assertThat(s.dailyRequestCap()).isZero();
    }

    @Test
    void aBadValueNamesTheVariable() {
        assertThatThrownBy(() -> OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "k", "OPENAI_MAX_ATTEMPTS", "zero")))
                .hasMessageStartingWith("OPENAI_MAX_ATTEMPTS:");
        assertThatThrownBy(() -> OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "k", "OPENAI_BASE_URL", "ftp://x")))
                .hasMessageStartingWith("OPENAI_BASE_URL:");
        assertThatThrownBy(() -> OpenAiSettings.fromEnv(Map.of("OPENAI_API_KEY", "k", "OPENAI_TEMPERATURE", "3")))
                .hasMessageStartingWith("OPENAI_TEMPERATURE:");
    }

    @Test
    void theKeyIsNeverPrinted() {
        assertThat(OpenAiSettings.of("sk-very-secret").toString()).doesNotContain("sk-very-secret").contains("***");
    }

    @Test
    void retryAfterIsReadInEveryForm() {
        java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(ChatRetryPolicy.retryAfter(null, "3", clock)).contains(Duration.ofSeconds(3));
        assertThat(ChatRetryPolicy.retryAfter(null, "0.5", clock)).contains(Duration.ofMillis(500));
        assertThat(ChatRetryPolicy.retryAfter("1500", "9", clock)).contains(Duration.ofMillis(1500));
        assertThat(ChatRetryPolicy.retryAfter(null, "Sat, 01 Mar 2025 10:00:07 GMT", clock)).contains(Duration.ofSeconds(7));
        assertThat(ChatRetryPolicy.retryAfter(null, "Sat, 01 Mar 2025 09:00:00 GMT", clock)).contains(Duration.ZERO);
        assertThat(ChatRetryPolicy.retryAfter(null, "soon", clock)).isEqualTo(Optional.empty());
        assertThat(ChatRetryPolicy.retryAfter(null, null, clock)).isEmpty();
    }

    @Test
    void theBaseUrlSplitsIntoRootAndGatewayPrefix() {
        assertThat(RetrofitChatClient.root(URI.create("https://api.openai.com/v1"))).isEqualTo("https://api.openai.com/");
        assertThat(RetrofitChatClient.pathPrefix(URI.create("https://api.openai.com/v1"))).isEmpty();
        assertThat(RetrofitChatClient.pathPrefix(URI.create("http://localhost:11434/v1/"))).isEmpty();
        assertThat(RetrofitChatClient.pathPrefix(URI.create("http://localhost:11434"))).isEmpty();
        assertThat(RetrofitChatClient.pathPrefix(URI.create("https://gw.example.com/openai/v1"))).isEqualTo("/openai");
    }
}
