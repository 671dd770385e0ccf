package io.minicrm.adapter.vendorsim;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the {@link HttpVendorGateway}.
 *
 * @param baseUrl               the vendor's base URL ({@code VENDOR_URL}); the gateway posts to
 *                              {@code baseUrl + /v1/messages}
 * @param apiKey                sent as {@code X-Api-Key} when not null ({@code VENDOR_API_KEY})
 * @param connectTimeout        limit on opening a connection
 * @param requestTimeout        limit on one request, from sending to the whole answer; also the longest a
 *                              caller waits for a free request slot
 * @param maxConcurrentRequests requests in flight at once, over all callers
 * @param maxBatchSize          messages per request; larger batches are split (the parts go out in parallel)
 */
public record GatewaySettings(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout,
                              int maxConcurrentRequests, int maxBatchSize) {

    public GatewaySettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL with a host: " + baseUrl);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be >= 1");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1");
        }
    }

    /** 2 s to connect, 10 s per request, 16 requests in flight, 500 messages per request, no API key. */
    public static GatewaySettings defaults(URI baseUrl) {
        return new GatewaySettings(baseUrl, null, Duration.ofSeconds(2), Duration.ofSeconds(10), 16, 500);
    }

    /**
     * Reads {@code VENDOR_URL} (required), {@code VENDOR_API_KEY}, {@code VENDOR_CONNECT_TIMEOUT_MS},
     * {@code VENDOR_TIMEOUT_MS}, {@code VENDOR_MAX_CONCURRENCY}, {@code VENDOR_MAX_BATCH}.
     *
     * @throws IllegalArgumentException naming every bad variable
     */
    public static GatewaySettings fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String url = env.get("VENDOR_URL");
        URI base = null;
        if (url == null || url.isBlank()) {
            problems.add("VENDOR_URL is required");
        } else {
            try {
                base = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                problems.add("VENDOR_URL is not a URL: " + url);
            }
        }
        GatewaySettings d = defaults(URI.create("http://localhost"));
        long connect = ConfigValues.longValue(env, "VENDOR_CONNECT_TIMEOUT_MS", d.connectTimeout.toMillis(), problems);
        long request = ConfigValues.longValue(env, "VENDOR_TIMEOUT_MS", d.requestTimeout.toMillis(), problems);
        long concurrency = ConfigValues.longValue(env, "VENDOR_MAX_CONCURRENCY", d.maxConcurrentRequests, problems);
        long batch = ConfigValues.longValue(env, "VENDOR_MAX_BATCH", d.maxBatchSize, problems);
        if (problems.isEmpty()) {
            try {
                return new GatewaySettings(base, env.get("VENDOR_API_KEY"), Duration.ofMillis(connect),
                        Duration.ofMillis(request), Math.toIntExact(concurrency), Math.toIntExact(batch));
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(e.getMessage());
            }
        }
        throw new IllegalArgumentException("vendor gateway configuration: " + String.join("; ", problems));
    }

    /** The send endpoint. */
    public URI messagesEndpoint() {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + VendorProtocol.MESSAGES_PATH);
    }

    public GatewaySettings withApiKey(String key) {
        return new GatewaySettings(baseUrl, key, connectTimeout, requestTimeout, maxConcurrentRequests, maxBatchSize);
    }

    public GatewaySettings withTimeouts(Duration connect, Duration request) {
        return new GatewaySettings(baseUrl, apiKey, connect, request, maxConcurrentRequests, maxBatchSize);
    }

    public GatewaySettings withLimits(int concurrentRequests, int batchSize) {
        return new GatewaySettings(baseUrl, apiKey, connectTimeout, requestTimeout, concurrentRequests, batchSize);
    }

    @Override
    public String toString() {
        return "GatewaySettings[baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", maxBatchSize=" + maxBatchSize + "]";
    }

    static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
