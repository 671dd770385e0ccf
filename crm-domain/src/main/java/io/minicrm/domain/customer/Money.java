package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * An exact, non-negative amount in the store's currency, held in minor units (1/100).
 * At most 10^13 major units, so sums of many amounts never overflow a long.
 */
public record Money(long minor) implements Comparable<Money> {
    /** Nothing. */
    public static final Money ZERO = new Money(0);
    /** Largest amount in minor units (10^13 major units). */
    public static final long MAX_MINOR = 1_000_000_000_000_000L;
    /** The largest amount as text, for messages. */
    public static final String MAX_MAJOR_TEXT = "10000000000000";
    private static final BigDecimal MAX_MAJOR = BigDecimal.valueOf(MAX_MINOR, 2);

    public Money {
        if (minor < 0) {
            throw new ValidationException("", "amount must not be negative");
        }
        if (minor > MAX_MINOR) {
            throw new ValidationException("", "amount is larger than " + MAX_MAJOR_TEXT);
        }
    }

    /** An amount in minor units (1/100). */
    public static Money ofMinor(long minor) {
        return new Money(minor);
    }

    /** From a decimal amount with at most two decimals, e.g. {@code 1499.50}. */
    public static Money of(BigDecimal amount) {
        // check the magnitude first: normalising 1e1000000000 would build a billion-digit number
        if ((long) amount.precision() - amount.scale() > 14) {
            throw new ValidationException("", amount.signum() < 0 ? "amount must not be negative"
                    : "amount is larger than " + MAX_MAJOR_TEXT);
        }
        BigDecimal n = Numbers.normalise(amount);
        if (n.scale() > 2) {
            throw new ValidationException("", "amount has more than 2 decimals: "
                    + (n.scale() > 40 ? amount.toString() : amount.toPlainString()));
        }
        if (n.signum() < 0) {
            throw new ValidationException("", "amount must not be negative");
        }
        if (n.compareTo(MAX_MAJOR) > 0) {
            throw new ValidationException("", "amount is larger than " + MAX_MAJOR_TEXT);
        }
        return new Money(n.movePointRight(2).longValueExact());
    }

    /** An amount in whole units. */
    public static Money of(long major) {
        return of(BigDecimal.valueOf(major));
    }

    /** Parses untrusted input (number or decimal string); empty when it is not a valid amount. */
    public static Optional<Money> parse(Object value) {
        Optional<BigDecimal> d = value instanceof String s ? Numbers.parse(s) : Numbers.toDecimal(value);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(d.get()));
        } catch (ValidationException e) {
            return Optional.empty();
        }
    }

    /** The amount with two decimals. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(minor, 2);
    }

    /** This amount plus {@code other}. */
    public Money plus(Money other) {
        return new Money(minor + other.minor);
    }

    /** This amount minus {@code other}. */
    public Money minus(Money other) {
        return new Money(minor - other.minor);
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(minor, o.minor);
    }

    /** Plain decimal text with two decimals, e.g. {@code 1499.50}. */
    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
