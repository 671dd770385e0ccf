package io.minicrm.application.order;

import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import java.util.Optional;

/** Reading orders. */
public final class OrderQueries {
    private final OrderRepository orders;

    public OrderQueries(OrderRepository orders) {
        this.orders = orders;
    }

    /** Newest first, optionally of one customer. */
    public Page<Order> list(Optional<CustomerId> customer, PageRequest page) {
        return orders.list(customer, page);
    }
}
