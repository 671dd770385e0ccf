package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Times;
import java.time.Instant;
import java.util.Objects;

/**
 * Purchase aggregates: amount spent, number of orders, first and last order time.
 * A customer has two: the history imported from another system (a baseline), and the one
 * accumulated from orders ingested here; the customer's totals are their sum.
 */
public record PurchaseHistory(Money spent, long orders, Instant firstOrderAt, Instant lastOrderAt) {
    /** No orders, nothing spent. */
    public static final PurchaseHistory NONE = new PurchaseHistory(Money.ZERO, 0, null, null);

    public PurchaseHistory {
        Objects.requireNonNull(spent, "spent");
        if (orders < 0) {
            throw new IllegalArgumentException("orders must not be negative");
        }
        firstOrderAt = Times.millis(firstOrderAt);
        lastOrderAt = Times.millis(lastOrderAt);
    }

    /** This history with one more order. */
    PurchaseHistory plus(Money amount, Instant at) {
        return new PurchaseHistory(spent.plus(amount), orders + 1, earliest(firstOrderAt, at), latest(lastOrderAt, at));
    }

    /** This history with one order taken back out (its dates stay: they record when activity happened). */
    PurchaseHistory minus(Money amount) {
        return new PurchaseHistory(spent.minus(amount), Math.max(0, orders - 1), firstOrderAt, lastOrderAt);
    }

    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
