package io.minicrm.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the HTTP server protects itself from slow, idle, oversized or too many requests, and who may read
 * its metrics. Every value has a safe default ({@link #defaults()}).
 *
 * @param idleTimeout           a connection with nothing to read or write for this long is closed (a request
 *                              body that stalls fails); {@code CRM_HTTP_IDLE_TIMEOUT_SECONDS}
 * @param minRequestDataRate    bytes per second a request body must keep up once it is being read, else it
 *                              fails (0: no minimum); {@code CRM_HTTP_MIN_DATA_RATE}
 * @param maxReceiptBodyBytes   largest body of the vendor's receipt callback ({@code CRM_RECEIPT_MAX_BODY_KB})
 * @param maxReceiptConnections receipt callbacks in progress at once; more get 503 with {@code Retry-After}
 *                              ({@code CRM_RECEIPT_MAX_CONNECTIONS})
 * @param maxHeavyRequests      imports, bulk ingestions and segment previews in progress at once, over all
 *                              callers; more get 503 with {@code Retry-After} ({@code CRM_MAX_HEAVY_REQUESTS})
 * @param metricsToken          a bearer token that may read {@code /metrics} (Prometheus' {@code authorization});
 *                              null: only operators ({@code CRM_METRICS_TOKEN})
 * @param publicMetrics         {@code /metrics} open to anyone, by the operator's explicit choice
 *                              ({@code CRM_METRICS_PUBLIC})
 */
public record Safeguards(Duration idleTimeout, long minRequestDataRate, long maxReceiptBodyBytes, int maxReceiptConnections,
                         int maxHeavyRequests, String metricsToken, boolean publicMetrics) {
    /** Shortest accepted metrics token. */
    public static final int MIN_TOKEN = 16;
    /** Largest body of the Google sign-in route (an ID token is about 1 KB). */
    public static final long MAX_SIGN_IN_BODY_BYTES = 16 * 1024;

    public Safeguards {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 s");
        }
        if (minRequestDataRate < 0) {
            throw new IllegalArgumentException("minRequestDataRate must not be negative");
        }
        if (maxReceiptBodyBytes < 1024) {
            throw new IllegalArgumentException("maxReceiptBodyBytes must be at least 1 KB");
        }
        if (maxReceiptConnections < 1 || maxHeavyRequests < 1) {
            throw new IllegalArgumentException("maxReceiptConnections and maxHeavyRequests must be at least 1");
        }
        metricsToken = metricsToken == null || metricsToken.isBlank() ? null : metricsToken.strip();
        if (metricsToken != null && metricsToken.length() < MIN_TOKEN) {
            throw new IllegalArgumentException("the metrics token must be at least " + MIN_TOKEN + " characters");
        }
    }

    /**
     * Idle timeout 20 s, minimum data rate 1 KB/s, receipts of at most 256 KB and 64 at once, 4 heavy
     * requests at once, metrics for operators only.
     */
    public static Safeguards defaults() {
        return new Safeguards(Duration.ofSeconds(20), 1024, 256 * 1024, 64, 4, null, false);
    }

    public Safeguards withIdleTimeout(Duration d) {
        return new Safeguards(d, minRequestDataRate, maxReceiptBodyBytes, maxReceiptConnections, maxHeavyRequests,
                metricsToken, publicMetrics);
    }

    public Safeguards withMinRequestDataRate(long bytesPerSecond) {
        return new Safeguards(idleTimeout, bytesPerSecond, maxReceiptBodyBytes, maxReceiptConnections, maxHeavyRequests,
                metricsToken, publicMetrics);
    }

    public Safeguards withReceiptLimits(long maxBodyBytes, int maxConnections) {
        return new Safeguards(idleTimeout, minRequestDataRate, maxBodyBytes, maxConnections, maxHeavyRequests,
                metricsToken, publicMetrics);
    }

    public Safeguards withMaxHeavyRequests(int n) {
        return new Safeguards(idleTimeout, minRequestDataRate, maxReceiptBodyBytes, maxReceiptConnections, n,
                metricsToken, publicMetrics);
    }

    public Safeguards withMetrics(String token, boolean open) {
        return new Safeguards(idleTimeout, minRequestDataRate, maxReceiptBodyBytes, maxReceiptConnections,
                maxHeavyRequests, token, open);
    }

    @Override
    public String toString() {
        return "Safeguards[idleTimeout=" + idleTimeout + ", minRequestDataRate=" + minRequestDataRate
                + ", maxReceiptBodyBytes=" + maxReceiptBodyBytes + ", maxReceiptConnections=" + maxReceiptConnections
                + ", maxHeavyRequests=" + maxHeavyRequests + ", metricsToken=" + (metricsToken == null ? "none" : "***")
                + ", publicMetrics=" + publicMetrics + "]";
    }
}
