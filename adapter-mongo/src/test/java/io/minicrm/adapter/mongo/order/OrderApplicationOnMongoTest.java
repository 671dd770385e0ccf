package io.minicrm.adapter.mongo.order;

import io.minicrm.application.testing.Rows;
import io.minicrm.adapter.mongo.TestMongo;
import io.minicrm.application.contract.Fixtures;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderReconciler;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.minicrm.application.contract.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Applying an order to its customer is two writes (store the order unapplied, then update the
 * customer and mark the order applied) without a transaction. A crash between them - injected here -
 * loses nothing and counts nothing twice: re-sending the order, or the reconciler, finishes the job.
 * Two ingestions racing on one order id end with one order, counted once.
 */
class OrderApplicationOnMongoTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private TestMongo.Store db;
    private CustomerRepository customers;
    private OrderRepository orders;
    private CustomerId buyer;
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    @BeforeEach
    void setUp() {
        db = TestMongo.newStore();
        customers = db.store().customers();
        orders = db.store().orders();
        buyer = customers.upsertAll(List.of(profile("email", "buyer@example.com", "totalSpent", 100, "totalOrders", 1)),
                Fixtures.ids(), T0).ids().get(0);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private IngestOrders ingest(CustomerRepository c, Clock at) {
        return new IngestOrders(c, orders, Fixtures.ids(), at, Metrics.NONE, "INR");
    }

    private static Map<String, Object> orderRow(String id, long amount, String status) {
        return Fixtures.map("orderId", id, "customerEmail", "buyer@example.com", "amount", amount, "status", status,
                "orderedAt", "2025-05-30T10:00:00Z");
    }

    /** A customer store whose next {@code update} dies before writing (the process crashed there). */
    private static CustomerRepository crashingOnUpdate(CustomerRepository delegate, AtomicInteger crashes) {
        return new ForwardingCustomerRepository(delegate) {
            @Override
            public Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
                if (crashes.getAndDecrement() > 0) {
                    throw new IllegalStateException("process killed between storing the order and updating the customer");
                }
                return super.update(id, change);
            }
        };
    }

    /** A customer store whose {@code update} writes, then the process dies before the order is marked applied. */
    private static CustomerRepository crashingAfterUpdate(CustomerRepository delegate, AtomicInteger crashes) {
        return new ForwardingCustomerRepository(delegate) {
            @Override
            public Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
                Optional<Customer> written = super.update(id, change);
                if (crashes.getAndDecrement() > 0) {
                    throw new IllegalStateException("process killed after updating the customer");
                }
                return written;
            }
        };
    }

    private void assertCountedOnce(long extraMinor, long extraOrders) {
        Customer c = customers.findById(buyer).orElseThrow();
        assertThat(c.totalSpentMinor()).isEqualTo(100_00 + extraMinor);
        assertThat(c.orderCount()).isEqualTo(1 + extraOrders);
    }

    @Test
    void crashBetweenOrderAndCustomer_thenTheSameOrderAgain_countsItOnce() {
        AtomicInteger crashes = new AtomicInteger(1);
        assertThatThrownBy(() -> ingest(crashingOnUpdate(customers, crashes), clock).ingest(Rows.orders(
                List.of(orderRow("o-1", 250, "completed")), null))).hasMessageContaining("process killed");
        assertThat(orders.findById(OrderId.of("o-1"))).isPresent();
        assertThat(orders.findUnapplied(T0.plusSeconds(1), 10)).extracting(o -> o.id().value()).containsExactly("o-1");
        assertCountedOnce(0, 0);

        BulkResult again = ingest(customers, clock).ingest(Rows.orders(List.of(orderRow("o-1", 250, "completed")), null));
        assertThat(again.rejected()).isEmpty();
        assertCountedOnce(250_00, 1);
        assertThat(orders.findUnapplied(T0.plusSeconds(1), 10)).isEmpty();

        ingest(customers, clock).ingest(Rows.orders(List.of(orderRow("o-1", 250, "completed")), null));
        assertCountedOnce(250_00, 1);
    }

    @Test
    void crashBetweenOrderAndCustomer_thenTheReconciler_countsItOnce() {
        AtomicInteger crashes = new AtomicInteger(1);
        assertThatThrownBy(() -> ingest(crashingOnUpdate(customers, crashes), clock).ingest(Rows.orders(
                List.of(orderRow("o-2", 70, "completed")), null))).hasMessageContaining("process killed");
        assertCountedOnce(0, 0);

        Clock later = Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        OrderReconciler reconciler = new OrderReconciler(customers, orders, later, Duration.ofMinutes(1));
        assertThat(reconciler.runOnce(100)).isEqualTo(1);
        assertCountedOnce(70_00, 1);
        assertThat(reconciler.runOnce(100)).as("nothing left to do").isZero();
        ingest(customers, later).ingest(Rows.orders(List.of(orderRow("o-2", 70, "completed")), null));
        assertCountedOnce(70_00, 1);
    }

    @Test
    void crashAfterTheCustomerWrite_beforeTheAppliedMark_neverCountsTwice() {
        AtomicInteger crashes = new AtomicInteger(1);
        assertThatThrownBy(() -> ingest(crashingAfterUpdate(customers, crashes), clock).ingest(Rows.orders(
                List.of(orderRow("o-3", 40, "completed")), null))).hasMessageContaining("process killed");
        assertCountedOnce(40_00, 1);
        assertThat(orders.findUnapplied(T0.plusSeconds(1), 10)).hasSize(1);

        Clock later = Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        new OrderReconciler(customers, orders, later, Duration.ofMinutes(1)).runOnce(100);
        ingest(customers, later).ingest(Rows.orders(List.of(orderRow("o-3", 40, "completed")), null));
        assertCountedOnce(40_00, 1);
        assertThat(orders.findUnapplied(later.instant(), 10)).isEmpty();
    }

    @Test
    void aRefundAfterACrash_takesTheOrderBackOutExactlyOnce() {
        AtomicInteger crashes = new AtomicInteger(1);
        ingest(customers, clock).ingest(Rows.orders(List.of(orderRow("o-4", 90, "completed")), null));
        assertCountedOnce(90_00, 1);
        assertThatThrownBy(() -> ingest(crashingOnUpdate(customers, crashes), clock).ingest(Rows.orders(
                List.of(orderRow("o-4", 90, "refunded")), null))).hasMessageContaining("process killed");
        assertCountedOnce(90_00, 1);

        Clock later = Clock.fixed(T0.plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        new OrderReconciler(customers, orders, later, Duration.ofMinutes(1)).runOnce(100);
        new OrderReconciler(customers, orders, later, Duration.ofMinutes(1)).runOnce(100);
        ingest(customers, later).ingest(Rows.orders(List.of(orderRow("o-4", 90, "refunded")), null));
        assertCountedOnce(0, 0);
        assertThat(orders.findById(OrderId.of("o-4")).map(Order::status).orElseThrow().wire()).isEqualTo("refunded");
    }

    @Test
    void twoIngestionsRacingOnOneOrderId_storeOneOrder_andCountItOnce() {
        for (int round = 0; round < 10; round++) {
            String id = "race-" + round;
            List<BulkResult> results = Fixtures.concurrently(4, t ->
                    ingest(customers, clock).ingest(Rows.orders(List.of(orderRow(id, 10, "completed")), null)));
            assertThat(results).allSatisfy(r -> assertThat(r.rejected()).isEmpty());
            assertThat(results.stream().mapToInt(BulkResult::inserted).sum()).as("inserted once").isEqualTo(1);
        }
        assertCountedOnce(10 * 10_00, 10);
        assertThat(orders.countAll()).isEqualTo(10);
        assertThat(orders.findUnapplied(T0.plusSeconds(1), 100)).isEmpty();
    }
}
