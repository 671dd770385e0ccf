package io.minicrm.domain.order;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

import static io.minicrm.domain.testing.RuleFixtures.list;
import static io.minicrm.domain.testing.RuleFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderTest {
    static final Instant T0 = Instant.parse("2025-06-15T12:00:00Z");
    static final CustomerId C1 = CustomerId.of("c1");

    static Order order(OrderStatus status) {
        return new Order(OrderId.of("o-1"), C1, Money.of(50), "USD", List.of(), status, T0, T0);
    }

    private static List<String> problems(OrderRequestReader reader, Object tree, String key) {
        try {
            reader.read(tree, key);
        } catch (ValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void reconcile_sameContent_changesNothing() {
        Order stored = order(OrderStatus.COMPLETED);
        Order again = new Order(OrderId.of("o-1"), C1, Money.of(50), "USD", List.of(), OrderStatus.COMPLETED,
                T0.plusSeconds(9), T0.plusSeconds(9));
        assertThat(stored.reconcile(again)).isSameAs(stored);
    }

    @Test
    void reconcile_completedMayBecomeCancelledOrRefunded() {
        Order stored = order(OrderStatus.COMPLETED);
        for (OrderStatus s : List.of(OrderStatus.CANCELLED, OrderStatus.REFUNDED)) {
            Order next = stored.reconcile(order(s));
            assertThat(next.status()).isEqualTo(s);
            assertThat(next.orderedAt()).isEqualTo(stored.orderedAt());
        }
    }

    @Test
    void reconcile_finalStatusesStayFinal() {
        for (OrderStatus from : List.of(OrderStatus.CANCELLED, OrderStatus.REFUNDED)) {
            Order stored = order(from);
            assertThat(stored.reconcile(order(from))).isSameAs(stored);
            for (OrderStatus to : OrderStatus.values()) {
                if (to != from) {
                    assertThatThrownBy(() -> stored.reconcile(order(to))).isInstanceOf(DomainException.class)
                            .hasMessage("order o-1 is " + from.wire() + " and cannot become " + to.wire())
                            .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo("order-conflict"));
                }
            }
        }
    }

    @Test
    void reconcile_reusingAnOrderIdForADifferentOrder_isAConflict() {
        Order stored = order(OrderStatus.COMPLETED);
        List<Order> different = List.of(
                new Order(OrderId.of("o-1"), CustomerId.of("c2"), Money.of(50), "USD", List.of(), OrderStatus.COMPLETED, T0, T0),
                new Order(OrderId.of("o-1"), C1, Money.of(51), "USD", List.of(), OrderStatus.COMPLETED, T0, T0),
                new Order(OrderId.of("o-1"), C1, Money.of(50), "EUR", List.of(), OrderStatus.COMPLETED, T0, T0));
        for (Order o : different) {
            assertThatThrownBy(() -> stored.reconcile(o)).isInstanceOf(DomainException.class)
                    .hasMessage("order o-1 already exists with a different customer, amount or currency");
        }
        assertThatThrownBy(() -> stored.reconcile(new Order(OrderId.of("o-2"), C1, Money.of(50), "USD", List.of(),
                OrderStatus.COMPLETED, T0, T0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderId_isPrintableAsciiWithoutDollar() {
        assertThat(OrderId.of("A-1_b.c:42").value()).isEqualTo("A-1_b.c:42");
        for (String bad : new String[] {"", " ", "a b", "a$b", "é", "x".repeat(129)}) {
            assertThatThrownBy(() -> OrderId.of(bad)).as(bad).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void orderRequestReader_readsAJsonOrder() {
        OrderRequest r = OrderRequestReader.json("USD").read(map("orderId", "o-1", "customerId", "c1", "amount", 1499.5,
                "currency", " usd ", "items", list(map("productId", "p1", "name", "Tea", "quantity", 2, "price", "10.25")),
                "status", "Cancelled", "orderedAt", "2025-05-01T10:00:00Z"), null);
        assertThat(r).isEqualTo(new OrderRequest(OrderId.of("o-1"), new CustomerRef.ById(C1), Money.ofMinor(149_950), "USD",
                List.of(new OrderItem("p1", "Tea", 2, Money.ofMinor(1025))), OrderStatus.CANCELLED,
                Instant.parse("2025-05-01T10:00:00Z")));
        Order o = r.toOrder(r.id(), C1, T0);
        assertThat(o.receivedAt()).isEqualTo(T0);
        assertThat(o.orderedAt()).isEqualTo(Instant.parse("2025-05-01T10:00:00Z"));
    }

    @Test
    void orderRequestReader_defaults_idempotencyKey_andCustomerByEmail() {
        OrderRequest r = OrderRequestReader.json("USD").read(map("customerEmail", "Ann@Example.com", "amount", "10"), "idem-1");
        assertThat(r.id()).isEqualTo(OrderId.of("idem-1"));
        assertThat(r.customer()).isEqualTo(new CustomerRef.ByEmail(Email.of("ann@example.com")));
        assertThat(r.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(r.currency()).isEqualTo("USD");
        assertThat(r.orderedAt()).isNull();
        assertThat(r.toOrder(r.id(), C1, T0).orderedAt()).as("not given: now").isEqualTo(T0);
        assertThat(OrderRequestReader.json("USD").read(map("customerId", "c1", "amount", 1), null).id()).isNull();
        assertThat(OrderRequestReader.json("USD").read(map("orderId", 12345, "customerId", "c1", "amount", 1), null).id())
                .isEqualTo(OrderId.of("12345"));
    }

    @Test
    void orderRequestReader_reportsEveryProblemWithItsPath() {
        assertThat(problems(OrderRequestReader.json("USD"), map("customerEmail", "x", "customerId", "c1", "amount", -1,
                "currency", "EUR", "status", "lost", "orderedAt", "x", "items",
                list(map("quantity", 0, "price", 1.001, "foo", 1), "x"), "bar", 1), null)).containsExactly(
                "/bar: unknown field",
                "/customerId: give customerId or customerEmail, not both",
                "/amount: expected an amount >= 0 with at most 2 decimals, got -1",
                "/currency: this store keeps amounts in USD; got EUR",
                "/items/0/foo: unknown field",
                "/items/0/quantity: expected a whole number from 1 to 1000000, got 0",
                "/items/0/price: expected an amount >= 0 with at most 2 decimals, got 1.001",
                "/items/1: expected an object, got \"x\"",
                "/status: expected completed, cancelled or refunded, got \"lost\"",
                "/orderedAt: expected an ISO-8601 date or date-time, got \"x\"");
        assertThat(problems(OrderRequestReader.json("USD"), map("orderId", "has space", "customerId", "c 1", "amount", true), null))
                .containsExactly("/orderId: order id may hold only printable ASCII without spaces or '$'",
                        "/customerId: expected a customer id, got \"c 1\"",
                        "/amount: expected a decimal number or string, got true");
        assertThat(problems(OrderRequestReader.json("USD"), map(), null))
                .containsExactly("/customerId: customerId or customerEmail is required", "/amount: is required");
        assertThat(problems(OrderRequestReader.json("USD"), map("orderId", Double.NaN, "customerId", "c1", "amount", 1), null))
                .containsExactly("/orderId: expected a string, got NaN");
        assertThat(problems(OrderRequestReader.json("USD"), "x", null)).containsExactly("(root): expected an object, got \"x\"");
    }

    @Test
    void orderRequestReader_textMode_treatsEmptyCellsAsAbsent() {
        OrderRequest r = OrderRequestReader.text("USD").read(map("orderId", "", "customerId", "c1", "amount", "2.50",
                "status", "", "items", "", "currency", "", "orderedAt", ""), "k");
        assertThat(r).isEqualTo(new OrderRequest(OrderId.of("k"), new CustomerRef.ById(C1), Money.ofMinor(250), "USD",
                List.of(), OrderStatus.COMPLETED, null));
        assertThatThrownBy(() -> OrderRequestReader.json("usd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void orderRequestReader_limitsItems() {
        List<Object> items = new java.util.ArrayList<>();
        for (int i = 0; i < 501; i++) {
            items.add(map("price", 1));
        }
        assertThat(problems(OrderRequestReader.json("USD"), map("customerId", "c1", "amount", 1, "items", items), null))
                .containsExactly("/items: at most 500 items are allowed");
        assertThat(OrderRequestReader.json("USD").read(map("customerId", "c1", "amount", 1, "items", items.subList(0, 500)), null)
                .items()).hasSize(500).first().isEqualTo(new OrderItem(null, null, 1, Money.of(1)));
        assertThat(new BigDecimal("1")).isNotNull();
    }
}
