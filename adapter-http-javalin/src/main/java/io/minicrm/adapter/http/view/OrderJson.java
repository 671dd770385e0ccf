package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.domain.order.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order as the API returns it; {@code id} is the client's order id. */
@JsonPropertyOrder({"id", "_id"})
public record OrderJson(String id, @JsonProperty("_id") String legacyId, String orderId, String customerId,
                        BigDecimal amount, String currency, List<Item> items, String status, Instant orderedAt,
                        Instant receivedAt) {

    public record Item(String productId, String name, int quantity, BigDecimal price) {
    }

    public static OrderJson from(Order o) {
        List<Item> items = o.items().stream()
                .map(i -> new Item(i.productId(), i.name(), i.quantity(), i.price().toBigDecimal())).toList();
        return new OrderJson(o.id().value(), o.id().value(), o.id().value(), o.customerId().value(),
                o.amount().toBigDecimal(), o.currency(), items, o.status().wire(), o.orderedAt(), o.receivedAt());
    }
}
