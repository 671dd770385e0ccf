package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Ids;

/** Identity of a customer (1..64 chars of [A-Za-z0-9_-]). */
public record CustomerId(String value) implements Comparable<CustomerId> {
    public CustomerId {
        Ids.require(value, "customer id");
    }

    /** The id, validated (1 to 64 letters, digits, {@code _} or {@code -}). */
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public int compareTo(CustomerId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
