package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.domain.customer.Customer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The old React frontend (atharva5924/xeno-frontend) replayed request by request: the bodies its pages send
 * and the fields its pages read. Each test names the page.
 */
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

    private static JsonNode byEmail(JsonNode list, String email) {
        for (JsonNode c : list) {
            if (c.get("email").asText().equals(email)) {
                return c;
            }
        }
        throw new AssertionError(email + " not in " + list);
    }

    @Test
    void customersPage_listsEveryCustomer_withTheColumnsItShows() {
        JsonNode list = app.get("/api/customers").json();
        assertThat(list.isArray()).isTrue();
        JsonNode big = byEmail(list, "big.spender@example.com");
        assertThat(big.get("_id").asText()).isEqualTo(big.get("id").asText());
        assertThat(big.get("name").asText()).isEqualTo("Big");
        assertThat(big.get("totalSpent").decimalValue()).isEqualByComparingTo("25000");
        assertThat(big.get("totalSpent").isNumber()).as("rendered with toLocaleString").isTrue();
        assertThat(big.get("totalOrders").asInt()).isEqualTo(2);
        assertThat(big.get("orderCount").asInt()).isEqualTo(2);
        assertThat(big.get("lastPurchaseDate").asText()).as("'Last Purchase' column").startsWith("2020-01-01");
        assertThat(big.get("lastOrderAt").asText()).startsWith("2020-01-01");
        assertThat(big.get("firstPurchaseDate").isNull()).as("never given, never guessed from the last").isTrue();
        assertThat(big.get("tags").isArray()).isTrue();
        assertThat(big.get("visits").isNull()).as("nobody said how often they visited").isTrue();
        JsonNode one = app.get("/api/customers/" + big.get("id").asText()).json();
        assertThat(one.get("email").asText()).isEqualTo("big.spender@example.com");
    }

    @Test
    void customerForm_asTheFrontendFillsIt_createsTheCustomer_withAShortPhone() {
        // antd form values: phone matched /^[0-9]+$/, InputNumber initial 0s, DatePicker toISOString(), tags state
        TestApp.Res r = app.post("/api/customers", "{\"name\": \"Form Filled\", \"email\": \"form@example.com\","
                + " \"phone\": \"99999\", \"totalSpent\": 0, \"totalOrders\": 0, \"lastPurchaseDate\":"
                + " \"2025-03-04T18:30:00.000Z\", \"tags\": [\"walk-in\"]}");
        assertThat(r.status()).as(r.toString()).isBetween(200, 201);
        JsonNode c = byEmail(app.get("/api/customers").json(), "form@example.com");
        assertThat(c.get("phone").asText()).isEqualTo("99999");
        assertThat(c.get("lastPurchaseDate").asText()).isEqualTo("2025-03-04T18:30:00Z");
        assertThat(c.get("tags")).extracting(JsonNode::asText).containsExactly("walk-in");

        TestApp.Res grouped = app.post("/api/customers", "{\"name\": \"Grouped\", \"email\": \"grouped@example.com\","
                + " \"phone\": \"+91 (98765) 432-10\"}");
        assertThat(grouped.status()).as(grouped.toString()).isBetween(200, 201);
        assertThat(byEmail(app.get("/api/customers").json(), "grouped@example.com").get("phone").asText())
                .isEqualTo("+919876543210");
    }

    @Test
    void csvImport_throughBulk_asPapaparseRowsBecomeJson_acceptsEveryRow() {
        // CustomerList.handleCsvUpload: phone "" -> undefined (left out), NaN -> null, Invalid Date -> null,
        // "vip, new," split on commas -> a blank tag
        TestApp.Res r = app.post("/api/customers/bulk", "[{\"name\": \"Csv One\", \"email\": \"csv1@example.com\","
                + " \"totalSpent\": 1200.5, \"totalOrders\": 3, \"lastPurchaseDate\": \"2025-01-15T00:00:00.000Z\","
                + " \"tags\": [\"vip\", \"new\", \"\"]}, {\"name\": \"Csv Two\", \"email\": \"csv2@example.com\","
                + " \"phone\": \"98 76 54\", \"totalSpent\": null, \"totalOrders\": 0, \"lastPurchaseDate\": null,"
                + " \"firstPurchaseDate\": null, \"tags\": []}]");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(r.json().get("rejected")).isEmpty();
        JsonNode list = app.get("/api/customers").json();
        assertThat(byEmail(list, "csv1@example.com").get("tags")).extracting(JsonNode::asText).containsExactly("new", "vip");
        assertThat(byEmail(list, "csv1@example.com").get("phone").isNull()).isTrue();
        assertThat(byEmail(list, "csv2@example.com").get("phone").asText()).isEqualTo("987654");
        assertThat(byEmail(list, "csv2@example.com").get("lastPurchaseDate").isNull()).isTrue();
    }

    @Test
    void segmentBuilder_withAnEmptyConditionGroup_savesTheSegment_andTheSegmentsPageListsIt() {
        // "Add Condition Group" leaves {condition: "AND", rules: []}; values come from text inputs as strings
        String groups = "[{\"condition\": \"AND\", \"rules\": [{\"field\": \"totalSpent\", \"operator\": \"greaterThan\","
                + " \"value\": \"10000\"}]}, {\"condition\": \"OR\", \"rules\": [{\"field\": \"totalOrders\", \"operator\":"
                + " \"lessThan\", \"value\": \"3\"}, {\"field\": \"lastPurchaseDate\", \"operator\": \"notInLast\","
                + " \"value\": \"90\"}]}, {\"condition\": \"AND\", \"rules\": []}]";
        TestApp.Res created = app.post("/api/segments", "{\"name\": \"High value, lapsed\", \"description\": \"d\","
                + " \"rules\": " + groups + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode seg = created.json();
        assertThat(seg.get("_id").asText()).isEqualTo(seg.get("id").asText());
        assertThat(seg.get("customerCount").asInt()).isEqualTo(1);
        assertThat(seg.get("dsl").asText()).isEqualTo("totalSpent > 10000 and (orderCount < 3 or lastOrderAt not in last 90 days)");

        TestApp.Res list = app.get("/api/segments");
        assertThat(list.json().get("success").asBoolean()).isTrue();
        JsonNode segments = list.json().get("segments");
        assertThat(list.json().get("count").asInt()).isEqualTo(segments.size());
        JsonNode listed = null;
        for (JsonNode s : segments) {
            if (s.get("_id").asText().equals(seg.get("id").asText())) {
                listed = s;
            }
        }
        assertThat(listed).isNotNull();
        for (String read : new String[] {"name", "description", "customerCount", "createdAt"}) {
            assertThat(listed.hasNonNull(read)).as(read).isTrue();
        }

        TestApp.Res preview = app.post("/api/segments/preview", "{\"rules\": " + groups + "}");
        assertThat(preview.json().get("count").asInt()).isEqualTo(1);
        assertThat(preview.json().get("sample").get(0).get("email").asText()).isEqualTo("big.spender@example.com");

        TestApp.Res allEmpty = app.post("/api/segments", "{\"name\": \"Nothing\", \"rules\": [{\"condition\": \"AND\","
                + " \"rules\": []}]}");
        assertThat(allEmpty.status()).isEqualTo(400);
        assertThat(allEmpty.json().get("errors").get(0).get("message").asText()).contains("createdAt exists");
        TestApp.Res badValue = app.post("/api/segments/preview", "{\"rules\": [{\"condition\": \"AND\", \"rules\": "
                + "[{\"field\": \"totalSpent\", \"operator\": \"greaterThan\", \"value\": \"lots\"}]}]}");
        assertThat(badValue.status()).isEqualTo(400);
        assertThat(badValue.json().get("errors").get(0).get("path").asText()).startsWith("/rules/0/rules/0");
    }

    @Test
    void newCampaignPage_createsACampaignThatSends_andTheCampaignsPageShowsItsSegmentName() {
        String segmentId = app.post("/api/segments", "{\"name\": \"Everyone here\", \"rules\": {\"dsl\": \"email exists\"}}")
                .json().get("_id").asText();
        TestApp.Res r = app.post("/api/campaigns", "{\"name\": \"Spring\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi {{name}}, 10% off\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        JsonNode c = r.json();
        assertThat(c.get("_id").asText()).isEqualTo(c.get("id").asText());
        assertThat(c.get("status").asText()).as("the original sent at once; the frontend never calls /api/send")
                .isEqualTo("sending");
        assertThat(c.get("message").asText()).isEqualTo("Hi {{name}}, 10% off");

        int customers = app.get("/api/customers").json().size();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                app.get("/api/campaigns").json().get(0).get("totalCount").asInt() == customers);
        JsonNode history = app.get("/api/campaigns").json();
        assertThat(history.isArray()).isTrue();
        JsonNode row = history.get(0);
        assertThat(row.get("_id").asText()).isEqualTo(c.get("id").asText());
        assertThat(row.get("name").asText()).isEqualTo("Spring");
        assertThat(row.get("segmentId").get("name").asText()).as("Segment column").isEqualTo("Everyone here");
        assertThat(row.get("segmentId").get("_id").asText()).isEqualTo(segmentId);
        assertThat(row.get("segment").get("id").asText()).isEqualTo(segmentId);
        assertThat(row.get("status").asText()).isIn("sending", "completed");
        for (String legacy : new String[] {"sentCount", "failedCount", "totalCount"}) {
            assertThat(row.get(legacy).isNumber()).as(legacy).isTrue();
        }
        assertThat(row.get("createdAt").asText()).isNotBlank();

        TestApp.Res draft = app.post("/api/campaigns", "{\"name\": \"Later\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi\", \"draft\": true}");
        assertThat(draft.json().get("status").asText()).as("our clients keep control").isEqualTo("draft");
        TestApp.Res both = app.post("/api/campaigns", "{\"name\": \"x\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi\", \"draft\": true, \"scheduledAt\": \"2099-01-01T00:00:00Z\"}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("path").asText()).isEqualTo("/draft");
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
    void messageGenerator_answersAnArrayOfStrings() {
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
    void ordersPage_listsOrders_withTheirCustomerPopulated_andNumericAmounts() {
        app.post("/api/orders", "{\"orderId\": \"legacy-1\", \"customerEmail\": \"small@example.com\", \"amount\": 50,"
                + " \"items\": [{\"name\": \"Product\", \"price\": 25, \"quantity\": 2}]}");
        JsonNode orders = app.get("/api/orders").json();
        assertThat(orders.isArray()).isTrue();
        JsonNode o = null;
        for (JsonNode x : orders) {
            if (x.get("_id").asText().equals("legacy-1")) {
                o = x;
            }
        }
        assertThat(o).isNotNull();
        assertThat(o.get("amount").isNumber()).as("rendered with toFixed(2)").isTrue();
        assertThat(o.get("amount").decimalValue()).isEqualByComparingTo("50");
        assertThat(o.get("items")).hasSize(1);
        assertThat(o.get("customerId").get("name").asText()).as("Customer column").isEqualTo("Small");
        assertThat(o.get("customerId").get("email").asText()).isEqualTo("small@example.com");
        assertThat(o.get("customerId").get("_id").asText()).isEqualTo(o.get("customerId").get("id").asText())
                .isEqualTo(byEmail(app.get("/api/customers").json(), "small@example.com").get("id").asText());
        JsonNode paged = app.get("/api/orders?limit=1").json();
        assertThat(paged.get(0).get("customerId").get("name").isTextual()).as("populated on pages too").isTrue();
    }

    @Test
    void wholeLists_holdEveryItem_readFromTheStoreInPages_whilePagingStaysAsItIs() {
        List<PageRequest> pages = new ArrayList<>();
        try (TestApp big = TestApp.builder().vendor(TestApp.Vendor.SILENT).customers(repo -> new ForwardingCustomerRepository(repo) {
            @Override
            public Page<Customer> list(PageRequest page) {
                pages.add(page);
                return super.list(page);
            }
        }).start()) {
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 2_500; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"email\": \"w").append(i).append("@example.com\"}");
            }
            assertThat(big.post("/api/customers/bulk", rows.append(']').toString()).json().get("accepted").asInt())
                    .isEqualTo(2_500);

            TestApp.Res all = big.get("/api/customers");
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.header("Link")).isNull();
            Set<String> emails = new HashSet<>();
            all.json().forEach(c -> emails.add(c.get("email").asText()));
            assertThat(emails).hasSize(2_500);
            assertThat(pages).as("the server read pages of at most 1000, never the whole list at once")
                    .hasSize(3).allSatisfy(p -> assertThat(p.limit()).isEqualTo(PageRequest.MAX_LIMIT));

            TestApp.Res first = big.get("/api/customers?limit=50");
            assertThat(first.json()).hasSize(50);
            assertThat(first.header("Link")).contains("rel=\"next\"");
            TestApp.Res fromCursor = big.get("/api/customers?cursor=" + first.header("X-Next-Cursor"));
            assertThat(fromCursor.json()).as("a cursor without limit pages with the default").hasSize(50);
        }
    }

    @Test
    void aWholeListThatFailsHalfway_endsAsABrokenBody_neverAsAShorterList() {
        AtomicBoolean failNext = new AtomicBoolean();
        try (TestApp failing = TestApp.builder().vendor(TestApp.Vendor.SILENT).customers(repo -> new ForwardingCustomerRepository(repo) {
            @Override
            public Page<Customer> list(PageRequest page) {
                if (page.cursor() != null && failNext.get()) {
                    throw new IllegalStateException("store went away");
                }
                return super.list(page);
            }
        }).start()) {
            StringBuilder rows = new StringBuilder("[");
            for (int i = 0; i < 1_200; i++) {
                rows.append(i == 0 ? "" : ",").append("{\"email\": \"f").append(i).append("@example.com\"}");
            }
            failing.post("/api/customers/bulk", rows.append(']').toString());
            failNext.set(true);
            TestApp.Res r = failing.get("/api/customers");
            assertThat(r.status()).isEqualTo(200); // the answer had started
            org.assertj.core.api.Assertions.assertThatThrownBy(r::json).as(r.body().substring(Math.max(0,
                    r.body().length() - 200))).isInstanceOf(IllegalStateException.class);
        }
    }
}
