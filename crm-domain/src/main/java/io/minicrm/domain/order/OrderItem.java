package io.minicrm.domain.order;

import io.minicrm.domain.customer.Money;
import java.util.Objects;

/** One line of an order. */
public record OrderItem(String productId, String name, int quantity, Money price) {
    public OrderItem {
        Objects.requireNonNull(price, "price");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
    }
}
