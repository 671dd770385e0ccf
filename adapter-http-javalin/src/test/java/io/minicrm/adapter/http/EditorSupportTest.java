package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What editors and dashboards read: the rule catalog, rule translation, message previews, the overview. */
class EditorSupportTest {
    static TestApp app;
    static String segmentId;

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).start();
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 12; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"email\": \"p").append(i).append("@example.com\"")
                    .append(i % 2 == 0 ? ", \"name\": \"Priya " + i + "\"" : "").append(", \"city\": \"")
                    .append(i < 6 ? "Pune" : "Goa").append("\"}");
        }
        assertThat(app.post("/api/customers", rows.append("]").toString()).status()).isEqualTo(200);
        segmentId = app.post("/api/segments", "{\"name\": \"Goa\", \"rules\": {\"dsl\": \"city = \\\"goa\\\"\"}}").json()
                .get("id").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theFieldCatalog_listsEveryFieldWithItsOperators() {
        JsonNode fields = app.get("/api/rules/fields").json();
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.get("field").asText()));
        assertThat(names).contains("totalSpent", "lastOrderAt", "tags", "optedOut", "attributes.<key>");
        JsonNode tags = fields.get(names.indexOf("tags"));
        assertThat(tags.get("type").asText()).isEqualTo("set");
        assertThat(tags.get("operators").toString()).contains("containsAny").doesNotContain("\"gt\"");
        assertThat(fields.get(names.indexOf("orderCount")).get("aliases").get(0).asText()).isEqualTo("totalOrders");
    }

    @Test
    void parse_answersTheSameRuleAsCanonicalJsonAndDsl_fromAnySpelling() {
        JsonNode fromDsl = app.post("/api/rules/parse",
                "{\"rules\": {\"dsl\": \"totalSpent > 100 and (visits < 3 or tags contains \\\"vip\\\")\"}}").json();
        assertThat(fromDsl.get("rules").get("and").get(0).get("field").asText()).isEqualTo("totalSpent");
        assertThat(fromDsl.get("dsl").asText()).isEqualTo("totalSpent > 100 and (visits < 3 or tags contains \"vip\")");

        JsonNode fromJson = app.post("/api/rules/parse", "{\"rules\": " + fromDsl.get("rules") + "}").json();
        assertThat(fromJson.get("dsl").asText()).isEqualTo(fromDsl.get("dsl").asText());

        JsonNode fromLegacy = app.post("/api/rules/parse", "{\"rules\": [{\"condition\": \"AND\", \"rules\": [{\"field\":"
                + " \"totalOrders\", \"operator\": \"greaterThan\", \"value\": \"2\"}]}]}").json();
        assertThat(fromLegacy.get("dsl").asText()).isEqualTo("orderCount > 2");
    }

    @Test
    void parse_reportsWhereARuleIsWrong() {
        TestApp.Res bad = app.post("/api/rules/parse", "{\"rules\": {\"dsl\": \"totalSpent >\"}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("path").asText()).startsWith("/rules");
        assertThat(bad.json().get("errors").get(0).get("message").asText()).contains("column");
        TestApp.Res unknown = app.post("/api/rules/parse", "{\"rules\": {\"field\": \"shoeSize\", \"op\": \"eq\", \"value\": 1}}");
        assertThat(unknown.json().get("errors").get(0).get("path").asText()).isEqualTo("/rules/field");
        assertThat(app.post("/api/rules/parse", "{}").status()).isEqualTo(400);
    }

    @Test
    void messagePreview_rendersForMembersOfTheSegment_withFallbacks() {
        TestApp.Res r = app.post("/api/campaigns/preview", "{\"message\": \"Hi {{name|friend}} in {{city}}\", \"segmentId\": \""
                + segmentId + "\", \"limit\": 10}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode samples = r.json().get("samples");
        assertThat(samples).hasSize(6);
        samples.forEach(s -> assertThat(s.get("text").asText()).endsWith("in Goa"));
        assertThat(samples.toString()).contains("Hi friend in Goa").contains("Hi Priya 10 in Goa");
        assertThat(r.json().get("placeholders").toString()).contains("name", "city");
    }

    @Test
    void messagePreview_forAnUnsavedRule_orTheNewestCustomers() {
        JsonNode pune = app.post("/api/campaigns/preview", "{\"message\": \"{{email}}\", \"rules\": {\"dsl\": \"city = \\\"Pune\\\"\"},"
                + " \"limit\": 20}").json().get("samples");
        assertThat(pune).hasSize(6);
        JsonNode newest = app.post("/api/campaigns/preview", "{\"message\": \"{{email}}\", \"limit\": 3}").json().get("samples");
        assertThat(newest).hasSize(3);
        assertThat(newest.get(0).get("text").asText()).isEqualTo("p11@example.com");
    }

    @Test
    void messagePreview_pointsAtEveryProblem() {
        TestApp.Res r = app.post("/api/campaigns/preview", "{\"message\": \"Hi {{shoeSize}}\", \"segmentId\": \"" + segmentId
                + "\", \"rules\": {\"dsl\": \"city = 1\"}, \"limit\": 99}");
        assertThat(r.status()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        r.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("/message", "/limit").anyMatch(p -> p.startsWith("/rules"));
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("line 1");
        assertThat(app.post("/api/campaigns/preview", "{\"message\": \"x\", \"segmentId\": \"0123456789abcdef01234567\"}")
                .status()).isEqualTo(404);
    }

    @Test
    void theOverview_countsWhatThereIs() {
        JsonNode o = app.get("/api/overview").json();
        assertThat(o.get("customers").asLong()).isEqualTo(12);
        assertThat(o.get("segments").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(o.get("orders").asLong()).isZero();
        assertThat(o.get("sending").isArray()).isTrue();
        assertThat(app.anonymous("GET", "/api/overview").send().status()).isEqualTo(401);
    }
}
