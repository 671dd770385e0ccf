package io.minicrm.domain.order;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.Times;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An order of a known customer. Identified by the client's order id, which makes ingestion
 * idempotent: the same id never counts twice.
 */
public record Order(OrderId id, CustomerId customerId, Money amount, String currency, List<OrderItem> items,
                    OrderStatus status, Instant orderedAt, Instant receivedAt) {
    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(status, "status");
        items = items == null ? List.of() : List.copyOf(items);
        orderedAt = Times.millis(Objects.requireNonNull(orderedAt, "orderedAt"));
        receivedAt = Times.millis(receivedAt == null ? orderedAt : receivedAt);
    }

    /**
     * The stored order after the same order id was ingested again as {@code incoming}. Same content:
     * unchanged. A completed order may become cancelled or refunded. Any other difference is a
     * conflict: an order id is an idempotency key and cannot be reused for a different order.
     */
    public Order reconcile(Order incoming) {
        if (!incoming.id.equals(id)) {
            throw new IllegalArgumentException("different order ids");
        }
        if (!incoming.customerId.equals(customerId) || !incoming.amount.equals(amount)
                || !incoming.currency.equals(currency)) {
            throw new DomainException("order-conflict", "order " + id
                    + " already exists with a different customer, amount or currency");
        }
        if (incoming.status == status) {
            return this;
        }
        if (status.isFinal()) {
            throw new DomainException("order-conflict", "order " + id + " is " + status.wire()
                    + " and cannot become " + incoming.status.wire());
        }
        return new Order(id, customerId, amount, currency, items, incoming.status, orderedAt, receivedAt);
    }
}
