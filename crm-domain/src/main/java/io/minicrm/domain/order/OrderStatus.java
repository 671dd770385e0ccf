package io.minicrm.domain.order;

import java.util.Locale;
import java.util.Optional;

/**
 * Status of an order. Only {@link #COMPLETED} orders count in a customer's aggregates; an order
 * ingested again as {@link #CANCELLED} or {@link #REFUNDED} is taken back out. Cancelled and refunded
 * are final: such an order cannot become completed again.
 */
public enum OrderStatus {
    /** Paid and kept: counts in the customer's totals. */
    COMPLETED,
    /** Cancelled: does not count. */
    CANCELLED,
    /** Refunded: does not count. */
    REFUNDED;

    /** The name in the API ({@code completed}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this API name (any case), if any. */
    public static Optional<OrderStatus> fromWire(String s) {
        for (OrderStatus st : values()) {
            if (st.wire().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return Optional.of(st);
            }
        }
        return Optional.empty();
    }

    /** Whether the order can change no more (cancelled or refunded). */
    public boolean isFinal() {
        return this != COMPLETED;
    }
}
