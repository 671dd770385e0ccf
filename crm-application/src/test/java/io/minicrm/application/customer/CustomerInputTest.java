package io.minicrm.application.customer;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed customer input is the same customer as the JSON import's, with the same problems at the same paths. */
class CustomerInputTest {

    @Test
    void aCustomerBuiltFieldByField_isTheCustomerTheJsonImportReads() {
        CustomerProfile built = CustomerInput.email(" Asha@Example.com ").name("Asha Rao").phone("+91 98765-43210")
                .city("Pune").tags("VIP", "new").attribute("tier", "gold").attribute("score", 42).attribute("beta", true)
                .removeAttribute("old").optedOut(false).visits(7).lastActiveAt(Instant.parse("2025-05-01T10:00:00Z"))
                .totalSpent(new BigDecimal("20000.50")).orderCount(4).firstOrderAt(Instant.parse("2024-01-02T00:00:00Z"))
                .lastOrderAt(Instant.parse("2025-04-30T00:00:00Z")).build();

        java.util.Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        attributes.put("tier", "gold");
        attributes.put("score", 42);
        attributes.put("beta", true);
        attributes.put("old", null);
        CustomerProfile read = CustomerProfileReader.json().read(map("email", " Asha@Example.com ", "name", "Asha Rao",
                "phone", "+91 98765-43210", "city", "Pune", "tags", List.of("VIP", "new"), "attributes", attributes,
                "optedOut", false, "visits", 7, "lastActiveAt", "2025-05-01T10:00:00Z", "totalSpent", "20000.50",
                "orderCount", 4, "firstOrderAt", "2024-01-02T00:00:00Z", "lastOrderAt", "2025-04-30T00:00:00Z"));

        assertThat(built).isEqualTo(read);
        assertThat(built.phone()).isEqualTo("+919876543210");
    }

    @Test
    void everyProblem_isReportedAtOnce_withItsPath() {
        assertThatThrownBy(() -> CustomerInput.email("not an e-mail").name("x".repeat(201)).visits(-1)
                .totalSpent(new BigDecimal("1.234")).build())
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path)
                        .containsExactlyInAnyOrder("/email", "/name", "/visits", "/totalSpent"));
    }

    @Test
    void onlyTheEmail_isAProfileWithNothingElseGiven() {
        assertThat(CustomerInput.email("a@example.com").build())
                .isEqualTo(CustomerProfile.of(io.minicrm.domain.customer.Email.of("a@example.com")));
    }
}
