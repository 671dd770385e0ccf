package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static io.minicrm.application.contract.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderItem;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link OrderRepository}: unique by order id with a race-safe insert, status changes by
 * compare-and-set, the "applied" mark that lets an interrupted ingestion be finished, newest-first paging.
 */
public abstract class OrderRepositoryContract {
    private static final CustomerId ANN = CustomerId.of("aaaaaaaaaaaaaaaaaaaaaaa1");
    private static final CustomerId BOB = CustomerId.of("bbbbbbbbbbbbbbbbbbbbbbb2");

    /** A fresh, empty repository. */
    protected abstract OrderRepository newRepository();

    protected OrderRepository repo;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    @Test
    void insertIfAbsent_insertsUnapplied_thenReturnsWhatIsStored() {
        Order first = new Order(OrderId.of("ORD-1"), ANN, Money.ofMinor(12_345), "INR",
                List.of(new OrderItem("sku-1", "Tea", 2, Money.ofMinor(5000))), OrderStatus.COMPLETED, NOW, NOW.plusSeconds(1));
        OrderRepository.Stored inserted = repo.insertIfAbsent(first);

        assertThat(inserted.inserted()).isTrue();
        assertThat(inserted.applied()).isFalse();
        assertThat(inserted.order()).isEqualTo(first);

        Order other = order("ORD-1", BOB, 99, OrderStatus.COMPLETED, NOW);
        OrderRepository.Stored again = repo.insertIfAbsent(other);
        assertThat(again.inserted()).isFalse();
        assertThat(again.order()).isEqualTo(first);
        assertThat(repo.findById(OrderId.of("ORD-1"))).contains(first);
        assertThat(repo.findById(OrderId.of("nope"))).isEmpty();
        assertThat(repo.countAll()).isEqualTo(1);
    }

    @Test
    void concurrentInsertsOfOneOrderId_insertExactlyOnce() {
        List<OrderRepository.Stored> results = concurrently(8,
                t -> repo.insertIfAbsent(order("race-1", ANN, 100 + t, OrderStatus.COMPLETED, NOW)));

        assertThat(results.stream().filter(OrderRepository.Stored::inserted)).hasSize(1);
        Order winner = results.stream().filter(OrderRepository.Stored::inserted).findFirst().orElseThrow().order();
        assertThat(results).allSatisfy(r -> assertThat(r.order()).isEqualTo(winner));
        assertThat(repo.findById(OrderId.of("race-1"))).contains(winner);
        assertThat(repo.countAll()).isEqualTo(1);
    }

    @Test
    void markApplied_marksOnlyTheStatusItWasGiven() {
        Order completed = order("o-1", ANN, 500, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(completed);

        repo.markApplied(new Order(completed.id(), ANN, completed.amount(), "INR", List.of(), OrderStatus.REFUNDED, NOW, NOW));
        assertThat(repo.insertIfAbsent(completed).applied()).isFalse();

        repo.markApplied(completed);
        assertThat(repo.insertIfAbsent(completed).applied()).isTrue();
        assertThat(repo.findUnapplied(NOW.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void replaceStatus_isCompareAndSet_andMakesTheOrderUnappliedAgain() {
        Order completed = order("o-2", ANN, 700, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(completed);
        repo.markApplied(completed);
        Order refunded = completed.reconcile(order("o-2", ANN, 700, OrderStatus.REFUNDED, NOW));

        assertThat(repo.replaceStatus(completed, refunded)).isTrue();
        assertThat(repo.findById(completed.id()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        OrderRepository.Stored stored = repo.insertIfAbsent(completed);
        assertThat(stored.applied()).isFalse();
        assertThat(stored.order().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(repo.findUnapplied(NOW.plusSeconds(60), 10)).extracting(Order::id).containsExactly(completed.id());

        Order cancelled = completed.reconcile(order("o-2", ANN, 700, OrderStatus.CANCELLED, NOW));
        assertThat(repo.replaceStatus(completed, cancelled)).as("stale expected status").isFalse();
        assertThat(repo.findById(completed.id()).orElseThrow().status()).isEqualTo(OrderStatus.REFUNDED);
        assertThat(repo.replaceStatus(order("ghost", ANN, 1, OrderStatus.COMPLETED, NOW),
                order("ghost", ANN, 1, OrderStatus.REFUNDED, NOW))).isFalse();
        assertThat(repo.findById(OrderId.of("ghost"))).isEmpty();
    }

    @Test
    void concurrentStatusChanges_exactlyOneWins() {
        Order completed = order("o-3", ANN, 900, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(completed);

        List<Boolean> won = concurrently(6, t -> repo.replaceStatus(completed, completed.reconcile(
                order("o-3", ANN, 900, t % 2 == 0 ? OrderStatus.REFUNDED : OrderStatus.CANCELLED, NOW))));

        assertThat(won.stream().filter(Boolean::booleanValue)).hasSize(1);
        assertThat(repo.findById(completed.id()).orElseThrow().status()).isIn(OrderStatus.REFUNDED, OrderStatus.CANCELLED);
    }

    @Test
    void findUnapplied_returnsOrdersReceivedBeforeTheCutoff_oldestFirst_upToTheLimit() {
        for (int i = 0; i < 5; i++) {
            Instant at = NOW.plusSeconds(i * 10L);
            repo.insertIfAbsent(new Order(OrderId.of("u-" + i), ANN, Money.ofMinor(100), "INR", List.of(),
                    OrderStatus.COMPLETED, at, at));
        }
        repo.markApplied(repo.findById(OrderId.of("u-1")).orElseThrow());

        assertThat(repo.findUnapplied(NOW.plusSeconds(35), 10)).extracting(o -> o.id().value())
                .containsExactly("u-0", "u-2", "u-3");
        assertThat(repo.findUnapplied(NOW.plusSeconds(1000), 2)).extracting(o -> o.id().value())
                .containsExactly("u-0", "u-2");
        assertThat(repo.findUnapplied(NOW, 10)).isEmpty();
    }

    @Test
    void quarantine_setsAnUnappliedOrderAsideWithItsReason_untilItsStatusChanges() {
        Order poison = order("q-1", ANN, 100, OrderStatus.COMPLETED, NOW);
        Order fine = order("q-2", ANN, 200, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(poison);
        repo.insertIfAbsent(fine);

        repo.quarantine(poison, "would pass the limit", NOW.plusSeconds(5));
        assertThat(repo.findUnapplied(NOW.plusSeconds(60), 10)).extracting(o -> o.id().value()).containsExactly("q-2");
        assertThat(repo.findQuarantined(10)).singleElement().satisfies(q -> {
            assertThat(q.order()).isEqualTo(poison);
            assertThat(q.reason()).isEqualTo("would pass the limit");
            assertThat(q.at()).isEqualTo(NOW.plusSeconds(5));
        });
        assertThat(repo.insertIfAbsent(poison).applied()).as("still unapplied").isFalse();

        Order refunded = poison.reconcile(order("q-1", ANN, 100, OrderStatus.REFUNDED, NOW));
        assertThat(repo.replaceStatus(poison, refunded)).isTrue();
        assertThat(repo.findQuarantined(10)).isEmpty();
        assertThat(repo.findUnapplied(NOW.plusSeconds(60), 10)).extracting(o -> o.id().value()).containsExactly("q-1", "q-2");

        repo.quarantine(fine, "x", NOW);
        repo.markApplied(fine);
        assertThat(repo.findQuarantined(10)).as("applying lifts it").isEmpty();
        repo.quarantine(fine, "too late", NOW);
        assertThat(repo.findQuarantined(10)).as("an applied order is never quarantined").isEmpty();
    }

    @Test
    void discard_removesOnlyAnUnappliedOrderWithTheGivenStatus() {
        Order o = order("d-1", ANN, 100, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(o);
        assertThat(repo.discard(new Order(o.id(), ANN, o.amount(), "INR", List.of(), OrderStatus.REFUNDED, NOW, NOW)))
                .isFalse();
        assertThat(repo.discard(o)).isTrue();
        assertThat(repo.findById(o.id())).isEmpty();
        assertThat(repo.discard(o)).isFalse();

        Order applied = order("d-2", ANN, 100, OrderStatus.COMPLETED, NOW);
        repo.insertIfAbsent(applied);
        repo.markApplied(applied);
        assertThat(repo.discard(applied)).isFalse();
        assertThat(repo.findById(applied.id())).isPresent();
    }

    @Test
    void list_isNewestFirst_pagedWithCursors_optionallyForOneCustomer() {
        List<String> annOrders = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            CustomerId who = i % 3 == 0 ? BOB : ANN;
            Instant at = NOW.plusSeconds(i);
            repo.insertIfAbsent(new Order(OrderId.of("p-" + i), who, Money.ofMinor(i), "INR", List.of(),
                    OrderStatus.COMPLETED, at, at));
            all.add(0, "p-" + i);
            if (who.equals(ANN)) {
                annOrders.add(0, "p-" + i);
            }
        }
        assertThat(readAll(Optional.empty(), 4)).containsExactlyElementsOf(all);
        assertThat(readAll(Optional.of(ANN), 3)).containsExactlyElementsOf(annOrders);
        assertThat(repo.list(Optional.of(CustomerId.of("nobody")), PageRequest.first(5)).items()).isEmpty();
        assertThat(repo.countAll()).isEqualTo(13);
    }

    @Test
    void aMalformedCursor_isBadInput() {
        repo.insertIfAbsent(order("x-1", ANN, 1, OrderStatus.COMPLETED, NOW));
        assertThatThrownBy(() -> repo.list(Optional.empty(), new PageRequest("%%% not a cursor %%%", 5)))
                .isInstanceOf(ValidationException.class);
    }

    private List<String> readAll(Optional<CustomerId> customer, int pageSize) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            Page<Order> page = repo.list(customer, new PageRequest(cursor, pageSize));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(o -> out.add(o.id().value()));
            cursor = page.nextCursor();
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError("paging did not end");
    }
}
