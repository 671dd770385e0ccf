package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The old React frontend's requests get the shapes it reads. */
class LegacyFrontendTest {
    static TestApp app;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).settings(s -> s.aiRateLimit(0, 0)).start();
        TestApp.Res r = app.post("/api/customers/bulk", "[{\"email\": \"Big.Spender@Example.com\", \"name\": \"Big\","
                + " \"totalSpent\": \"25000\", \"totalOrders\": 2, \"lastPurchaseDate\": \"2020-01-01\"},"
                + " {\"email\": \"small@example.com\", \"name\": \"Small\", \"totalSpent\": 100, \"totalOrders\": 9}]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void customers_listAsAnArray_withLegacyIdsAndNames() {
        JsonNode list = app.get("/api/customers").json();
        assertThat(list.isArray()).isTrue();
        JsonNode big = null;
        for (JsonNode c : list) {
            if (c.get("email").asText().equals("big.spender@example.com")) {
                big = c;
            }
        }
        assertThat(big).isNotNull();
        assertThat(big.get("_id").asText()).isEqualTo(big.get("id").asText());
        assertThat(big.get("totalSpent").decimalValue()).isEqualByComparingTo("25000");
        assertThat(big.get("totalOrders").asInt()).isEqualTo(2);
        assertThat(big.get("orderCount").asInt()).isEqualTo(2);
        assertThat(big.get("lastOrderAt").asText()).startsWith("2020-01-01");
        JsonNode one = app.get("/api/customers/" + big.get("id").asText()).json();
        assertThat(one.get("email").asText()).isEqualTo("big.spender@example.com");
    }

    @Test
    void ruleGroupsWithStringValues_makeASegment_andSegmentsListInTheLegacyShape() {
        String groups = "[{\"condition\": \"AND\", \"rules\": [{\"field\": \"totalSpent\", \"operator\": \"greaterThan\","
                + " \"value\": \"10000\"}]}, {\"condition\": \"OR\", \"rules\": [{\"field\": \"totalOrders\", \"operator\":"
                + " \"lessThan\", \"value\": \"3\"}, {\"field\": \"lastPurchaseDate\", \"operator\": \"notInLast\","
                + " \"value\": \"90\"}]}]";
        TestApp.Res created = app.post("/api/segments", "{\"name\": \"High value, lapsed\", \"description\": \"d\","
                + " \"rules\": " + groups + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode seg = created.json();
        assertThat(seg.get("_id").asText()).isEqualTo(seg.get("id").asText());
        assertThat(seg.get("customerCount").asInt()).isEqualTo(1);
        assertThat(seg.get("rules").has("and")).isTrue();
        assertThat(seg.get("dsl").asText()).contains("totalSpent > 10000");

        TestApp.Res list = app.get("/api/segments");
        assertThat(list.json().get("success").asBoolean()).isTrue();
        assertThat(list.json().get("count").asInt()).isEqualTo(list.json().get("segments").size());
        assertThat(list.json().get("segments").get(0).get("_id").asText()).isNotBlank();

        TestApp.Res preview = app.post("/api/segments/preview", "{\"rules\": " + groups + "}");
        assertThat(preview.json().get("count").asInt()).isEqualTo(1);
        assertThat(preview.json().get("sample").get(0).get("email").asText()).isEqualTo("big.spender@example.com");

        TestApp.Res badValue = app.post("/api/segments/preview", "{\"rules\": [{\"condition\": \"AND\", \"rules\": "
                + "[{\"field\": \"totalSpent\", \"operator\": \"greaterThan\", \"value\": \"lots\"}]}]}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().get("errors").get(0).get("path").asText()).startsWith("/rules/0/rules/0");
    }

    @Test
    void nameSegmentIdMessage_createsACampaign_inTheShapeTheFrontendReads() {
        String segmentId = app.post("/api/segments", "{\"name\": \"All\", \"rules\": {\"dsl\": \"totalSpent >= 0\"}}")
                .json().get("id").asText();
        TestApp.Res r = app.post("/api/campaigns", "{\"name\": \"Spring\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi {{name}}, 10% off\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("_id").asText()).isEqualTo(c.get("id").asText());
        assertThat(c.get("status").asText()).isEqualTo("draft");
        assertThat(c.get("segment").get("name").asText()).isEqualTo("All");
        assertThat(c.get("message").asText()).isEqualTo("Hi {{name}}, 10% off");
        for (String legacy : new String[] {"sentCount", "failedCount", "totalCount"}) {
            assertThat(c.get(legacy).asInt()).isZero();
        }
        TestApp.Res unknownSegment = app.post("/api/campaigns", "{\"name\": \"x\", \"segmentId\": \"nope\", \"message\": \"m\"}");
        assertThat(unknownSegment.status()).isEqualTo(400);
        assertThat(unknownSegment.json().get("errors").get(0).get("path").asText()).isEqualTo("/segmentId");
        TestApp.Res badTemplate = app.post("/api/campaigns", "{\"name\": \"x\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi {{shoeSize}}\"}");
        assertThat(badTemplate.status()).isEqualTo(400);
        assertThat(badTemplate.json().get("errors").get(0).get("path").asText()).isEqualTo("/message");
    }

    @Test
    void generateRules_answersLegacyRuleGroups() {
        TestApp.Res r = app.post("/api/ai/generate-rules", "{\"description\": \"customers who spent over 5000\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode groups = r.json();
        assertThat(groups.isArray()).isTrue();
        assertThat(groups.get(0).get("condition").asText()).isEqualTo("AND");
        JsonNode first = groups.get(0).get("rules").get(0);
        assertThat(first.get("field").asText()).isEqualTo("totalSpent");
        assertThat(first.get("operator").asText()).isEqualTo("greaterThan");
        assertThat(first.get("value").asText()).isEqualTo("5000");
        // and what it answers is accepted back as rules
        assertThat(app.post("/api/segments/preview", "{\"rules\": " + r.body() + "}").status()).isEqualTo(200);
    }

    @Test
    void generateRules_isA422WithTheCanonicalRule_whenTheRuleHasNoLegacyForm() {
        TestApp.Res r = app.post("/api/ai/generate-rules", "{\"description\": \"either Pune regulars or vips\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("rules").has("or")).isTrue();
        TestApp.Res canonical = app.post("/api/ai/segment-rules", "{\"description\": \"either Pune regulars or vips\"}");
        assertThat(canonical.status()).isEqualTo(200);
        assertThat(canonical.json().get("rules").has("or")).isTrue();
        assertThat(canonical.json().get("dsl").asText()).contains("or");
        TestApp.Res nonsense = app.post("/api/ai/segment-rules", "{\"description\": \"nonsense\"}");
        assertThat(nonsense.status()).isEqualTo(422);
        assertThat(nonsense.json().get("errors").toString()).contains("/rules");
    }

    @Test
    void generateMessages_answersAnArrayOfStrings() {
        TestApp.Res r = app.post("/api/ai/generate-messages", "{\"objective\": \"bring back inactive users\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().isArray()).isTrue();
        assertThat(r.json()).hasSize(3);
        r.json().forEach(m -> assertThat(m.isTextual()).isTrue());
        assertThat(r.json().get(0).asText()).contains("{{name|there}}").contains("bring back inactive users");
        TestApp.Res current = app.post("/api/ai/messages", "{\"objective\": \"x\", \"tone\": \"playful\", \"count\": 2}");
        assertThat(current.json().get("messages")).hasSize(2);
        assertThat(current.json().get("source").asText()).isEqualTo("fallback");
        assertThat(current.header("X-AI-Source")).isEqualTo("fallback");
    }

    @Test
    void orders_listAsAnArray() {
        app.post("/api/orders", "{\"orderId\": \"legacy-1\", \"customerEmail\": \"small@example.com\", \"amount\": 50}");
        JsonNode orders = app.get("/api/orders").json();
        assertThat(orders.isArray()).isTrue();
        assertThat(orders.get(0).get("_id").asText()).isEqualTo("legacy-1");
        assertThat(orders.get(0).get("amount").decimalValue()).isEqualByComparingTo("50");
    }
}
