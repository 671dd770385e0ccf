package io.minicrm.domain.campaign;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomRules;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTemplateTest {
    static final Customer ANN = Customer.builder().name("Ann Lee").email("ann@example.com").city("Pune")
            .phone("+919876543210").totalSpent("1499.5").orderCount(3).visits(7)
            .lastOrderAt(Instant.parse("2025-05-01T18:30:00Z")).attribute("plan", "gold").attribute("score", 2.50)
            .attribute("vip", true).build();
    static final Customer NOBODY = Customer.builder().build();

    private static List<String> problems(String text) {
        try {
            MessageTemplate.of(text);
        } catch (ValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void placeholders_renderTheCustomersValues() {
        MessageTemplate t = MessageTemplate.of("Hi {{firstName}} ({{name}}, {{ email }}, {{phone}}, {{city}}): "
                + "{{totalSpent}} in {{orderCount}} orders, {{visits}} visits, last {{lastOrderAt}}; "
                + "{{attributes.plan}} {{attributes.score}} {{attributes.vip}}");
        assertThat(t.render(ANN)).isEqualTo("Hi Ann (Ann Lee, ann@example.com, +919876543210, Pune): "
                + "1499.50 in 3 orders, 7 visits, last 2025-05-01; gold 2.5 true");
        assertThat(t.placeholders()).containsExactly("firstName", "name", "email", "phone", "city", "totalSpent",
                "orderCount", "visits", "lastOrderAt", "attributes.plan", "attributes.score", "attributes.vip");
    }

    @Test
    void fallback_replacesAMissingOrBlankValue() {
        MessageTemplate t = MessageTemplate.of("Hi {{firstName | there}}, from {{city|your city}}{{phone|}}!");
        assertThat(t.render(NOBODY)).isEqualTo("Hi there, from your city!");
        assertThat(t.render(ANN)).isEqualTo("Hi Ann, from Pune+919876543210!");
        assertThat(MessageTemplate.of("{{name}}|{{attributes.plan}}").render(NOBODY)).isEqualTo("|");
    }

    @Test
    void rendering_neverThrows_whenEveryOptionalFieldIsMissing() {
        String all = String.join(" ", MessageTemplate.FIELDS.stream().map(f -> "{{" + f + "}}").toList())
                + " {{attributes.x}} {{attributes.y|none}}";
        assertThat(MessageTemplate.of(all).render(NOBODY)).contains("none").contains("0.00").contains(NOBODY.email().value());
    }

    @Test
    void rendering_neverThrows_forRandomCustomers() {
        String all = String.join(" ", MessageTemplate.FIELDS.stream().map(f -> "{{" + f + "|-}}").toList())
                + " {{attributes.plan}} {{attributes.score|?}} {{attributes.flag}}";
        MessageTemplate template = MessageTemplate.of(all);
        Property.forAll("rendering random customers", 500, RandomRules::customer,
                c -> assertThat(template.render(c)).isNotNull().doesNotContain("{{").doesNotContain("null"));
    }

    @Test
    void unknownPlaceholders_areRejectedWithLineAndColumn() {
        assertThat(problems("Hello\n  {{nmae}} and {{attributes.a-b}}")).containsExactly(
                "(root): line 2, column 3: unknown placeholder {{nmae}}; use one of city, email, firstName, lastOrderAt,"
                        + " name, orderCount, phone, totalSpent, visits or attributes.<key>",
                "(root): line 2, column 16: unknown placeholder {{attributes.a-b}}; use one of city, email, firstName,"
                        + " lastOrderAt, name, orderCount, phone, totalSpent, visits or attributes.<key>");
        assertThat(problems("Hi {{ }}")).containsExactly("(root): line 1, column 4: empty placeholder");
        assertThat(problems("Hi {{name|" + "x".repeat(101) + "}}")).containsExactly(
                "(root): line 1, column 4: fallback must be plain text of at most 100 characters");
    }

    @Test
    void unclosedPlaceholder_isRejected() {
        assertThat(problems("Hi {{name}}\nand {{city")).containsExactly(
                "(root): line 2, column 5: unclosed placeholder (missing '}}')");
        assertThat(problems("{{name|{{city}}")).hasSize(1).first().asString().contains("fallback");
    }

    @Test
    void emptyOrOverlongTemplates_areRejected_andPlainTextIsKept() {
        assertThat(problems(" ")).containsExactly("(root): the message is empty");
        assertThat(problems("x".repeat(5001))).containsExactly("(root): the message is longer than 5000 characters");
        MessageTemplate plain = MessageTemplate.of("No placeholders } here {");
        assertThat(plain.render(ANN)).isEqualTo("No placeholders } here {");
        assertThat(plain.placeholders()).isEmpty();
        assertThat(MessageTemplate.of("a {{name}}")).isEqualTo(MessageTemplate.of("a {{name}}"))
                .hasSameHashCodeAs(MessageTemplate.of("a {{name}}"));
        assertThat(MessageTemplate.of("a {{name}}").text()).isEqualTo("a {{name}}");
    }
}
