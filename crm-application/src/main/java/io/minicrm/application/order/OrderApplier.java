package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.domain.order.Order;
import java.time.Clock;
import java.util.Optional;

/**
 * Brings a customer's aggregates in line with one stored order, then marks the order applied.
 * Safe to repeat at any point (the customer counts each order id once), which is what makes a crash
 * between the two writes harmless.
 *
 * <p>After writing the customer it reads the order's stored status again: when another ingestion changed
 * it meanwhile (a refund racing the original order), the current status is applied too. So the last
 * customer write always reflects the order's last status, whatever the interleaving.
 */
public final class OrderApplier {
    private static final int MAX_ROUNDS = 10;

    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final Clock clock;

    public OrderApplier(CustomerRepository customers, OrderRepository orders, Clock clock) {
        this.customers = customers;
        this.orders = orders;
        this.clock = clock;
    }

    public void apply(Order order) {
        Order current = order;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Order applying = current;
            customers.update(applying.customerId(), c -> c.applyOrder(applying, clock.instant()));
            orders.markApplied(applying);
            Optional<Order> stored = orders.findById(applying.id());
            if (stored.isEmpty() || stored.get().status() == applying.status()) {
                return;
            }
            current = stored.get();
        }
        // still changing: the order stays unapplied and the reconciler finishes it
    }
}
