package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The original React frontend (atharva5924/xeno-frontend) against the booted server on the embedded default,
 * page by page, in the order a user goes through them: the requests it sends (paths, bodies, the
 * {@code Origin} of its dev server, {@code Authorization: Bearer}, {@code withCredentials} on sign-in) and
 * the fields its pages read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LegacyFrontendContractTest {
    static final String ORIGIN = "http://localhost:5173";
    private static Application app;
    private static ApiClient api;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String segmentId;

    @BeforeAll
    static void boot() {
        app = new Application(Config.from(Map.of("PORT", "0")), Clock.systemUTC(), EndToEndTest.fast());
        app.start();
        api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
    }

    @AfterAll
    static void shutDown() {
        if (app != null) {
            app.stop();
        }
    }

    private static HttpResponse<String> browser(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(app.baseUrl().resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Origin", ORIGIN).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return ApiClient.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode authed(String method, String path, String body) {
        HttpResponse<String> r = body == null
                ? browser(method, path, null, "Authorization", "Bearer " + app.adminToken().orElseThrow())
                : browser(method, path, body, "Authorization", "Bearer " + app.adminToken().orElseThrow(),
                        "Content-Type", "application/json");
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).as("readable by the page").contains(ORIGIN);
        return json(r);
    }

    @Test
    @Order(1)
    void signIn_passesThePreflightWithCredentials_andItsAnswerIsReadable() {
        HttpResponse<String> preflight = browser("OPTIONS", "/api/auth/google", null,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        // local mode has no Google client: the code is refused, in an answer the page may read
        HttpResponse<String> signIn = browser("POST", "/api/auth/google", "{\"code\": \"4/0Ab-from-google\"}",
                "Content-Type", "application/json");
        assertThat(signIn.statusCode()).isBetween(400, 503);
        assertThat(signIn.headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
        assertThat(signIn.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        HttpResponse<String> listPreflight = browser("OPTIONS", "/api/customers", null,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertThat(listPreflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("authorization");
    }

    @Test
    @Order(2)
    void customersPage_csvImportThroughBulk_thenTheFormsShortPhone_thenEveryCustomerListed() {
        // CustomerList.handleCsvUpload: 1,200 rows as papaparse and the .map() make them
        StringBuilder rows = new StringBuilder("[");
        for (int i = 0; i < 1_200; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"name\": \"Csv ").append(i).append("\", \"email\": \"csv").append(i)
                    .append("@example.com\", ").append(i % 2 == 0 ? "\"phone\": \"98765 4" + String.format("%04d", i) + "\", " : "")
                    .append("\"totalSpent\": ").append(i % 100 == 0 ? "null" : String.valueOf(i * 10))
                    .append(", \"totalOrders\": ").append(i % 5).append(", \"lastPurchaseDate\": ")
                    .append(i % 3 == 0 ? "null" : "\"" + Instant.now().minus(Duration.ofDays(i % 60)) + "\"")
                    .append(", \"tags\": ").append(i % 4 == 0 ? "[\"vip\", \"\"]" : "[]").append('}');
        }
        JsonNode imported = authed("POST", "/api/customers/bulk", rows.append(']').toString());
        assertThat(imported.get("accepted").asInt()).isEqualTo(1_200);
        assertThat(imported.get("rejected")).isEmpty();

        // CustomerForm: phone matched /^[0-9]+$/, InputNumber 0s, DatePicker toISOString(), tags
        authed("POST", "/api/customers", "{\"name\": \"Walk In\", \"email\": \"walkin@example.com\", \"phone\": \"99999\","
                + " \"totalSpent\": 0, \"totalOrders\": 0, \"lastPurchaseDate\": \"2025-06-01T18:30:00.000Z\", \"tags\": []}");

        JsonNode all = authed("GET", "/api/customers", null);
        assertThat(all.isArray()).isTrue();
        assertThat(all).as("every customer, as the original answered").hasSize(1_201);
        Set<String> ids = new HashSet<>();
        JsonNode walkIn = null;
        for (JsonNode c : all) {
            ids.add(c.get("_id").asText());
            for (String read : new String[] {"name", "email", "totalSpent", "totalOrders", "tags"}) {
                assertThat(c.hasNonNull(read)).as(read + " of " + c).isTrue();
            }
            assertThat(c.has("lastPurchaseDate")).isTrue();
            assertThat(c.has("phone")).isTrue();
            if (c.get("email").asText().equals("walkin@example.com")) {
                walkIn = c;
            }
        }
        assertThat(ids).hasSize(1_201);
        assertThat(walkIn).isNotNull();
        assertThat(walkIn.get("phone").asText()).isEqualTo("99999");
        assertThat(walkIn.get("lastPurchaseDate").asText()).isEqualTo("2025-06-01T18:30:00Z");
        assertThat(walkIn.get("visits").isNull()).as("the form never asks for visits").isTrue();
    }

    @Test
    @Order(3)
    void segmentBuilder_generateRulesFromThePlaceholder_thenSaveWithAnEmptyGroup_andTheSegmentsPage() {
        JsonNode generated = authed("POST", "/api/ai/generate-rules",
                "{\"description\": \"People who spent over \u20b95000 in last 30 days\"}");
        assertThat(generated.isArray()).isTrue();
        List<String> fields = new ArrayList<>();
        for (JsonNode group : generated) {
            assertThat(group.get("condition").asText()).isIn("AND", "OR");
            for (JsonNode rule : group.get("rules")) {
                fields.add(rule.get("field").asText() + " " + rule.get("operator").asText() + " " + rule.get("value").asText());
            }
        }
        assertThat(fields).as("the builder's own fields and operators").containsExactlyInAnyOrder(
                "totalSpent greaterThan 5000", "lastPurchaseDate inLast 30");
        HttpResponse<String> unreadable = browser("POST", "/api/ai/generate-rules",
                "{\"description\": \"people who spent over Rs 5000 on shoes\"}", "Authorization",
                "Bearer " + app.adminToken().orElseThrow(), "Content-Type", "application/json");
        assertThat(unreadable.statusCode()).isEqualTo(422);
        assertThat(json(unreadable).get("errors").toString()).as("what it understood, and an example that works")
                .contains("understood \\\"people who spent over Rs 5000\\\" as totalSpent > 5000")
                .contains("for example, this works");

        // the builder's state after "Add Condition Group" without filling it
        List<Object> groups = new ArrayList<>(ApiClient.JSON.convertValue(generated, List.class));
        groups.add(Map.of("condition", "AND", "rules", List.of()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Recent big spenders");
        body.put("description", "from the placeholder");
        body.put("rules", groups);
        JsonNode saved;
        try {
            saved = authed("POST", "/api/segments", ApiClient.JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        segmentId = saved.get("_id").asText();
        assertThat(saved.get("dsl").asText()).isEqualTo("totalSpent > 5000 and lastOrderAt in last 30 days");
        assertThat(saved.get("customerCount").asInt()).isPositive();

        JsonNode page = authed("GET", "/api/segments", null);
        assertThat(page.get("segments")).anySatisfy(s -> {
            assertThat(s.get("_id").asText()).isEqualTo(segmentId);
            assertThat(s.get("name").asText()).isEqualTo("Recent big spenders");
            assertThat(s.get("description").asText()).isEqualTo("from the placeholder");
            assertThat(s.get("customerCount").asInt()).isEqualTo(saved.get("customerCount").asInt());
            assertThat(s.get("createdAt").asText()).isNotBlank();
        });
    }

    @Test
    @Order(4)
    void newCampaign_messageSuggestions_thenCreate_sendsIt_andTheCampaignsPageShowsTheSegmentAndTotals() {
        JsonNode suggestions = authed("POST", "/api/ai/generate-messages", "{\"objective\": \"bring back inactive users\"}");
        assertThat(suggestions.isArray()).isTrue();
        assertThat(suggestions).allSatisfy(m -> assertThat(m.isTextual()).isTrue());

        JsonNode created = authed("POST", "/api/campaigns", "{\"name\": \"Come back\", \"segmentId\": \"" + segmentId
                + "\", \"message\": " + suggestions.get(0) + "}");
        assertThat(created.get("status").asText()).isEqualTo("sending");
        String id = created.get("_id").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                authed("GET", "/api/campaigns", null).get(0).get("status").asText().equals("completed"));
        JsonNode row = authed("GET", "/api/campaigns", null).get(0);
        assertThat(row.get("_id").asText()).isEqualTo(id);
        assertThat(row.get("name").asText()).isEqualTo("Come back");
        assertThat(row.get("segmentId").get("name").asText()).isEqualTo("Recent big spenders");
        assertThat(row.get("totalCount").asInt()).isPositive();
        assertThat(row.get("sentCount").asInt() + row.get("failedCount").asInt()).isEqualTo(row.get("totalCount").asInt());
        assertThat(row.get("createdAt").asText()).isNotBlank();
        assertThat(row.get("firstSentAt").isTextual()).as("a completed campaign carries its send times").isTrue();
        assertThat(Instant.parse(row.get("lastSentAt").asText())).isAfterOrEqualTo(Instant.parse(row.get("firstSentAt").asText()));

        JsonNode again = api.post("/api/send", Map.of("campaignId", id)).body();
        assertThat(again.get("status").asText()).as("sending again is harmless").isEqualTo("completed");
    }

    @Test
    @Order(5)
    void ordersPage_listsEveryOrder_withItsCustomersNameAndANumericAmount() {
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            orders.add(Map.of("orderId", "legacy-" + i, "customerEmail", "csv" + (i % 1_200) + "@example.com",
                    "amount", i + 0.5, "items", List.of(Map.of("name", "Product", "price", i + 0.5, "quantity", 1))));
        }
        assertThat(api.post("/api/orders", orders).body().get("accepted").asInt()).isEqualTo(1_100);
        JsonNode all = authed("GET", "/api/orders", null);
        assertThat(all).hasSize(1_100);
        for (JsonNode o : all) {
            assertThat(o.get("_id").asText().length()).isGreaterThanOrEqualTo(8);
            assertThat(o.get("amount").isNumber()).isTrue();
            assertThat(o.get("items").size()).isEqualTo(1);
            assertThat(o.get("customerId").get("name").asText()).startsWith("Csv ");
            assertThat(o.get("customerId").get("email").asText()).endsWith("@example.com");
        }
        HttpResponse<String> paged = browser("GET", "/api/orders?limit=10", null,
                "Authorization", "Bearer " + app.adminToken().orElseThrow());
        assertThat(json(paged)).hasSize(10);
        assertThat(paged.headers().firstValue("Link")).as("paging stays as it was").isPresent();
    }
}
