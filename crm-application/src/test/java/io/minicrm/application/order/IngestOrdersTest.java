package io.minicrm.application.order;

import static io.minicrm.application.contract.Fixtures.concurrently;
import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.application.testing.TestClock;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IngestOrdersTest {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-01T12:00:00Z"));
    /** Fault injection: the next customer update throws (a crash after the order was stored). */
    private final AtomicBoolean failNextUpdate = new AtomicBoolean();
    /** Fault injection: runs just before the next customer update reaches the store (an interleaving). */
    private final AtomicReference<Runnable> beforeNextUpdate = new AtomicReference<>();
    private final Crm crm = Crm.builder().clock(clock).orderGrace(Duration.ofMinutes(1))
            .customers(store -> new ForwardingCustomerRepository(store) {
                @Override
                public Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
                    Runnable hook = beforeNextUpdate.getAndSet(null);
                    if (hook != null) {
                        hook.run();
                    }
                    if (failNextUpdate.compareAndSet(true, false)) {
                        throw new IllegalStateException("store connection lost");
                    }
                    return super.update(id, change);
                }
            }).build();
    private final IngestOrders ingest = crm.services.ingestOrders();
    private String annId;

    @BeforeEach
    void customers() {
        annId = crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "ann@example.com", "totalSpent", 100,
                "totalOrders", 1), map("email", "bob@example.com")))).ids().get(0);
    }

    @AfterEach
    void close() {
        crm.close();
    }

    private Customer ann() {
        return crm.stores.customers().findByEmail(Email.of("ann@example.com")).orElseThrow();
    }

    private static Map<String, Object> order(String id, Object amount, String status) {
        return map("orderId", id, "customerEmail", "ann@example.com", "amount", amount, "status", status,
                "orderedAt", "2025-05-30T10:00:00Z");
    }

    @Test
    void ordersAreAppliedToTheirCustomers_byEmailOrById() {
        BulkResult r = ingest.ingest(Rows.orders(List.of(order("o-1", 250.50, "completed"),
                map("orderId", "o-2", "customerId", annId, "amount", 49.5)), null));

        assertThat(r.inserted()).isEqualTo(2);
        assertThat(r.rejected()).isEmpty();
        assertThat(r.ids()).containsExactly("o-1", "o-2");
        Customer ann = ann();
        assertThat(ann.totalSpentMinor()).isEqualTo(10_000 + 25_050 + 4_950);
        assertThat(ann.orderCount()).isEqualTo(3);
        assertThat(ann.lastOrderAt()).isNotNull();
        assertThat(crm.services.orders().list(Optional.of(ann.id()), PageRequest.first(10)).items()).hasSize(2);
        assertThat(crm.stores.orders().findUnapplied(clock.instant().plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void theSameOrderAgain_changesNothing() {
        ingest.ingest(Rows.orders(List.of(order("o-1", 250, "completed")), null));
        Customer once = ann();

        BulkResult again = ingest.ingest(Rows.orders(List.of(order("o-1", 250, "completed"), order("o-1", 250, "completed")), null));

        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.inserted()).isZero();
        assertThat(ann()).isEqualTo(once);
        assertThat(crm.stores.orders().countAll()).isEqualTo(1);
    }

    @Test
    void anOrderOfAnUnknownCustomer_isARowError_theOthersAreWritten() {
        BulkResult r = ingest.ingest(Rows.orders(List.of(
                order("o-1", 10, "completed"),
                map("orderId", "o-2", "customerEmail", "nobody@example.com", "amount", 5),
                map("orderId", "o-3", "customerId", "ffffffffffffffffffffffff", "amount", 5),
                map("orderId", "o-4", "customerEmail", "ann@example.com", "amount", "abc"),
                order("o-5", 20, "completed")), null));

        assertThat(r.accepted()).isEqualTo(2);
        assertThat(r.rejected()).extracting(RowError::index).containsExactly(1, 2, 3);
        assertThat(r.rejected().get(0).errors()).extracting(Problem::path).containsExactly("/customerEmail");
        assertThat(r.rejected().get(1).errors()).extracting(Problem::path).containsExactly("/customerId");
        assertThat(r.rejected().get(2).errors()).extracting(Problem::path).containsExactly("/amount");
        assertThat(r.ids()).containsExactly("o-1", null, null, null, "o-5");
        assertThat(crm.stores.orders().findById(OrderId.of("o-2"))).isEmpty();
        assertThat(ann().orderCount()).isEqualTo(3);
    }

    @Test
    void aRefundTakesTheOrderBackOut_andStaysFinal() {
        ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null));
        assertThat(ann().totalSpentMinor()).isEqualTo(40_000);

        BulkResult refund = ingest.ingest(Rows.orders(List.of(order("o-1", 300, "refunded")), null));

        assertThat(refund.updated()).isEqualTo(1);
        assertThat(ann().totalSpentMinor()).isEqualTo(10_000);
        assertThat(ann().orderCount()).isEqualTo(1);
        assertThat(crm.stores.orders().findById(OrderId.of("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);

        assertThat(ingest.ingest(Rows.orders(List.of(order("o-1", 300, "refunded")), null)).unchanged()).isEqualTo(1);
        BulkResult back = ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null));
        assertThat(back.rejected()).singleElement().satisfies(e -> assertThat(e.errors())
                .extracting(Problem::path).containsExactly("/orderId"));
        assertThat(ann().totalSpentMinor()).isEqualTo(10_000);
    }

    @Test
    void reusingAnOrderIdForADifferentOrder_isARowError() {
        ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null));

        BulkResult r = ingest.ingest(Rows.orders(List.of(order("o-1", 999, "completed"),
                map("orderId", "o-1", "customerEmail", "bob@example.com", "amount", 300)), null));

        assertThat(r.rejected()).extracting(RowError::index).containsExactly(0, 1);
        assertThat(r.rejected().get(0).errors().get(0).message()).contains("different");
        assertThat(crm.stores.orders().findById(OrderId.of("o-1")).orElseThrow().amount().minor()).isEqualTo(30_000);
        assertThat(ann().totalSpentMinor()).isEqualTo(40_000);
    }

    @Test
    void anOrderSentWithoutIdButWithAnIdempotencyKey_isIdempotent() {
        Map<String, Object> noId = map("customerEmail", "ann@example.com", "amount", 10);
        ingest.ingest(Rows.orders(List.of(noId), "key-123"));
        ingest.ingest(Rows.orders(List.of(noId), "key-123"));

        assertThat(crm.stores.orders().findById(OrderId.of("key-123"))).isPresent();
        assertThat(ann().orderCount()).isEqualTo(2);
    }

    @Test
    void aCrashBetweenStoringTheOrderAndUpdatingTheCustomer_isRepairedByTheReconciler_once() {
        failNextUpdate.set(true);
        assertThatThrownBy(() -> ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ann().orderCount()).as("nothing applied yet").isEqualTo(1);
        assertThat(crm.stores.orders().findById(OrderId.of("o-1"))).isPresent();

        OrderReconciler reconciler = crm.services.orderReconciler();
        assertThat(reconciler.runOnce(100)).as("within the grace period an ingestion may still be running").isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(reconciler.runOnce(100)).isEqualTo(1);
        assertThat(ann().totalSpentMinor()).isEqualTo(40_000);
        assertThat(ann().orderCount()).isEqualTo(2);

        assertThat(reconciler.runOnce(100)).isZero();
        assertThat(ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null)).unchanged()).isEqualTo(1);
        assertThat(ann().orderCount()).as("no double count").isEqualTo(2);
    }

    @Test
    void aCrashedIngestion_retriedByTheClient_isFinishedByTheRetry_once() {
        failNextUpdate.set(true);
        assertThatThrownBy(() -> ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null)))
                .isInstanceOf(IllegalStateException.class);

        BulkResult retry = ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null));

        assertThat(retry.unchanged()).isEqualTo(1);
        assertThat(ann().orderCount()).isEqualTo(2);
        clock.advance(Duration.ofMinutes(2));
        assertThat(crm.services.orderReconciler().runOnce(100)).isZero();
        assertThat(ann().orderCount()).isEqualTo(2);
    }

    @Test
    void aRefundRacingTheOriginalOrder_leavesTheOrderOutOfTheTotals() {
        // the original ingestion stored the order and is about to update the customer when the refund arrives
        beforeNextUpdate.set(() -> ingest.ingest(Rows.orders(List.of(order("o-1", 300, "refunded")), null)));

        ingest.ingest(Rows.orders(List.of(order("o-1", 300, "completed")), null));

        assertThat(crm.stores.orders().findById(OrderId.of("o-1")).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(ann().hasCounted("o-1")).isFalse();
        assertThat(ann().totalSpentMinor()).isEqualTo(10_000);
        assertThat(ann().orderCount()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(2));
        crm.services.orderReconciler().runOnce(100);
        assertThat(ann().orderCount()).isEqualTo(1);
    }

    @Test
    void concurrentIngestionsOfTheSameOrders_countEachOrderOnce() {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(order("c-" + i, 1, "completed"));
        }
        concurrently(6, t -> ingest.ingest(Rows.orders(rows, null)));

        assertThat(ann().orderCount()).isEqualTo(51);
        assertThat(ann().totalSpentMinor()).isEqualTo(10_000 + 50 * 100);
        assertThat(crm.stores.orders().countAll()).isEqualTo(50);
    }

    private static final String MAX = "10000000000000";

    @Test
    void anOrderThatWouldPassTheLimit_isRejectedBeforeAnythingIsWritten() {
        // issue 12 #5: two orders of 10^13 for one customer; the second was stored anyway and never applied
        BulkResult first = ingest.ingest(Rows.orders(List.of(order("big-1", "9999999999900", "completed")), null));
        assertThat(first.accepted()).isEqualTo(1);

        BulkResult second = ingest.ingest(Rows.orders(List.of(order("big-2", MAX, "completed")), null));

        assertThat(second.accepted()).isZero();
        assertThat(second.rejected()).singleElement().satisfies(e -> {
            assertThat(e.errors().get(0).path()).isEqualTo("/amount");
            assertThat(e.errors().get(0).message()).contains("past " + MAX).contains("nothing was written");
        });
        assertThat(crm.stores.orders().findById(OrderId.of("big-2"))).as("nothing written").isEmpty();
        assertThat(ann().totalSpent()).isEqualByComparingTo(MAX);
        clock.advance(Duration.ofMinutes(2));
        assertThat(crm.services.orderReconciler().runOnce(100)).as("nothing left for the reconciler").isZero();
    }

    @Test
    void rowsOfOneRequest_shareTheRoom_andAnOrderAlreadyCountedNeedsNone() {
        ingest.ingest(Rows.orders(List.of(order("a-1", "9999999999800", "completed")), null));
        BulkResult r = ingest.ingest(Rows.orders(List.of(order("a-2", "60", "completed"), order("a-3", "60", "completed"),
                order("a-1", "9999999999800", "completed"), order("a-4", "40", "completed")), null));

        assertThat(r.rejected()).extracting(RowError::index).containsExactly(1);
        assertThat(r.accepted()).isEqualTo(3);
        assertThat(crm.stores.orders().findById(OrderId.of("a-3"))).isEmpty();
        assertThat(ann().totalSpent()).isEqualByComparingTo(MAX);
    }

    @Test
    void aConcurrentIngestionThatTakesTheRoomFirst_leavesTheRejectedOrderUnwritten() {
        ingest.ingest(Rows.orders(List.of(order("r-1", "9999999999890", "completed")), null));
        // between the check and the customer update, another ingestion fills the room
        beforeNextUpdate.set(() -> ingest.ingest(Rows.orders(List.of(order("r-2", "9", "completed")), null)));

        BulkResult r = ingest.ingest(Rows.orders(List.of(order("r-3", "5", "completed")), null));

        assertThat(r.rejected()).singleElement().satisfies(e -> assertThat(e.errors().get(0).path()).isEqualTo("/amount"));
        assertThat(crm.stores.orders().findById(OrderId.of("r-3"))).as("taken back out").isEmpty();
        assertThat(crm.stores.orders().findById(OrderId.of("r-2"))).isPresent();
        assertThat(ann().totalSpent()).isEqualByComparingTo("9999999999999");
    }

    @Test
    void anOrderTheReconcilerCannotApply_isQuarantinedWithItsReason_andNotTriedEveryRun() {
        // what an earlier version left behind: an order stored, unapplied, that no longer fits
        ingest.ingest(Rows.orders(List.of(order("fill", "9999999999900", "completed")), null));
        Customer full = ann();
        Order stuck = new Order(OrderId.of("stuck"), full.id(), io.minicrm.domain.customer.Money.of(STUCK_AMOUNT),
                "INR", List.of(), OrderStatus.COMPLETED, clock.instant(), clock.instant());
        crm.stores.orders().insertIfAbsent(stuck);
        Order fine = new Order(OrderId.of("fine"), crm.stores.customers().findByEmail(Email.of("bob@example.com"))
                .orElseThrow().id(), io.minicrm.domain.customer.Money.of(5), "INR", List.of(), OrderStatus.COMPLETED,
                clock.instant(), clock.instant());
        crm.stores.orders().insertIfAbsent(fine);
        clock.advance(Duration.ofMinutes(2));

        assertThat(crm.services.orderReconciler().runOnce(100)).isEqualTo(2);

        assertThat(crm.services.orderReconciler().quarantined(10)).singleElement().satisfies(q -> {
            assertThat(q.order().id().value()).isEqualTo("stuck");
            assertThat(q.reason()).contains("past " + MAX);
        });
        assertThat(crm.stores.customers().findByEmail(Email.of("bob@example.com")).orElseThrow().orderCount())
                .as("the others are applied").isEqualTo(1);
        assertThat(crm.services.orderReconciler().runOnce(100)).as("not tried again").isZero();
        assertThat(ann().totalSpent()).isEqualByComparingTo(MAX);
    }

    private static final java.math.BigDecimal STUCK_AMOUNT = new java.math.BigDecimal("1000");

    @Test
    void anEmptyOrOversizedRequest_isRejectedAsAWhole() {
        assertThatThrownBy(() -> ingest.ingest(Rows.orders(List.of(), null))).isInstanceOf(ValidationException.class);
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i <= IngestOrders.MAX_ROWS; i++) {
            tooMany.add(order("x" + i, 1, "completed"));
        }
        assertThatThrownBy(() -> ingest.ingest(Rows.orders(tooMany, null))).isInstanceOf(ValidationException.class);
        assertThat(crm.stores.orders().countAll()).isZero();
    }

    @Test
    void ordersAreListedNewestFirst() {
        for (int i = 0; i < 5; i++) {
            ingest.ingest(Rows.orders(List.of(order("l-" + i, 1, "completed")), null));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(crm.services.orders().list(Optional.empty(), PageRequest.first(3)).items()).extracting(Order::id)
                .extracting(OrderId::value).containsExactly("l-4", "l-3", "l-2");
    }
}
