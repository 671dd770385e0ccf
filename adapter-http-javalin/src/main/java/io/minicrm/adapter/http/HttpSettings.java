package io.minicrm.adapter.http;

import io.minicrm.adapter.http.auth.GoogleEndpoints;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Configuration of the HTTP adapter. Build with {@link #builder()}; every value has a safe default.
 *
 * @param corsOrigins         origins allowed by CORS, with credentials ({@code CRM_CORS_ORIGINS}; default the old
 *                            frontend's dev server); {@code *} allows any origin without credentials
 * @param maxBodyBytes        largest JSON body of an ordinary route (default 1 MB); larger is a 413
 * @param maxBulkBodyBytes    largest body of the JSON ingestion routes ({@code POST /api/customers}, {@code /bulk},
 *                            {@code /api/orders}; default 64 MB)
 * @param maxImportBodyBytes  largest CSV import ({@code POST /api/customers/import}, {@code /api/orders/import});
 *                            streamed, never held in memory (default 1 GB)
 * @param aiRequestsPerMinute AI requests per minute per principal ({@code <= 0}: unlimited)
 * @param aiDailyCap          AI requests per UTC day per principal ({@code <= 0}: unlimited)
 * @param vendorWebhookSecret HMAC key of vendor receipts ({@code VENDOR_WEBHOOK_SECRET}); null: every receipt is refused
 * @param receiptTolerance    how far a receipt's signature timestamp may be from now (default 300 s)
 * @param sessionSecret       HMAC key of session tokens ({@code CRM_SESSION_SECRET}, >= 32 bytes); null: a random
 *                            key per start (sessions end with the process)
 * @param sessionTtl          lifetime of a session token (default 12 h)
 * @param apiKeys             keys accepted in {@code X-Api-Key} ({@code CRM_API_KEYS})
 * @param googleClientId      {@code GOOGLE_CLIENT_ID}; null: local mode (admin token and API keys only)
 * @param allowedDomains      {@code CRM_ALLOWED_DOMAINS}: Google accounts of these domains only (empty: any)
 * @param google              Google's endpoints (certificates, token endpoint, issuers)
 * @param adminToken          the local admin token (printed by the bootstrap in local mode); null: none
 * @param queuedIngestion     {@code USE_PUBSUB}: JSON ingestion answers 202 with a tracking id
 * @param publicBaseUrl       absolute base of {@code Link} headers (e.g. {@code https://crm.example.com}); null:
 *                            relative links
 * @param stopTimeout         how long {@link HttpApi#stop()} waits for in-flight requests
 * @param safeguards          timeouts, minimum data rate, receipt and heavy-request caps, metrics access
 */
public record HttpSettings(List<String> corsOrigins, long maxBodyBytes, long maxBulkBodyBytes, long maxImportBodyBytes,
                           double aiRequestsPerMinute, int aiDailyCap, String vendorWebhookSecret,
                           Duration receiptTolerance, String sessionSecret, Duration sessionTtl, Set<String> apiKeys,
                           String googleClientId, Set<String> allowedDomains, GoogleEndpoints google, String adminToken,
                           boolean queuedIngestion, String publicBaseUrl, Duration stopTimeout,
                           Safeguards safeguards) {
    public static final long MB = 1024L * 1024L;
    /** Shortest accepted session secret (HS256 needs a 256-bit key). */
    public static final int MIN_SECRET_BYTES = 32;

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
        if (maxBodyBytes < 1024 || maxBulkBodyBytes < maxBodyBytes || maxImportBodyBytes < maxBodyBytes) {
            throw new IllegalArgumentException("body limits: need 1 KB <= maxBodyBytes <= maxBulkBodyBytes, maxImportBodyBytes");
        }
        Objects.requireNonNull(receiptTolerance, "receiptTolerance");
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        if (sessionTtl.isNegative() || sessionTtl.isZero()) {
            throw new IllegalArgumentException("sessionTtl must be positive");
        }
        if (sessionSecret != null && sessionSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the session secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (vendorWebhookSecret != null && vendorWebhookSecret.isBlank()) {
            throw new IllegalArgumentException("the vendor webhook secret must not be blank");
        }
        apiKeys = apiKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).collect(Collectors.toUnmodifiableSet());
        googleClientId = googleClientId == null || googleClientId.isBlank() ? null : googleClientId.strip();
        allowedDomains = allowedDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).filter(d -> !d.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(google, "google");
        adminToken = adminToken == null || adminToken.isBlank() ? null : adminToken;
        if (adminToken != null && adminToken.length() < 16) {
            throw new IllegalArgumentException("the admin token must be at least 16 characters");
        }
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : publicBaseUrl.replaceAll("/+$", "");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        safeguards = safeguards == null ? Safeguards.defaults() : safeguards;
    }

    /** Local mode: no Google client id, so only the admin token and API keys are accepted. */
    public boolean localMode() {
        return googleClientId == null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.corsOrigins = corsOrigins;
        b.maxBodyBytes = maxBodyBytes;
        b.maxBulkBodyBytes = maxBulkBodyBytes;
        b.maxImportBodyBytes = maxImportBodyBytes;
        b.aiRequestsPerMinute = aiRequestsPerMinute;
        b.aiDailyCap = aiDailyCap;
        b.vendorWebhookSecret = vendorWebhookSecret;
        b.receiptTolerance = receiptTolerance;
        b.sessionSecret = sessionSecret;
        b.sessionTtl = sessionTtl;
        b.apiKeys = apiKeys;
        b.googleClientId = googleClientId;
        b.allowedDomains = allowedDomains;
        b.google = google;
        b.adminToken = adminToken;
        b.queuedIngestion = queuedIngestion;
        b.publicBaseUrl = publicBaseUrl;
        b.stopTimeout = stopTimeout;
        b.safeguards = safeguards;
        return b;
    }

    /** Builds {@link HttpSettings}; unset values keep their defaults. */
    public static final class Builder {
        private List<String> corsOrigins = List.of("http://localhost:5173");
        private long maxBodyBytes = MB;
        private long maxBulkBodyBytes = 64 * MB;
        private long maxImportBodyBytes = 1024 * MB;
        private double aiRequestsPerMinute = 20;
        private int aiDailyCap = 500;
        private String vendorWebhookSecret;
        private Duration receiptTolerance = Duration.ofSeconds(300);
        private String sessionSecret;
        private Duration sessionTtl = Duration.ofHours(12);
        private Set<String> apiKeys = Set.of();
        private String googleClientId;
        private Set<String> allowedDomains = Set.of();
        private GoogleEndpoints google = GoogleEndpoints.google();
        private String adminToken;
        private boolean queuedIngestion;
        private String publicBaseUrl;
        private Duration stopTimeout = Duration.ofSeconds(20);
        private Safeguards safeguards = Safeguards.defaults();

        private Builder() {
        }

        public Builder corsOrigins(List<String> v) {
            corsOrigins = v;
            return this;
        }

        public Builder maxBodyBytes(long v) {
            maxBodyBytes = v;
            return this;
        }

        public Builder maxBulkBodyBytes(long v) {
            maxBulkBodyBytes = v;
            return this;
        }

        public Builder maxImportBodyBytes(long v) {
            maxImportBodyBytes = v;
            return this;
        }

        public Builder aiRateLimit(double perMinute, int dailyCap) {
            aiRequestsPerMinute = perMinute;
            aiDailyCap = dailyCap;
            return this;
        }

        public Builder vendorWebhookSecret(String v) {
            vendorWebhookSecret = v;
            return this;
        }

        public Builder receiptTolerance(Duration v) {
            receiptTolerance = v;
            return this;
        }

        public Builder sessionSecret(String v) {
            sessionSecret = v;
            return this;
        }

        public Builder sessionTtl(Duration v) {
            sessionTtl = v;
            return this;
        }

        public Builder apiKeys(Set<String> v) {
            apiKeys = v;
            return this;
        }

        public Builder googleClientId(String v) {
            googleClientId = v;
            return this;
        }

        public Builder allowedDomains(Set<String> v) {
            allowedDomains = v;
            return this;
        }

        public Builder google(GoogleEndpoints v) {
            google = v;
            return this;
        }

        public Builder adminToken(String v) {
            adminToken = v;
            return this;
        }

        public Builder queuedIngestion(boolean v) {
            queuedIngestion = v;
            return this;
        }

        public Builder publicBaseUrl(String v) {
            publicBaseUrl = v;
            return this;
        }

        public Builder stopTimeout(Duration v) {
            stopTimeout = v;
            return this;
        }

        public Builder safeguards(Safeguards v) {
            safeguards = v;
            return this;
        }

        public HttpSettings build() {
            return new HttpSettings(corsOrigins, maxBodyBytes, maxBulkBodyBytes, maxImportBodyBytes, aiRequestsPerMinute,
                    aiDailyCap, vendorWebhookSecret, receiptTolerance, sessionSecret, sessionTtl, apiKeys, googleClientId,
                    allowedDomains, google, adminToken, queuedIngestion, publicBaseUrl, stopTimeout, safeguards);
        }
    }
}
