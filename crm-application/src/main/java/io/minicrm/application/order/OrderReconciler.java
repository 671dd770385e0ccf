package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.domain.order.Order;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes order ingestions that a crash interrupted: orders stored but not yet reflected in their
 * customer's aggregates (older than a grace period, so in-flight ingestions are left alone) are applied
 * again. Idempotent, so it can run on every instance.
 */
public final class OrderReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(OrderReconciler.class);
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

    /** Applies up to {@code limit} unapplied orders; returns how many. */
    public int runOnce(int limit) {
        List<Order> stale = orders.findUnapplied(clock.instant().minus(grace), limit);
        for (Order o : stale) {
            applier.apply(o);
        }
        if (!stale.isEmpty()) {
            LOG.info("re-applied {} order(s) left unapplied by an interrupted ingestion", stale.size());
        }
        return stale.size();
    }
}
