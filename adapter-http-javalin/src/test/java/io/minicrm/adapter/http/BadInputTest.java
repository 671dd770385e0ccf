package io.minicrm.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.application.delivery.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input on every JSON write route gets the documented 4xx with a problem body - never a 500 - and
 * writes nothing; bulk requests report bad rows by index and write exactly the others.
 */
class BadInputTest {
    static TestApp app;
    static String segmentId;
    static String campaignId;

    /** A write route: a valid body, a string field to corrupt, and its body limit. */
    record Route(String path, String valid, String field, long limit, boolean signed) {
        /** Row-level problems in an array body are a 422 (no row accepted); elsewhere a 400. */
        Set<Integer> rowLevel() {
            return path.endsWith("/bulk") ? Set.of(422) : Set.of(400);
        }

        @Override
        public String toString() {
            return "POST " + path;
        }
    }

    @BeforeAll
    static void boot() {
        app = TestApp.builder().vendor(TestApp.Vendor.SILENT).settings(s -> s.aiRateLimit(0, 0)).start();
        assertThat(app.post("/api/customers", "[{\"email\": \"bi-0@example.com\", \"city\": \"Badinput\"},"
                + " {\"email\": \"bi-1@example.com\", \"city\": \"Badinput\"}, {\"email\": \"bi-2@example.com\","
                + " \"city\": \"Badinput\"}]").status()).isEqualTo(200);
        TestApp.Res seg = app.post("/api/segments", "{\"name\": \"seg\", \"rules\": {\"field\": \"city\", \"op\": \"eq\","
                + " \"value\": \"Badinput\"}}");
        segmentId = seg.json().get("id").asText();
        campaignId = app.post("/api/campaigns", "{\"name\": \"c\", \"segmentId\": \"" + segmentId
                + "\", \"message\": \"Hi {{name}}\"}").json().get("id").asText();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static Stream<Route> routes() {
        long body = TestApp.BODY_LIMIT;
        long bulk = TestApp.BULK_LIMIT;
        return Stream.of(
                new Route("/api/customers", "{\"email\": \"new1@example.com\", \"name\": \"N\"}", "name", bulk, false),
                new Route("/api/customers/bulk", "[{\"email\": \"new2@example.com\", \"name\": \"N\"}]", "name", bulk, false),
                new Route("/api/orders", "{\"orderId\": \"o-1\", \"customerEmail\": \"bi-0@example.com\", \"amount\": 10}",
                        "customerEmail", bulk, false),
                new Route("/api/segments", "{\"name\": \"s\", \"rules\": {\"field\": \"city\", \"op\": \"eq\", \"value\": \"x\"}}",
                        "name", body, false),
                new Route("/api/segments/preview", "{\"rules\": {\"field\": \"city\", \"op\": \"eq\", \"value\": \"x\"}}",
                        "rules", body, false),
                new Route("/api/campaigns", "{\"name\": \"c2\", \"segmentId\": \"SEG\", \"message\": \"Hello\"}", "name",
                        body, false),
                new Route("/api/send", "{\"campaignId\": \"CAMP\"}", "campaignId", body, false),
                new Route("/api/ai/messages", "{\"objective\": \"win back\"}", "objective", body, false),
                new Route("/api/ai/generate-messages", "{\"objective\": \"win back\"}", "objective", body, false),
                new Route("/api/ai/summary", "{\"campaignId\": \"CAMP\"}", "campaignId", body, false),
                new Route("/api/ai/segment-rules", "{\"description\": \"spent over 10\"}", "description", body, false),
                new Route("/api/ai/generate-rules", "{\"description\": \"spent over 10\"}", "description", body, false),
                new Route("/api/auth/google", "{\"idToken\": \"abc\"}", "idToken", Safeguards.MAX_SIGN_IN_BODY_BYTES, false),
                new Route("/api/receipt", "{\"deliveryId\": \"d1\", \"status\": \"sent\", \"occurredAt\": \"2025-01-01T00:00:00Z\", \"attempt\": 1}",
                        "deliveryId", Safeguards.defaults().maxReceiptBodyBytes(), true));
    }

    static String body(Route r) {
        return r.valid().replace("SEG", segmentId).replace("CAMP", campaignId);
    }

    /** The valid body with {@code field} (of its first object) replaced by raw JSON, or a field added. */
    static String with(Route r, String field, String rawJson) {
        try {
            JsonNode tree = TestApp.JSON.readTree(body(r));
            ObjectNode target = (ObjectNode) (tree.isArray() ? tree.get(0) : tree);
            target.put(field, "__RAW__");
            return TestApp.JSON.writeValueAsString(tree).replace("\"__RAW__\"", rawJson);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String deep(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    /** A syntactically valid body of exactly {@code size} bytes. */
    static String sized(Route r, long size) {
        String prefix = "{\"" + r.field() + "\": \"";
        String suffix = "\"}";
        return prefix + "x".repeat((int) (size - prefix.length() - suffix.length())) + suffix;
    }

    static TestApp.Res send(Route r, String contentType, byte[] bytes) {
        TestApp.Req req = r.path().equals("/api/auth/google") || r.path().equals("/api/receipt")
                ? app.anonymous("POST", r.path()) : app.call("POST", r.path());
        req.body(contentType, bytes);
        if (r.signed()) {
            req.header(ReceiptSignature.HEADER, ReceiptSignature.sign(TestApp.WEBHOOK_SECRET,
                    Instant.now().getEpochSecond(), bytes));
        }
        return req.send();
    }

    static TestApp.Res send(Route r, String json) {
        return send(r, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Long> store() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("customers", app.customers.countAll());
        m.put("orders", app.orders.countAll());
        m.put("segments", app.segments.countAll());
        m.put("campaigns", app.campaigns.countAll());
        m.put("sendingCampaigns", app.get("/api/campaigns?limit=1000").json().findValues("status").stream()
                .filter(s -> s.asText().equals("sending")).count());
        m.put("receipts", app.queue.published(Topics.RECEIPTS));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void badInput_getsTheDocumented4xxProblem_andWritesNothing(Route r) {
        Map<String, Long> before = store();
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("malformed JSON", new Object[] {"{\"" + r.field() + "\": ", Set.of(400)});
        cases.put("trailing garbage", new Object[] {body(r) + " x", Set.of(400)});
        cases.put("duplicate key", new Object[] {"{\"" + r.field() + "\": \"a\", \"" + r.field() + "\": \"b\"}", Set.of(400)});
        cases.put("wrong type", new Object[] {with(r, r.field(), "12345"), r.rowLevel()});
        cases.put("array for a string", new Object[] {with(r, r.field(), "[\"a\"]"), r.rowLevel()});
        cases.put("operator injection", new Object[] {with(r, r.field(), "{\"$gt\": \"\"}"), r.rowLevel()});
        cases.put("unknown field", new Object[] {with(r, "bogus", "1"), r.rowLevel()});
        cases.put("$ key", new Object[] {with(r, "$where", "\"1 == 1\""), r.rowLevel()});
        cases.put("dotted key", new Object[] {with(r, "a.b", "1"), r.rowLevel()});
        cases.put("1000-deep nesting", new Object[] {with(r, r.field(), deep(1000)), Set.of(400)});
        cases.put("1000-deep body", new Object[] {deep(1000), Set.of(400)});
        cases.put("empty array", new Object[] {"[]", Set.of(400)});
        cases.put("null", new Object[] {"null", Set.of(400)});
        cases.put("a string", new Object[] {"\"hello\"", Set.of(400)});
        cases.put("empty body", new Object[] {"", Set.of(400)});
        cases.put("one byte over the limit", new Object[] {sized(r, r.limit() + 1), Set.of(413)});
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            String json = (String) c.getValue()[0];
            @SuppressWarnings("unchecked")
            Set<Integer> expected = (Set<Integer>) c.getValue()[1];
            TestApp.Res res = send(r, json);
            String why = check(res, expected);
            if (why != null) {
                failures.add(c.getKey() + ": " + why);
            }
        }
        TestApp.Res atLimit = send(r, sized(r, r.limit()));
        if (atLimit.status() == 413 || atLimit.status() >= 500) {
            failures.add("exactly at the limit: " + atLimit);
        }
        String why = check(send(r, "text/plain", body(r).getBytes(StandardCharsets.UTF_8)), Set.of(415));
        if (why != null) {
            failures.add("text/plain: " + why);
        }
        assertThat(failures).isEmpty();
        assertThat(store()).isEqualTo(before);
    }

    static String check(TestApp.Res res, Set<Integer> expected) {
        if (!expected.contains(res.status())) {
            return "expected " + expected + ", got " + res;
        }
        if (!res.isProblem()) {
            return "not a problem: " + res.contentType() + " " + res;
        }
        JsonNode p = res.json();
        if (p.get("status").asInt() != res.status() || !p.get("errors").isArray() || p.get("requestId").asText().isEmpty()
                || p.get("detail").asText().isEmpty() || !p.get("type").asText().startsWith("urn:minicrm:problem:")) {
            return "incomplete problem: " + res;
        }
        if (!p.get("requestId").asText().equals(res.header("X-Request-Id"))) {
            return "no matching X-Request-Id header: " + res.headers().map();
        }
        if (res.body().contains("Exception") || res.body().contains("\tat ") || res.body().contains("java.")) {
            return "leaks internals: " + res;
        }
        return null;
    }

    @Test
    void problemsNameTheirPaths() {
        TestApp.Res typed = app.post("/api/campaigns", "{\"name\": {\"$gt\": \"\"}, \"segmentId\": 5, \"message\": \"x\"}");
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.json().get("errors").get(0).get("path").asText()).isEqualTo("/name");
        TestApp.Res unknown = app.post("/api/send", "{\"campaignId\": \"x\", \"extra\": true}");
        assertThat(unknown.json().get("errors").get(0).get("path").asText()).isEqualTo("/extra");
        TestApp.Res malformed = app.post("/api/send", "{\n  \"campaignId\": \"x\",\n  oops\n}");
        assertThat(malformed.json().get("detail").asText()).contains("line 3");
        assertThat(malformed.json().get("line").asInt()).isEqualTo(3);
        TestApp.Res missing = app.post("/api/campaigns", "{}");
        List<String> paths = new ArrayList<>();
        missing.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).containsExactlyInAnyOrder("/name", "/segmentId", "/message");
        TestApp.Res rule = app.post("/api/segments", "{\"name\": \"s\", \"rules\": {\"and\": [{\"field\": \"$where\","
                + " \"op\": \"eq\", \"value\": 1}, {\"field\": \"totalSpent\", \"op\": \"gt\", \"value\": {\"$gt\": \"\"}}]}}");
        assertThat(rule.status()).isEqualTo(400);
        List<String> rulePaths = new ArrayList<>();
        rule.json().get("errors").forEach(e -> rulePaths.add(e.get("path").asText()));
        assertThat(rulePaths).allMatch(p -> p.startsWith("/rules/and/"));
        assertThat(rulePaths).anyMatch(p -> p.startsWith("/rules/and/0")).anyMatch(p -> p.startsWith("/rules/and/1"));
    }

    @Test
    void aSingleInvalidCustomer_is400WithItsPaths() {
        long before = app.customers.countAll();
        TestApp.Res r = app.post("/api/customers", "{\"email\": \"not-an-email\", \"visits\": -1, \"tags\": \"vip\","
                + " \"attributes\": {\"a.b\": 1, \"$x\": 2}}");
        assertThat(r.status()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        r.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).contains("/email", "/visits", "/tags", "/attributes/a.b", "/attributes/$x");
        assertThat(app.customers.countAll()).isEqualTo(before);
    }

    @Test
    void anArrayWithNoValidRow_is422_andWritesNothing() {
        long before = app.customers.countAll();
        TestApp.Res r = app.post("/api/customers", "[{\"email\": \"x\"}, {\"name\": \"no email\"}]");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("accepted").asInt()).isZero();
        assertThat(r.json().get("rejected")).hasSize(2);
        assertThat(r.json().get("errors").get(0).get("path").asText()).startsWith("/0/");
        assertThat(app.customers.countAll()).isEqualTo(before);
    }

    @Test
    void aTenThousandRowBulkWithAFewBadRows_reportsThemByIndex_andWritesTheRest() {
        long before = app.customers.countAll();
        Map<Integer, String> bad = Map.of(
                3, "{\"name\": \"no email\"}",
                1000, "{\"email\": \"inj1000@example.com\", \"name\": {\"$gt\": \"\"}}",
                4242, "{\"email\": \"dot4242@example.com\", \"a.b\": 1}",
                7777, "{\"email\": \"not an email\"}",
                9999, "{\"email\": \"tags9999@example.com\", \"tags\": {\"$ne\": null}}");
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            sb.append(i == 0 ? "" : ",");
            sb.append(bad.getOrDefault(i, "{\"email\": \"bulk" + i + "@example.com\", \"name\": \"Bulk " + i
                    + "\", \"tags\": [\"bulk\"], \"attributes\": {\"tier\": \"gold\", \"score\": " + i + "}}"));
        }
        TestApp.Res r = app.call("POST", "/api/customers/bulk").json(sb.append(']').toString()).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("accepted").asInt()).isEqualTo(9_995);
        Set<Integer> rejected = new HashSet<>();
        json.get("rejected").forEach(e -> rejected.add(e.get("index").asInt()));
        assertThat(rejected).isEqualTo(bad.keySet());
        assertThat(json.get("ids")).hasSize(10_000);
        assertThat(json.get("ids").get(3).isNull()).isTrue();
        assertThat(json.get("ids").get(4).asText()).isNotBlank();
        assertThat(app.customers.countAll()).isEqualTo(before + 9_995);
        for (String email : List.of("inj1000@example.com", "dot4242@example.com", "tags9999@example.com")) {
            assertThat(app.customers.findByEmail(io.minicrm.domain.customer.Email.of(email))).isEmpty();
        }
        TestApp.Res again = app.call("POST", "/api/customers/bulk").json(sb.toString()).send();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(9_995);
        assertThat(app.customers.countAll()).isEqualTo(before + 9_995);
    }

    @Test
    void moreRowsThanAllowed_is400() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 10_001; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"email\": \"m").append(i).append("@example.com\"}");
        }
        long before = app.customers.countAll();
        TestApp.Res r = app.call("POST", "/api/customers").json(sb.append(']').toString()).send();
        assertThat(r.status()).isEqualTo(400);
        assertThat(app.customers.countAll()).isEqualTo(before);
    }

    @Test
    void anOrderBulkWithBadRows_reportsThemByIndex_andWritesTheRest() {
        long before = app.orders.countAll();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++) {
            sb.append(i == 0 ? "" : ",");
            if (i == 10) {
                sb.append("{\"orderId\": \"ob-10\", \"customerEmail\": \"nobody@example.com\", \"amount\": 5}");
            } else if (i == 20) {
                sb.append("{\"orderId\": \"ob-20\", \"customerEmail\": \"bi-0@example.com\", \"amount\": -5}");
            } else if (i == 30) {
                sb.append("{\"orderId\": \"ob-30\", \"customerEmail\": \"bi-0@example.com\", \"amount\": 1.005}");
            } else {
                sb.append("{\"orderId\": \"ob-").append(i).append("\", \"customerEmail\": \"bi-")
                        .append(i % 3).append("@example.com\", \"amount\": \"12.50\"}");
            }
        }
        TestApp.Res r = app.post("/api/orders", sb.append(']').toString());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        Set<Integer> rejected = new HashSet<>();
        r.json().get("rejected").forEach(e -> rejected.add(e.get("index").asInt()));
        assertThat(rejected).containsExactlyInAnyOrder(10, 20, 30);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1_997);
        assertThat(app.orders.countAll()).isEqualTo(before + 1_997);
    }

    @Test
    void anIdempotencyKey_makesASingleOrderRetrySafe() {
        long before = app.orders.countAll();
        String order = "{\"customerEmail\": \"bi-1@example.com\", \"amount\": 99}";
        for (int i = 0; i < 3; i++) {
            TestApp.Res r = app.call("POST", "/api/orders").header("Idempotency-Key", "retry-key-1").json(order).send();
            assertThat(r.status()).isEqualTo(200);
        }
        assertThat(app.orders.countAll()).isEqualTo(before + 1);
    }
}
