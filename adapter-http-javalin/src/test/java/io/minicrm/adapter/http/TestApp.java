package io.minicrm.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.http.auth.GoogleIdentityVerifier;
import io.minicrm.adapter.http.json.JacksonTreeCodec;
import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryCustomerRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InMemoryIngestionRepository;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.inprocess.InMemoryOrderRepository;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.inprocess.InMemoryUserRepository;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.delivery.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The HTTP API booted on a free port over CrmServices on the in-process adapters (a fake AI assistant,
 * Google sign-in verified by the production verifier against {@link FakeGoogle}), with a small HTTP
 * client on java.net.http.
 */
final class TestApp implements AutoCloseable {
    static final String API_KEY = "test-api-key-0001";
    static final String ADMIN_TOKEN = "local-admin-token-0123456789";
    static final String SESSION_SECRET = "test-session-secret-0123456789abcdef";
    static final String WEBHOOK_SECRET = "whsec_test_secret";
    static final Set<String> DOMAINS = Set.of("example.com");
    static final long BODY_LIMIT = 1024 * 1024;
    static final long BULK_LIMIT = 4 * 1024 * 1024;
    static final long IMPORT_LIMIT = 8 * 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    enum Vendor { SIMULATED, SILENT }

    final FakeGoogle google;
    final InMemoryCustomerRepository customers = new InMemoryCustomerRepository();
    final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    final InMemorySegmentRepository segments = new InMemorySegmentRepository();
    final InMemoryCampaignRepository campaigns = new InMemoryCampaignRepository();
    final InMemoryDeliveryLogRepository deliveries = new InMemoryDeliveryLogRepository();
    final CountingQueue queue = new CountingQueue(new InProcessWorkQueue());
    final FakeAssistant assistant = new FakeAssistant();
    final InProcessVendor vendor;
    final CrmServices services;
    final HttpSettings settings;
    final HttpApi api;
    final String base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final class Builder {
        private Vendor vendorKind = Vendor.SIMULATED;
        private Consumer<HttpSettings.Builder> tweak = b -> { };
        private Cluster cluster;
        private HttpHooks hooks = HttpHooks.none();
        private java.util.function.UnaryOperator<CustomerRepository> customers = c -> c;

        Builder cluster(Cluster c) {
            this.cluster = c;
            return this;
        }

        Builder vendor(Vendor v) {
            vendorKind = v;
            return this;
        }

        Builder settings(Consumer<HttpSettings.Builder> t) {
            tweak = t;
            return this;
        }

        Builder hooks(HttpHooks h) {
            hooks = h;
            return this;
        }

        /** Wraps the customer store the services see (to observe or fail its calls). */
        Builder customers(java.util.function.UnaryOperator<CustomerRepository> wrap) {
            customers = wrap;
            return this;
        }

        TestApp start() {
            try {
                return new TestApp(this);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Builder builder() {
        return new Builder();
    }

    static TestApp start() {
        return builder().start();
    }

    private TestApp(Builder b) throws Exception {
        google = new FakeGoogle();
        Clock clock = Clock.systemUTC();
        VendorGateway gateway;
        if (b.vendorKind == Vendor.SIMULATED) {
            vendor = new InProcessVendor(new InProcessVendor.Settings(0.9, 0.5, 0.05, Duration.ofMillis(5),
                    Duration.ofMillis(60), 42), clock);
            gateway = vendor;
        } else {
            vendor = null;
            gateway = batch -> {
                List<VendorGateway.SendResult> out = new ArrayList<>();
                batch.forEach(m -> out.add(new VendorGateway.Accepted("vendor-" + m.idempotencyKey())));
                return out;
            };
        }
        DeliverySettings delivery = DeliverySettings.defaults()
                .withTimings(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(200),
                        Duration.ofMillis(50), Duration.ofMillis(300))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), 0.2));
        CrmServices.Ports ports = new CrmServices.Ports(b.customers.apply(customers), orders, segments, campaigns, deliveries,
                new InMemoryUserRepository(), new InMemoryLeaseRepository(), new InMemoryIngestionRepository(), queue,
                gateway, assistant, new GoogleIdentityVerifier(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET,
                google.endpoints()), new JacksonTreeCodec(), null);
        CrmServices.Settings crmSettings = CrmServices.Settings.defaults().withDelivery(delivery).withAllowedDomains(DOMAINS);
        services = b.cluster == null ? new CrmServices(ports, crmSettings, clock)
                : new CrmServices(ports, crmSettings, clock, new TimeOrderedIds(clock), b.cluster);
        if (vendor != null) {
            vendor.receiptsTo(services.receipts()::accept);
        }
        services.start();
        HttpSettings.Builder s = HttpSettings.builder()
                .sessionSecret(SESSION_SECRET)
                .apiKeys(Set.of(API_KEY))
                .googleClientId(FakeGoogle.CLIENT_ID)
                .allowedDomains(DOMAINS)
                .google(google.endpoints())
                .vendorWebhookSecret(WEBHOOK_SECRET)
                .maxBodyBytes(BODY_LIMIT)
                .maxBulkBodyBytes(BULK_LIMIT)
                .maxImportBodyBytes(IMPORT_LIMIT)
                // room for the tests that send many bulks at once; SafeguardsTest sets its own bound
                .safeguards(Safeguards.defaults().withMaxHeavyRequests(32))
                .stopTimeout(Duration.ofSeconds(10));
        b.tweak.accept(s);
        settings = s.build();
        api = new HttpApi(HttpFixtures.useCases(services), settings, b.hooks, clock);
        base = "http://localhost:" + api.start(0);
    }

    // ---- requests

    /** A request as the API-key client. */
    Req call(String method, String path) {
        return new Req(method, path).header("X-Api-Key", API_KEY);
    }

    /** A request without credentials. */
    Req anonymous(String method, String path) {
        return new Req(method, path);
    }

    Res get(String path) {
        return call("GET", path).send();
    }

    Res post(String path, String json) {
        return call("POST", path).json(json).send();
    }

    final class Req {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        private Duration timeout = Duration.ofSeconds(60);

        Req(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Req header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        Req withoutApiKey() {
            for (int i = 0; i < headers.size(); i += 2) {
                if (headers.get(i).equals("X-Api-Key")) {
                    headers.remove(i);
                    headers.remove(i);
                    break;
                }
            }
            return this;
        }

        Req bearer(String token) {
            return withoutApiKey().header("Authorization", "Bearer " + token);
        }

        Req json(String s) {
            return body("application/json", s.getBytes(StandardCharsets.UTF_8));
        }

        Req body(String contentType, byte[] bytes) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        Req timeout(Duration t) {
            timeout = t;
            return this;
        }

        Req publisher(String contentType, HttpRequest.BodyPublisher p) {
            header("Content-Type", contentType);
            body = p;
            return this;
        }

        Res send() {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).method(method, body)
                    .timeout(timeout);
            for (int i = 0; i < headers.size(); i += 2) {
                r.header(headers.get(i), headers.get(i + 1));
            }
            try {
                HttpResponse<String> res = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                return new Res(res.statusCode(), res.headers(), res.body());
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Res(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        boolean isProblem() {
            return contentType() != null && contentType().startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    // ---- sign-in helpers

    /** Signs in through POST /api/auth/google with a valid ID token and returns the session token. */
    String signIn(String subject, String email) {
        Res r = anonymous("POST", "/api/auth/google")
                .json("{\"idToken\": \"" + google.idToken(FakeGoogle.Claims.valid(subject, email)) + "\"}").send();
        if (r.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + r);
        }
        return r.json().get("token").asText();
    }

    static String quote(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.stop();
        services.close();
        if (vendor != null) {
            vendor.close();
        }
        queue.close();
        google.close();
    }
}
