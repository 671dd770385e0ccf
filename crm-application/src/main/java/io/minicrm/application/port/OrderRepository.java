package io.minicrm.application.port;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Orders, unique by order id. Each stored order carries an "applied" mark: whether the customer's
 * aggregates already reflect its current status. Ingestion stores the order unapplied, updates the
 * customer, then marks it applied; a crash in between leaves it unapplied, and
 * {@link #findUnapplied} finds it again (applying is idempotent per order id).
 */
public interface OrderRepository {

    /** The stored order and whether this call inserted it. */
    record Stored(Order order, boolean inserted, boolean applied) {
    }

    /** Inserts the order (unapplied) if its id is new; otherwise returns what is stored. Race-safe. */
    Stored insertIfAbsent(Order order);

    /**
     * Replaces the order's status with {@code next}'s if the stored status is still {@code expected}
     * (and marks it unapplied). False when the stored status changed meanwhile.
     */
    boolean replaceStatus(Order expected, Order next);

    /** Marks the order applied if its stored status is still {@code status} of {@code order}. */
    void markApplied(Order order);

    /** Unapplied orders received before {@code before}, oldest first. */
    List<Order> findUnapplied(Instant before, int limit);

    Optional<Order> findById(OrderId id);

    /** Orders, newest first, optionally of one customer. */
    Page<Order> list(Optional<CustomerId> customer, PageRequest page);

    long countAll();
}
