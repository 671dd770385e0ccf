package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
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
}
