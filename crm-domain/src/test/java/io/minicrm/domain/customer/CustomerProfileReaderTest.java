package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerProfileReaderTest {

    private static List<String> problems(CustomerProfileReader reader, Object tree) {
        try {
            reader.read(tree);
        } catch (ValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void json_readsEveryField_normalised() {
        Map<String, Object> attributes = map("plan", "gold", "score", 2.5, "vip", true);
        attributes.put("gone", null);
        CustomerProfile p = CustomerProfileReader.json().read(map("email", " Ann@Example.COM ", "name", " Ann Lee ",
                "phone", "+91 98765-43210", "city", "Pune", "tags", list(" VIP ", "new", "vip"), "visits", 3,
                "lastActiveAt", "2025-01-01", "optedOut", false, "attributes", attributes, "totalSpent", "1499.50",
                "totalOrders", 3, "firstPurchaseDate", "2024-01-01T10:00:00Z", "lastPurchaseDate", "2025-05-01"));
        assertThat(p.email()).isEqualTo(Email.of("ann@example.com"));
        assertThat(p.name()).isEqualTo("Ann Lee");
        assertThat(p.phone()).isEqualTo("+919876543210");
        assertThat(p.tags()).containsExactly("new", "vip");
        assertThat(p.visits()).isEqualTo(3);
        assertThat(p.optedOut()).isFalse();
        assertThat(p.lastActiveAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(p.attributeChanges()).containsExactly(
                Map.entry("plan", Optional.of(new AttributeValue.Text("gold"))),
                Map.entry("score", Optional.of(new AttributeValue.Num(new BigDecimal("2.5")))),
                Map.entry("vip", Optional.of(new AttributeValue.Bool(true))),
                Map.entry("gone", Optional.empty()));
        assertThat(p.importedHistory()).isEqualTo(new PurchaseHistory(Money.ofMinor(149_950), 3,
                Instant.parse("2024-01-01T10:00:00Z"), Instant.parse("2025-05-01T00:00:00Z")));
    }

    @Test
    void onlyTheEmailIsRequired_andAbsentFieldsStayNull() {
        CustomerProfile p = CustomerProfileReader.json().read(map("email", "a@b.co"));
        assertThat(p).isEqualTo(CustomerProfile.of(Email.of("a@b.co")));
        assertThat(p.importedHistory()).isNull();
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "lastOrderAt", "2025-01-01")).importedHistory())
                .as("the first order date stays unknown: it is not the last one").isEqualTo(new PurchaseHistory(Money.ZERO, 0,
                        null, Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "firstPurchaseDate", "2024-01-01"))
                .importedHistory().lastOrderAt()).isNull();
    }

    @Test
    void everyBadField_isReportedWithItsPath_atOnce() {
        assertThat(problems(CustomerProfileReader.json(), map("email", "nope", "name", 5, "phone", "x".repeat(65),
                "city", "x".repeat(101), "tags", "vip", "visits", -1, "lastActiveAt", "yesterday", "optedOut", "yes",
                "attributes", map("a-b", 1, "ok", list()), "totalSpent", "1.005", "totalOrders", 1.5,
                "firstOrderAt", "2025-06-01", "lastOrderAt", "2025-01-01", "extra", 1))).containsExactlyInAnyOrder(
                "/extra: unknown field",
                "/email: not a valid e-mail address: \"nope\"",
                "/name: expected a string, got 5",
                "/tags: expected a list of strings, got \"vip\"",
                "/attributes/a-b: attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}",
                "/attributes/ok: expected a string, number or boolean, got a list",
                "/optedOut: expected true or false, got \"yes\"",
                "/visits: expected a whole number >= 0, got -1",
                "/lastActiveAt: expected an ISO-8601 date or date-time, got \"yesterday\"",
                "/totalOrders: expected a whole number >= 0, got 1.5",
                "/totalSpent: expected an amount >= 0 with at most 2 decimals, got \"1.005\"",
                "/firstOrderAt: is after lastOrderAt",
                "/city: longer than 100 characters",
                "/phone: longer than 64 characters");
    }

    @Test
    void profileLevelProblems_areReportedTogetherWithTheOthers() {
        assertThat(problems(CustomerProfileReader.json(), map("name", "x".repeat(201), "phone", "1\u00072")))
                .containsExactly("/email: email is required", "/name: longer than 200 characters",
                        "/phone: contains a control character");
        assertThat(problems(CustomerProfileReader.json(), map("email", "a@b.co", "tags", list("ok", 5, "x".repeat(65)))))
                .containsExactly("/tags/1: expected a string, got 5", "/tags: each tag must be at most 64 characters");
        assertThat(problems(CustomerProfileReader.json(), map("email", "a@b.co", "name", "bad\u0007name")))
                .containsExactly("/name: contains a control character");
    }

    @Test
    void unknownFields_areRejected_evenWithNonStringKeys() {
        Map<Object, Object> tree = new java.util.LinkedHashMap<>(map("email", "a@b.co", "Email", "x"));
        tree.put(42, "y");
        assertThat(problems(CustomerProfileReader.json(), tree)).containsExactly("/Email: unknown field", "/42: unknown field");
        assertThat(problems(CustomerProfileReader.json(), list())).containsExactly("(root): expected an object, got a list");
    }

    @Test
    void jsonMode_isStrictAboutTypes() {
        assertThat(problems(CustomerProfileReader.json(), map("email", "a@b.co", "visits", "3", "optedOut", "true")))
                .containsExactly("/optedOut: expected true or false, got \"true\"", "/visits: expected a whole number >= 0, got \"3\"");
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "name", "")).name())
                .as("a form's empty field is not a name").isNull();
    }

    @Test
    void phones_areAcceptedAsTheOriginalFrontendSentThem_andStoredNormalised() {
        Map<String, String> stored = new java.util.LinkedHashMap<>();
        for (String raw : List.of("99999", "1", "+91 98765 43210", "(022) 2345-6789", "98.76.54.32.10", "+1 (555) 010-9999",
                "0091-22/2345 6789", "1234567890123456789012345")) {
            stored.put(raw, CustomerProfileReader.json().read(map("email", "a@b.co", "phone", raw)).phone());
        }
        assertThat(stored).containsExactly(Map.entry("99999", "99999"), Map.entry("1", "1"),
                Map.entry("+91 98765 43210", "+919876543210"), Map.entry("(022) 2345-6789", "02223456789"),
                Map.entry("98.76.54.32.10", "9876543210"), Map.entry("+1 (555) 010-9999", "+15550109999"),
                Map.entry("0091-22/2345 6789", "00912223456789"),
                Map.entry("1234567890123456789012345", "1234567890123456789012345"));
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "phone", " 98765 ext. 12 ")).phone())
                .as("not a number: kept as written rather than losing the customer").isEqualTo("98765 ext. 12");
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "phone", "  ")).phone())
                .as("blank is no phone").isNull();
        assertThat(CustomerProfileReader.text().read(map("email", "a@b.co", "phone", "+91-98765-43210")).phone())
                .isEqualTo("+919876543210");
    }

    @Test
    void blankTags_areDropped_asASplitCsvCellLeavesThem() {
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "tags", list("vip", "", " ", "New"))).tags())
                .containsExactly("new", "vip");
        assertThat(CustomerProfileReader.json().read(map("email", "a@b.co", "tags", list(""))).tags()).isEmpty();
    }

    @Test
    void textMode_coercesCsvCells_andTreatsEmptyCellsAsAbsent() {
        CustomerProfile p = CustomerProfileReader.text().read(map("email", "a@b.co", "name", "", "city", " ", "visits", "3",
                "optedOut", "yes", "totalSpent", "10.5", "tags", "a;b|c, d", "attributes",
                map("plan", "gold", "score", "2.5", "vip", "TRUE", "n", "-3", "zip", "0123x"), "lastOrderAt", "2025-01-01",
                "totalOrders", ""));
        assertThat(p.name()).isNull();
        assertThat(p.city()).isNull();
        assertThat(p.visits()).isEqualTo(3);
        assertThat(p.optedOut()).isTrue();
        assertThat(p.tags()).containsExactly("a", "b", "c", "d");
        assertThat(p.attributeChanges()).containsEntry("score", Optional.of(new AttributeValue.Num(new BigDecimal("2.5"))))
                .containsEntry("vip", Optional.of(new AttributeValue.Bool(true)))
                .containsEntry("n", Optional.of(new AttributeValue.Num(new BigDecimal("-3"))))
                .containsEntry("zip", Optional.of(new AttributeValue.Text("0123x")));
        assertThat(p.importedHistory().spent()).isEqualTo(Money.ofMinor(1050));
        assertThat(CustomerProfileReader.text().read(map("email", "a@b.co", "attributes", "")).attributeChanges())
                .as("an empty attributes cell is absent, like every empty cell").isNull();
        assertThat(problems(CustomerProfileReader.text(), map("email", "a@b.co", "visits", "x", "optedOut", "maybe")))
                .containsExactly("/optedOut: expected true or false, got \"maybe\"", "/visits: expected a whole number >= 0, got \"x\"");
        assertThat(CustomerProfileReader.text().read(map("email", "a@b.co", "optedOut", "0")).optedOut()).isFalse();
    }

    @Test
    void attributes_areLimitedInNumberAndTextLength() {
        Map<String, Object> many = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 51; i++) {
            many.put("k" + i, i);
        }
        assertThat(problems(CustomerProfileReader.json(), map("email", "a@b.co", "attributes", many)))
                .containsExactly("/attributes: at most 50 attributes are allowed");
        assertThat(problems(CustomerProfileReader.json(), map("email", "a@b.co", "attributes", map("t", "x".repeat(1001)))))
                .containsExactly("/attributes/t: text longer than 1000 characters");
        assertThatThrownBy(() -> Attributes.fromPlain(map("ok", 1, "bad key", 2, "n", List.of())))
                .isInstanceOf(ValidationException.class)
                .hasMessage("/bad key: attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}; "
                        + "/n: expected a string, number or boolean, got a list");
        assertThat(Attributes.fromPlain(map("b", 1, "a", "x")).asMap().keySet()).containsExactly("a", "b");
        assertThat(Attributes.fromPlain(Map.of())).isSameAs(Attributes.EMPTY);
        assertThat(List.of(Attributes.isValidKey("a" + "b".repeat(63)), Attributes.isValidKey("a" + "b".repeat(64)),
                Attributes.isValidKey("1a"), Attributes.isValidKey("a.b"), Attributes.isValidKey("$gt")))
                .containsExactly(true, false, false, false, false);
    }
}
