package io.minicrm.domain.order;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A validated ingested order whose customer is not yet resolved. {@code id} is null when the client
 * gave neither an order id nor an idempotency key; {@code orderedAt} is null when not given (now).
 */
public record OrderRequest(OrderId id, CustomerRef customer, Money amount, String currency, List<OrderItem> items,
                           OrderStatus status, Instant orderedAt) {
    public OrderRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** The order for a resolved customer. */
    public Order toOrder(OrderId resolvedId, CustomerId customerId, Instant now) {
        return new Order(resolvedId, customerId, amount, currency, items, status, orderedAt == null ? now : orderedAt, now);
    }
}
