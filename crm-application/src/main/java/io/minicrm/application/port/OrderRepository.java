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

    /** Unapplied orders received before {@code before}, oldest first; quarantined ones are left out. */
    List<Order> findUnapplied(Instant before, int limit);

    /** An order that cannot be applied, set aside with the reason and when. */
    record Quarantined(Order order, String reason, Instant at) {
    }

    /**
     * Removes the order if it is stored unapplied with {@code order}'s status: undoes the insert of an order
     * whose ingestion was refused. Returns whether it was removed.
     */
    boolean discard(Order order);

    /**
     * Sets an unapplied order aside with the reason it cannot be applied, if its stored status is still
     * {@code order}'s: {@link #findUnapplied} no longer returns it, {@link #findQuarantined} does. A later status
     * change ({@link #replaceStatus}) or applying it ({@link #markApplied}) lifts the quarantine.
     */
    void quarantine(Order order, String reason, Instant at);

    /** Quarantined orders, oldest first. */
    List<Quarantined> findQuarantined(int limit);

    Optional<Order> findById(OrderId id);

    /** Orders, newest first, optionally of one customer. */
    Page<Order> list(Optional<CustomerId> customer, PageRequest page);

    long countAll();
}
