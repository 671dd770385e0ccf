package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.order.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the API returns it; {@code id} is the client's order id. {@code customerId} is the customer
 * populated as the original service did ({@code {id, _id, name, email}}; the old frontend shows
 * {@code customerId.name}).
 */
@JsonPropertyOrder({"id", "_id"})
public record OrderJson(String id, @JsonProperty("_id") String legacyId, String orderId, CustomerRef customerId,
                        BigDecimal amount, String currency, List<Item> items, String status, Instant orderedAt,
                        Instant receivedAt) {

    public record Item(String productId, String name, int quantity, BigDecimal price) {
    }

    /** The order's customer: id (also as {@code _id}), name and e-mail; name and e-mail null if it is gone. */
    @JsonPropertyOrder({"id", "_id"})
    public record CustomerRef(String id, @JsonProperty("_id") String legacyId, String name, String email) {
    }

    /** @param customer the order's customer, or null when it cannot be found */
    public static OrderJson from(Order o, Customer customer) {
        List<Item> items = o.items().stream()
                .map(i -> new Item(i.productId(), i.name(), i.quantity(), i.price().toBigDecimal())).toList();
        String cid = o.customerId().value();
        CustomerRef ref = new CustomerRef(cid, cid, customer == null ? null : customer.name(),
                customer == null ? null : customer.email().value());
        return new OrderJson(o.id().value(), o.id().value(), o.id().value(), ref, o.amount().toBigDecimal(), o.currency(),
                items, o.status().wire(), o.orderedAt(), o.receivedAt());
    }
}
