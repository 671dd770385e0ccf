package io.minicrm.adapter.http.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.minicrm.domain.customer.Customer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A customer as the API returns it, with the old frontend's names beside ours: {@code _id},
 * {@code totalOrders}, {@code firstPurchaseDate} and {@code lastPurchaseDate}. A fact nobody gave
 * ({@code visits}, {@code phone}, a date, ...) is {@code null}.
 */
@JsonPropertyOrder({"id", "_id"})
public record CustomerJson(String id, @JsonProperty("_id") String legacyId, String email, String name, String phone,
                           String city, List<String> tags, Long visits, Instant lastActiveAt, boolean optedOut,
                           Map<String, Object> attributes, BigDecimal totalSpent, long orderCount, long totalOrders,
                           Instant firstOrderAt, Instant lastOrderAt, Instant firstPurchaseDate, Instant lastPurchaseDate,
                           Instant createdAt, Instant updatedAt) {

    public static CustomerJson from(Customer c) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        c.attributes().asMap().forEach((k, v) -> attributes.put(k, v.raw()));
        return new CustomerJson(c.id().value(), c.id().value(), c.email().value(), c.name(), c.phone(), c.city(),
                List.copyOf(c.tags()), c.visits(), c.lastActiveAt(), c.optedOut(), attributes,
                c.totalSpent(), c.orderCount(), c.orderCount(), c.firstOrderAt(), c.lastOrderAt(),
                c.firstOrderAt(), c.lastOrderAt(), c.createdAt(), c.updatedAt());
    }
}
