package io.minicrm.domain.order;

import io.minicrm.domain.shared.ValidationException;

/** The client's order id: the idempotency key of order ingestion (1..128 printable characters, no '$'). */
public record OrderId(String value) {
    public OrderId {
        if (value == null || value.isBlank()) {
            throw new ValidationException("", "order id is required");
        }
        if (value.length() > 128) {
            throw new ValidationException("", "order id longer than 128 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '$') {
                throw new ValidationException("", "order id may hold only printable ASCII without spaces or '$'");
            }
        }
    }

    /** The id, validated. */
    public static OrderId of(String value) {
        return new OrderId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
