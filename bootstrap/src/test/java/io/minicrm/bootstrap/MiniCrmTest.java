package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.domain.delivery.RetryPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The embedding entry point: the server's defaults, checks at build time, HTTP only when asked for, one close. */
class MiniCrmTest {

    @Test
    void theLibraryAndTheServer_haveTheSameDeliveryDefaults() {
        DeliverySettings library = DeliverySettings.defaults();
        Config server = Config.defaults();
        assertThat(library.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(library.retry().baseDelay()).isEqualTo(Duration.ofSeconds(2)).isEqualTo(server.retryBaseDelay());
        assertThat(library.retry().maxAttempts()).isEqualTo(server.maxAttempts());
        assertThat(library.sendRatePerSecond()).isEqualTo(server.sendRatePerSecond());
        assertThat(server.currency()).isEqualTo(MiniCrm.DEFAULT_CURRENCY);
        assertThat(server.host()).as("the server binds every interface unless HOST says otherwise").isEqualTo("0.0.0.0");
    }

    @Test
    void badChoices_areRefusedAtBuildTime_withAMessageNamingTheOption() {
        assertBuild(b -> b.mongo("http://db.example"), "mongo: expected a mongodb:// or mongodb+srv:// URI");
        assertBuild(b -> b.mongo("mongodb://db.example", "no spaces"), "mongo: expected a database name");
        assertBuild(b -> b.redis("localhost:6379"), "redis: expected a redis:// or rediss:// URL");
        assertBuild(b -> b.http(70_000), "http: expected a port from 0 to 65535");
        assertBuild(b -> b.http(" ", 8080), "http: expected a host");
        assertBuild(b -> b.vendor(URI.create("https://vendor.example"), "0123456789abcdef"),
                "vendor: an HTTP vendor reports deliveries to POST /api/receipt, so turn HTTP on");
        assertBuild(b -> b.vendor(URI.create("ftp://vendor.example"), "0123456789abcdef").http(0), "vendor: expected an http://");
        assertBuild(b -> b.vendor(URI.create("https://vendor.example"), "short").http(0), "at least 16 characters");
        assertBuild(b -> b.currency("rupees"), "currency: expected a 3-letter ISO code");
        assertBuild(b -> b.instanceId("a b"), "instanceId: expected 1 to 64 letters");
        assertBuild(b -> b.openAi(" "), "openAi: expected an API key");
        assertBuild(b -> b.dataDirectory(null), "dataDirectory: expected a directory");
        assertBuild(b -> b.sharedVendorRate(-1), "sharedVendorRate: expected 0 (none) to 1000000 messages per second");
        assertBuild(b -> b.sharedVendorRate(Double.NaN), "sharedVendorRate: expected 0 (none) to 1000000");
    }

    @Test
    void theClusterTimingsChosen_areTheOnesThisInstanceAnnouncesItselfWith() {
        ClusterSettings fast = new ClusterSettings(Duration.ofMillis(100), Duration.ofMillis(2500), Duration.ofSeconds(3),
                Duration.ofSeconds(4));
        try (MiniCrm crm = MiniCrm.builder().instanceId("solo").cluster(fast).build()) {
            InstanceOverview.Snapshot snapshot = crm.instances().snapshot();
            assertThat(snapshot.instances()).singleElement().satisfies(i -> {
                assertThat(i.instanceId()).isEqualTo("solo");
                assertThat(i.self()).isTrue();
                assertThat(i.alive()).isTrue();
                assertThat(Duration.between(i.lastHeartbeat(), i.aliveUntil())).as("dead after 2.5 s without a heartbeat")
                        .isEqualTo(Duration.ofMillis(2500));
            });
            assertThat(crm.load().inFlight()).isZero();
        }
    }

    private static void assertBuild(UnaryOperator<MiniCrm.Builder> choice, String message) {
        assertThatThrownBy(() -> choice.apply(MiniCrm.builder()).build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void httpIsOffUnlessAskedFor_andThenServesOnTheGivenHost_untilClose() throws Exception {
        try (MiniCrm quiet = MiniCrm.builder().build()) {
            assertThat(quiet.httpUrl()).isEmpty();
            assertThat(quiet.adminToken()).isEmpty();
        }
        URI url;
        MiniCrm served = MiniCrm.builder().http("127.0.0.1", 0).build();
        try {
            url = served.httpUrl().orElseThrow();
            assertThat(url.getHost()).isEqualTo("127.0.0.1");
            assertThat(get(url.resolve("/health")).statusCode()).isEqualTo(200);
            HttpResponse<String> overview = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/api/overview"))
                    .header("Authorization", "Bearer " + served.adminToken().orElseThrow()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(overview.statusCode()).isEqualTo(200);
        } finally {
            served.close();
        }
        assertThatThrownBy(() -> get(url.resolve("/health"))).as("closed: nothing listens any more")
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void closeReleasesTheEmbeddedStore_soAnotherCrmCanOpenItsDirectory(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        MiniCrm first = MiniCrm.builder().dataDirectory(dir).build();
        first.close();
        first.close(); // twice is harmless
        try (MiniCrm second = MiniCrm.builder().dataDirectory(dir).build()) {
            assertThat(second.customers().count()).isZero();
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
