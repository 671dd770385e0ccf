package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.ValidationException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Finishes order ingestions that a crash interrupted: orders stored but not yet reflected in their
 * customer's aggregates (older than a grace period, so in-flight ingestions are left alone) are applied
 * again. Idempotent, so it can run on every instance.
 *
 * <p>An order that cannot be applied at all (counting it would take the customer's total spent past the
 * limit) is quarantined with the reason: it stays unapplied, is listed by
 * {@link OrderRepository#findQuarantined}, and is not tried again, so one bad order never fails every run.
 */
public final class OrderReconciler {
    private static final System.Logger LOG = System.getLogger(OrderReconciler.class.getName());
    private final OrderRepository orders;
    private final OrderApplier applier;
    private final Clock clock;
    private final Duration grace;

    public OrderReconciler(CustomerRepository customers, OrderRepository orders, Clock clock, Duration grace) {
        this.orders = orders;
        this.applier = new OrderApplier(customers, orders, clock);
        this.clock = clock;
        this.grace = grace;
    }

    /** Applies (or quarantines) up to {@code limit} unapplied orders; returns how many it handled. */
    public int runOnce(int limit) {
        List<Order> stale = orders.findUnapplied(clock.instant().minus(grace), limit);
        int quarantined = 0;
        for (Order o : stale) {
            try {
                applier.apply(o);
            } catch (ValidationException | DomainException e) {
                orders.quarantine(o, e.getMessage(), clock.instant());
                quarantined++;
                LOG.log(Level.WARNING, "order " + o.id() + " quarantined: it cannot be applied to customer " + o.customerId() + ": " + e.getMessage());
            }
        }
        if (stale.size() > quarantined) {
            LOG.log(Level.INFO, "re-applied " + (stale.size() - quarantined) + " order(s) left unapplied by an interrupted ingestion");
        }
        return stale.size();
    }

    /** The orders set aside because they cannot be applied, oldest first. */
    public List<OrderRepository.Quarantined> quarantined(int limit) {
        return orders.findQuarantined(limit);
    }
}
