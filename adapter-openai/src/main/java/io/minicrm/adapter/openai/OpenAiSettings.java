package io.minicrm.adapter.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an OpenAI-compatible chat-completions server and how hard to try.
 *
 * @param apiKey          sent as {@code Authorization: Bearer <key>}; never printed
 * @param baseUrl         e.g. {@code https://api.openai.com/v1} or {@code http://localhost:11434/v1}; a path prefix
 *                        before {@code /v1} (a gateway) is kept
 * @param model           e.g. {@code gpt-4o-mini}
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  the whole HTTP call (connect, send, wait, read) of one attempt
 * @param maxTokens       upper bound of the answer's length
 * @param temperature     for message drafts and summaries; rules are always asked for at temperature 0
 * @param maxAttempts     attempts per request (1 = no retry); only 429, 5xx and connection failures are retried
 * @param retryBudget     total time one request may take including waits; a {@code Retry-After} beyond it gives up
 * @param dailyRequestCap requests per UTC day across the process (0 = no cap); past it the assistant is unavailable
 */
public record OpenAiSettings(String apiKey, URI baseUrl, String model, Duration connectTimeout, Duration requestTimeout,
                             int maxTokens, double temperature, int maxAttempts, Duration retryBudget,
                             long dailyRequestCap) {
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");
    public static final String DEFAULT_MODEL = "gpt-4o-mini";

    public OpenAiSettings {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey: required");
        }
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: expected an http(s) URL, got " + baseUrl);
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: required");
        }
        positive(connectTimeout, "connectTimeout");
        positive(requestTimeout, "requestTimeout");
        positive(retryBudget, "retryBudget");
        if (maxTokens < 16 || maxTokens > 32_000) {
            throw new IllegalArgumentException("maxTokens: expected 16 to 32000, got " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature: expected 0 to 2, got " + temperature);
        }
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts: expected 1 to 10, got " + maxAttempts);
        }
        if (dailyRequestCap < 0) {
            throw new IllegalArgumentException("dailyRequestCap: must not be negative");
        }
        apiKey = apiKey.strip();
        model = model.strip();
    }

    /** The defaults for everything but the key: OpenAI's URL, gpt-4o-mini, 5 s connect, 30 s per attempt, 3 attempts. */
    public static OpenAiSettings of(String apiKey) {
        return new OpenAiSettings(apiKey, DEFAULT_BASE_URL, DEFAULT_MODEL, Duration.ofSeconds(5), Duration.ofSeconds(30),
                800, 0.7, 3, Duration.ofSeconds(45), 0);
    }

    /**
     * Settings from environment variables; empty when {@code OPENAI_API_KEY} is unset or blank. Reads
     * {@code OPENAI_BASE_URL}, {@code OPENAI_MODEL}, {@code OPENAI_TIMEOUT_SECONDS}, {@code OPENAI_CONNECT_TIMEOUT_SECONDS},
     * {@code OPENAI_MAX_TOKENS}, {@code OPENAI_TEMPERATURE}, {@code OPENAI_MAX_ATTEMPTS},
     * {@code OPENAI_RETRY_BUDGET_SECONDS}, {@code OPENAI_DAILY_REQUEST_CAP}.
     * @throws IllegalArgumentException naming the variable when a value is malformed
     */
    public static Optional<OpenAiSettings> fromEnv(Map<String, String> env) {
        String key = text(env, "OPENAI_API_KEY");
        if (key == null) {
            return Optional.empty();
        }
        OpenAiSettings s = of(key);
        String url = text(env, "OPENAI_BASE_URL");
        if (url != null) {
            try {
                s = s.withBaseUrl(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("OPENAI_BASE_URL: expected an http(s) URL, got \"" + url + "\"", e);
            }
        }
        String model = text(env, "OPENAI_MODEL");
        return Optional.of(new OpenAiSettings(s.apiKey, s.baseUrl, model == null ? s.model : model,
                Duration.ofSeconds(number(env, "OPENAI_CONNECT_TIMEOUT_SECONDS", 5, 1, 300)),
                Duration.ofSeconds(number(env, "OPENAI_TIMEOUT_SECONDS", 30, 1, 600)),
                (int) number(env, "OPENAI_MAX_TOKENS", 800, 16, 32_000),
                decimal(env, "OPENAI_TEMPERATURE", 0.7),
                (int) number(env, "OPENAI_MAX_ATTEMPTS", 3, 1, 10),
                Duration.ofSeconds(number(env, "OPENAI_RETRY_BUDGET_SECONDS", 45, 1, 3600)),
                number(env, "OPENAI_DAILY_REQUEST_CAP", 0, 0, 100_000_000)));
    }

    public OpenAiSettings withBaseUrl(URI url) {
        return new OpenAiSettings(apiKey, url, model, connectTimeout, requestTimeout, maxTokens, temperature, maxAttempts,
                retryBudget, dailyRequestCap);
    }

    public OpenAiSettings withModel(String m) {
        return new OpenAiSettings(apiKey, baseUrl, m, connectTimeout, requestTimeout, maxTokens, temperature, maxAttempts,
                retryBudget, dailyRequestCap);
    }

    public OpenAiSettings withTimeouts(Duration connect, Duration request) {
        return new OpenAiSettings(apiKey, baseUrl, model, connect, request, maxTokens, temperature, maxAttempts,
                retryBudget, dailyRequestCap);
    }

    public OpenAiSettings withRetries(int attempts, Duration budget) {
        return new OpenAiSettings(apiKey, baseUrl, model, connectTimeout, requestTimeout, maxTokens, temperature, attempts,
                budget, dailyRequestCap);
    }

    public OpenAiSettings withTemperature(double t) {
        return new OpenAiSettings(apiKey, baseUrl, model, connectTimeout, requestTimeout, maxTokens, t, maxAttempts,
                retryBudget, dailyRequestCap);
    }

    public OpenAiSettings withMaxTokens(int n) {
        return new OpenAiSettings(apiKey, baseUrl, model, connectTimeout, requestTimeout, n, temperature, maxAttempts,
                retryBudget, dailyRequestCap);
    }

    public OpenAiSettings withDailyRequestCap(long cap) {
        return new OpenAiSettings(apiKey, baseUrl, model, connectTimeout, requestTimeout, maxTokens, temperature,
                maxAttempts, retryBudget, cap);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "OpenAiSettings[baseUrl=" + baseUrl + ", model=" + model + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxTokens=" + maxTokens + ", temperature=" + temperature
                + ", maxAttempts=" + maxAttempts + ", retryBudget=" + retryBudget + ", dailyRequestCap=" + dailyRequestCap
                + ", apiKey=***]";
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + ": must be a positive duration");
        }
    }

    private static String text(Map<String, String> env, String key) {
        String v = env.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static long number(Map<String, String> env, String key, long dflt, long min, long max) {
        String v = text(env, key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a whole number from " + min + " to " + max + ", got \"" + v + "\"");
    }

    private static double decimal(Map<String, String> env, String key, double dflt) {
        String v = text(env, key);
        if (v == null) {
            return dflt;
        }
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && d <= 2) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": expected a number from 0 to 2, got \"" + v + "\"");
    }
}
