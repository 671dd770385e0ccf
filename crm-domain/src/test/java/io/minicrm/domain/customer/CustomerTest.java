package io.minicrm.domain.customer;

import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerTest {
    static final Instant T0 = Instant.parse("2025-06-15T12:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final CustomerId ID = CustomerId.of("c1");

    static Order order(String id, String amount, OrderStatus status, Instant at) {
        return new Order(OrderId.of(id), ID, Money.of(new BigDecimal(amount)), "USD", List.of(), status, at, at);
    }

    static Customer ann() {
        return Customer.builder().id("c1").totalSpent("100").orderCount(2)
                .firstOrderAt(T0.minusSeconds(86_400 * 100L)).lastOrderAt(T0.minusSeconds(86_400 * 10L)).build();
    }

    @Test
    void completedOrder_isCountedOnce() {
        Customer c = ann();
        Order o = order("o-1", "49.99", OrderStatus.COMPLETED, T0);
        Customer once = c.applyOrder(o, T1);
        assertThat(once.totalSpent()).isEqualByComparingTo("149.99");
        assertThat(once.orderCount()).isEqualTo(3);
        assertThat(once.lastOrderAt()).isEqualTo(T0);
        assertThat(once.firstOrderAt()).isEqualTo(T0.minusSeconds(86_400 * 100L));
        assertThat(once.hasCounted("o-1")).isTrue();
        assertThat(once.updatedAt()).isEqualTo(T1);
        assertThat(once.applyOrder(o, T1.plusSeconds(5))).isSameAs(once);
    }

    @Test
    void cancelledOrRefundedOrder_isTakenBackOut_butItsDatesRemain() {
        Customer counted = ann().applyOrder(order("o-1", "50", OrderStatus.COMPLETED, T0), T1);
        for (OrderStatus reversal : List.of(OrderStatus.CANCELLED, OrderStatus.REFUNDED)) {
            Customer reversed = counted.applyOrder(order("o-1", "50", reversal, T0), T1);
            assertThat(reversed.totalSpent()).isEqualByComparingTo("100");
            assertThat(reversed.orderCount()).isEqualTo(2);
            assertThat(reversed.hasCounted("o-1")).isFalse();
            assertThat(reversed.lastOrderAt()).as("activity happened").isEqualTo(T0);
            assertThat(reversed.applyOrder(order("o-1", "50", reversal, T0), T1)).isSameAs(reversed);
        }
        Customer neverCounted = ann();
        assertThat(neverCounted.applyOrder(order("o-2", "50", OrderStatus.CANCELLED, T0), T1)).isSameAs(neverCounted);
    }

    @Test
    void ordersOfAnotherCustomer_areRefused() {
        Order other = new Order(OrderId.of("o-1"), CustomerId.of("c2"), Money.of(1), "USD", List.of(), OrderStatus.COMPLETED, T0, T0);
        assertThatThrownBy(() -> ann().applyOrder(other, T1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void create_takesEveryGivenField() {
        CustomerProfile p = CustomerProfileReader.json().read(io.minicrm.domain.testing.RuleFixtures.map("email", "Ann@Example.com",
                "name", "Ann Lee", "tags", List.of("VIP"), "visits", 4, "attributes", Map.of("plan", "gold"),
                "totalSpent", 10, "totalOrders", 1, "lastOrderAt", "2025-01-01"));
        Customer c = Customer.create(ID, p, T0);
        assertThat(c.email().value()).isEqualTo("ann@example.com");
        assertThat(c.name()).isEqualTo("Ann Lee");
        assertThat(c.firstName()).isEqualTo("Ann");
        assertThat(c.tags()).containsExactly("vip");
        assertThat(c.visits()).isEqualTo(4);
        assertThat(c.attributes().get("plan")).isEqualTo(new AttributeValue.Text("gold"));
        assertThat(c.totalSpentMinor()).isEqualTo(1000);
        assertThat(c.orderCount()).isEqualTo(1);
        assertThat(c.createdAt()).isEqualTo(T0);
        assertThat(c.updatedAt()).isEqualTo(T0);
        assertThat(c.phone()).isNull();
        assertThat(c.optedOut()).isFalse();
    }

    @Test
    void withProfile_overwritesGivenFields_keepsAbsentOnes_andMergesAttributes() {
        Customer c = Customer.builder().id("c1").email("ann@example.com").name("Ann").city("Pune").visits(2)
                .attribute("plan", "gold").attribute("score", 3).build();
        Map<String, Optional<AttributeValue>> changes = new LinkedHashMap<>();
        changes.put("score", Optional.empty());
        changes.put("vip", Optional.of(new AttributeValue.Bool(true)));
        CustomerProfile p = new CustomerProfile(c.email(), null, null, "Mumbai", Set.of("new"), changes, true, null, null, null);
        Customer next = c.withProfile(p, T1);
        assertThat(next.name()).isEqualTo("Ann");
        assertThat(next.city()).isEqualTo("Mumbai");
        assertThat(next.visits()).isEqualTo(2);
        assertThat(next.optedOut()).isTrue();
        assertThat(next.tags()).containsExactly("new");
        assertThat(next.attributes().asMap()).containsOnlyKeys("plan", "vip");
        assertThat(next.updatedAt()).isEqualTo(T1);
        assertThat(next.createdAt()).isEqualTo(c.createdAt());
    }

    @Test
    void withProfile_returnsThis_whenNothingChanges() {
        Customer c = Customer.builder().id("c1").email("ann@example.com").name("Ann").tags("vip").visits(0)
                .attribute("plan", "gold").totalSpent("10").orderCount(1).firstOrderAt(T0).lastOrderAt(T0).build();
        Map<String, Optional<AttributeValue>> same = new LinkedHashMap<>();
        same.put("plan", Optional.of(new AttributeValue.Text("gold")));
        same.put("absent", Optional.empty());
        CustomerProfile p = new CustomerProfile(c.email(), "Ann", null, null, Set.of("VIP"), same, false, 0L, null,
                new PurchaseHistory(Money.of(10), 1, T0, T0));
        assertThat(c.withProfile(p, T1)).isSameAs(c);
        assertThat(c.withProfile(CustomerProfile.of(c.email()), T1)).isSameAs(c);
        Customer changed = c.withProfile(new CustomerProfile(c.email(), "Bob", null, null, null, null, null, null, null, null), T1);
        assertThat(changed.name()).isEqualTo("Bob");
        assertThat(changed.updatedAt()).isEqualTo(T1);
        assertThat(changed.withProfile(new CustomerProfile(c.email(), "Bob", null, null, null, null, null, null, null, null),
                T1.plusSeconds(1))).isSameAs(changed);
    }

    @Test
    void withProfile_replacesTheImportedBaseline_butKeepsIngestedOrders() {
        Customer c = ann().applyOrder(order("o-1", "50", OrderStatus.COMPLETED, T0), T1);
        CustomerProfile p = new CustomerProfile(c.email(), null, null, null, null, null, null, null, null,
                new PurchaseHistory(Money.of(1000), 7, null, null));
        Customer next = c.withProfile(p, T1);
        assertThat(next.totalSpent()).isEqualByComparingTo("1050");
        assertThat(next.orderCount()).isEqualTo(8);
        assertThat(next.lastOrderAt()).isEqualTo(T0);
        assertThatThrownBy(() -> c.withProfile(CustomerProfile.of(Email.of("other@example.com")), T1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderThatWouldPassTheLimit_isRefused_andChangesNothing() {
        Customer atMax = Customer.builder().id("c1").totalSpent(Money.MAX_MAJOR_TEXT).orderCount(1).build();
        Order one = order("o-1", "1.00", OrderStatus.COMPLETED, T0);
        assertThatThrownBy(() -> atMax.applyOrder(one, T1)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).path()).isEqualTo("/amount"))
                .hasMessageContaining("past 10000000000000");
        assertThat(atMax.headroom()).isEqualTo(Money.ZERO);
        // taking an order back out, or one already counted, never needs headroom
        Customer nearly = Customer.builder().id("c1").totalSpent("9999999999999").build();
        Customer full = nearly.applyOrder(one, T1);
        assertThat(full.totalSpent()).isEqualByComparingTo(Money.MAX_MAJOR_TEXT);
        assertThat(full.applyOrder(one, T1)).isSameAs(full);
        assertThat(full.applyOrder(order("o-1", "1.00", OrderStatus.REFUNDED, T0), T1).totalSpent())
                .isEqualByComparingTo("9999999999999");
    }

    @Test
    void importedTotalThatWouldPassTheLimitWithOrdersCounted_isRefused() {
        Customer c = ann().applyOrder(order("o-1", "50", OrderStatus.COMPLETED, T0), T1);
        CustomerProfile max = new CustomerProfile(c.email(), null, null, null, null, null, null, null, null,
                new PurchaseHistory(Money.ofMinor(Money.MAX_MINOR), 1, null, null));
        assertThatThrownBy(() -> c.withProfile(max, T1)).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems().get(0).path()).isEqualTo("/totalSpent"));
        CustomerProfile fits = new CustomerProfile(c.email(), null, null, null, null, null, null, null, null,
                new PurchaseHistory(Money.ofMinor(Money.MAX_MINOR - 5000), 1, null, null));
        assertThat(c.withProfile(fits, T1).totalSpent()).isEqualByComparingTo(Money.MAX_MAJOR_TEXT);
    }

    @Test
    void totalSpent_isReadableWhateverWasStored_evenPastTheLimit() {
        // two parts each within the limit, whose sum is past it: what an earlier version could store
        Customer stored = new Customer(ID, Email.of("big@example.com"), null, null, null, null, null, false, null, null,
                new PurchaseHistory(Money.ofMinor(Money.MAX_MINOR), 1, null, null),
                new PurchaseHistory(Money.ofMinor(100), 1, T0, T0), Set.of("o-1"), T0, T0);
        assertThat(stored.totalSpent()).isEqualByComparingTo("10000000000001.00");
        assertThat(stored.headroom()).isEqualTo(Money.ZERO);
    }

    @Test
    void tags_areNormalisedHoweverTheCustomerIsBuilt() {
        Customer c = Customer.builder().tags(" VIP ", "vip", "Öko").build();
        assertThat(c.tags()).containsExactly("vip", "öko");
        assertThatThrownBy(() -> Customer.builder().tags(" ").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void firstName_isTheFirstWordOfTheName() {
        assertThat(Customer.builder().name("  Ann  Lee ").build().firstName()).isEqualTo("Ann");
        assertThat(Customer.builder().name("Cher").build().firstName()).isEqualTo("Cher");
        assertThat(Customer.builder().name(" ").build().firstName()).isNull();
        assertThat(Customer.builder().build().firstName()).isNull();
    }
}
