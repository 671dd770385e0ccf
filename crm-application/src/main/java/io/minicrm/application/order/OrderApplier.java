package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.domain.order.Order;
import java.time.Clock;

/**
 * Brings a customer's aggregates in line with one stored order, then marks the order applied.
 * Safe to repeat at any point (the customer counts each order id once), which is what makes a crash
 * between the two writes harmless.
 */
public final class OrderApplier {
    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final Clock clock;

    public OrderApplier(CustomerRepository customers, OrderRepository orders, Clock clock) {
        this.customers = customers;
        this.orders = orders;
        this.clock = clock;
    }

    public void apply(Order order) {
        customers.update(order.customerId(), c -> c.applyOrder(order, clock.instant()));
        orders.markApplied(order);
    }
}
