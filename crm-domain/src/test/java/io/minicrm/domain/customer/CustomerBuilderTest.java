package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CustomerBuilderTest {
    private static final Instant T0 = Instant.parse("2025-06-15T12:00:00Z");

    @Test
    void unsetFacts_areMissing_asForACustomerIngestedWithOnlyAnEmail() {
        Instant before = Instant.now().minusMillis(1);
        Customer c = Customer.builder().build();
        assertThat(c.email().value()).isEqualTo(CustomerBuilder.DEFAULT_EMAIL);
        assertThat(c.name()).isNull();
        assertThat(c.phone()).isNull();
        assertThat(c.city()).isNull();
        assertThat(c.visits()).isNull();
        assertThat(c.lastActiveAt()).isNull();
        assertThat(c.lastOrderAt()).isNull();
        assertThat(c.firstOrderAt()).isNull();
        assertThat(c.tags()).isEmpty();
        assertThat(c.attributes().isEmpty()).isTrue();
        assertThat(c.optedOut()).isFalse();
        assertThat(c.totalSpent()).isEqualByComparingTo("0");
        assertThat(c.orderCount()).isZero();
        assertThat(c.createdAt()).isAfter(before).isBeforeOrEqualTo(Instant.now());
        assertThat(c.updatedAt()).isEqualTo(c.createdAt());
    }

    @Test
    void idAndEmail_defaultFromEachOther_stably() {
        Customer byEmail = Customer.builder().email(" Ann@Example.com ").createdAt(T0).build();
        assertThat(byEmail.email().value()).isEqualTo("ann@example.com");
        assertThat(byEmail.id()).isEqualTo(Customer.builder().email("ann@example.com").createdAt(T0).build().id());
        assertThat(byEmail.id()).isNotEqualTo(Customer.builder().email("bob@example.com").build().id());
        assertThat(Customer.builder().id("C-7").build().email().value()).isEqualTo("c-7@example.com");
        assertThat(Customer.builder().email("ann@example.com").createdAt(T0).build())
                .isEqualTo(Customer.builder().email("ann@example.com").createdAt(T0).build());
    }

    @Test
    void namedValues_landInTheirFields_andTotalsAddTheImportedAndTheOrderedParts() {
        Customer c = Customer.builder().id("c1").email("ann@example.com").name("Ann Lee").phone("+91 98765 43210")
                .city("Pune").tags("VIP", " new ").attribute("plan", "gold").attribute("score", 2.5)
                .attribute("flag", true).optedOut(true).visits(3).lastActiveAt(T0)
                .totalSpent("1499.5").orderCount(2).firstOrderAt(T0.minusSeconds(100)).lastOrderAt(T0.minusSeconds(10))
                .fromOrders(new PurchaseHistory(Money.of(new BigDecimal("0.50")), 1, T0, T0)).appliedOrderIds("o-1")
                .createdAt(T0.minusSeconds(1000)).updatedAt(T0).build();
        assertThat(c.phone()).as("taken as given").isEqualTo("+91 98765 43210");
        assertThat(c.tags()).containsExactly("new", "vip");
        assertThat(c.attributes().asMap()).isEqualTo(Map.of("plan", new AttributeValue.Text("gold"),
                "score", new AttributeValue.Num(new BigDecimal("2.5")), "flag", new AttributeValue.Bool(true)));
        assertThat(c.totalSpent()).isEqualByComparingTo("1500.00");
        assertThat(c.orderCount()).isEqualTo(3);
        assertThat(c.firstOrderAt()).isEqualTo(T0.minusSeconds(100));
        assertThat(c.lastOrderAt()).isEqualTo(T0);
        assertThat(c.hasCounted("o-1")).isTrue();
        assertThat(c.visits()).isEqualTo(3L);
        assertThat(c.optedOut()).isTrue();
        assertThat(Customer.builder().visits(3).noVisits().build().visits()).isNull();
        assertThat(Customer.builder().attributes(Map.of("plan", "gold", "score", 10, "vip", false)).build().attributes().size())
                .isEqualTo(3);
    }

    @Test
    void badValues_throwValidationException_namingTheField() {
        assertThat(problem(() -> Customer.builder().email("not an email").build())).startsWith("/email: not a valid e-mail");
        assertThat(problem(() -> Customer.builder().id("a b").build())).startsWith("/id: customer id must be");
        assertThat(problem(() -> Customer.builder().totalSpent("12.345"))).startsWith("/totalSpent: amount has more than 2 decimals");
        assertThat(problem(() -> Customer.builder().totalSpent("lots"))).isEqualTo("/totalSpent: not an amount: \"lots\"");
        assertThat(problem(() -> Customer.builder().totalSpent(-1))).isEqualTo("/totalSpent: amount must not be negative");
        assertThat(problem(() -> Customer.builder().visits(-1))).isEqualTo("/visits: must not be negative");
        assertThat(problem(() -> Customer.builder().attribute("score", Double.NaN))).startsWith("/attributes/score: not a finite number");
        assertThat(problem(() -> Customer.builder().attribute("bad key", "x").build()))
                .startsWith("/attributes/bad key: attribute names must match");
        assertThat(problem(() -> Customer.builder().attributes(Map.of("x", new Object())))).startsWith("/attributes/x: expected a string");
    }

    private static String problem(Runnable build) {
        ValidationException e = catchThrowableOfType(ValidationException.class, build::run);
        assertThat(e).as("a ValidationException").isNotNull();
        return e.problems().stream().map(Problem::toString).findFirst().orElseThrow();
    }
}
