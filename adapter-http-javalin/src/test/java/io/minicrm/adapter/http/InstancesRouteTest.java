package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.InstanceLoad;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.SharedRateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/admin/instances}: this instance, alive, with its heartbeat and load, and the queues. */
class InstancesRouteTest {

    @Test
    void listsThisInstanceAlive_withItsHeartbeatLoadAndTheQueues() {
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start()) {
            TestApp.Res r = app.get("/api/admin/instances");
            assertThat(r.status()).isEqualTo(200);
            JsonNode body = r.json();
            String self = body.get("self").asText();
            assertThat(body.get("instances")).hasSize(1);
            JsonNode me = body.get("instances").get(0);
            assertThat(me.get("instanceId").asText()).isEqualTo(self);
            assertThat(me.get("self").asBoolean()).isTrue();
            assertThat(me.get("alive").asBoolean()).isTrue();
            assertThat(me.get("known").asBoolean()).isTrue();
            Instant last = Instant.parse(me.get("lastHeartbeat").asText());
            assertThat(Instant.parse(me.get("aliveUntil").asText())).isAfter(last);
            assertThat(Instant.parse(body.get("asOf").asText())).isAfterOrEqualTo(last);
            assertThat(me.get("vendorInFlight").asLong()).isZero();
            assertThat(me.get("sendsPerSecond").isNumber()).isTrue();
            assertThat(me.get("leases").isArray()).isTrue();
            assertThat(me.get("held").isObject()).isTrue();
            assertThat(body.get("queues")).extracting(q -> q.get("topic").asText())
                    .containsExactly("deliveries", "receipts", "ingest");
        }
    }

    @Test
    void anUnreachableInstanceRegistry_isA503_notA500() {
        InstanceRegistry down = new InstanceRegistry() {
            @Override
            public void heartbeat(InstanceReport report, Duration deadAfter) {
                throw new RegistryUnavailableException("Redis is down", null);
            }

            @Override
            public void leave(String instanceId) {
                throw new RegistryUnavailableException("Redis is down", null);
            }

            @Override
            public List<Instance> instances() {
                throw new RegistryUnavailableException("Redis is down", null);
            }
        };
        Cluster cluster = new Cluster(down, SharedRateLimit.NONE, ClusterSettings.defaults(), new InstanceLoad());
        try (TestApp app = TestApp.builder().vendor(TestApp.Vendor.SILENT).cluster(cluster).start()) {
            TestApp.Res r = app.get("/api/admin/instances");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Retry-After")).isEqualTo("5");
            assertThat(r.json().get("type").asText()).endsWith("registry-unavailable");
            assertThat(app.get("/api/customers").status()).as("the rest of the API is unaffected").isEqualTo(200);
        }
    }
}
