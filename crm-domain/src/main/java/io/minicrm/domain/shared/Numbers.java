package io.minicrm.domain.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Safe conversion of untrusted numeric input (from JSON/BSON trees or text) to {@link BigDecimal}.
 * Rejects NaN, infinities and magnitudes that would make arithmetic slow (1e1000000000) before
 * anything is computed with them.
 */
public final class Numbers {
    /** Largest accepted magnitude: {@code |x| < 10^18}. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Most digits accepted after the decimal point. */
    public static final int MAX_FRACTION_DIGITS = 10;

    private Numbers() {
    }

    /**
     * The value as a normalised decimal (no trailing zeros, scale >= 0), or empty when it is not a
     * finite number within bounds.
     */
    public static Optional<BigDecimal> toDecimal(Object value) {
        BigDecimal d;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            d = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            double x = ((Number) value).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                return Optional.empty();
            }
            d = new BigDecimal(Double.toString(x));
        } else if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof BigInteger b) {
            if (b.bitLength() > 64) {
                return Optional.empty();
            }
            d = new BigDecimal(b);
        } else {
            return Optional.empty();
        }
        return bounded(d);
    }

    /** Parses decimal text such as {@code 10000}, {@code -3.5}, {@code 1e3}; empty when not a bounded number. */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 64) {
            return Optional.empty();
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Optional.empty();
            }
        }
        try {
            return bounded(new BigDecimal(t));
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<BigDecimal> bounded(BigDecimal d) {
        if (d.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        // precision - scale = number of digits before the point (may be <= 0 for 0.00x)
        long integerDigits = (long) d.precision() - d.scale();
        if (integerDigits > MAX_INTEGER_DIGITS) {
            return Optional.empty();
        }
        if (integerDigits < -MAX_FRACTION_DIGITS) {
            return Optional.empty(); // smaller than 1e-10: not a meaningful CRM number
        }
        BigDecimal n = d.stripTrailingZeros();
        if (n.scale() > MAX_FRACTION_DIGITS) {
            return Optional.empty();
        }
        if (n.scale() < 0) {
            n = n.setScale(0);
        }
        return Optional.of(n);
    }

    /** Normalised form used for equality: no trailing zeros, scale >= 0. */
    public static BigDecimal normalise(BigDecimal d) {
        BigDecimal n = d.stripTrailingZeros();
        return n.scale() < 0 ? n.setScale(0) : n;
    }

    /** Whether {@code d} is a whole number. */
    public static boolean isInteger(BigDecimal d) {
        return d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static long approximateDigits(BigInteger b) {
        return (long) (b.bitLength() * 0.30103) + 1;
    }

    /** Short description of a value for error messages ({@code "abc"}, {@code 12}, {@code an object}). */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            String shown = s.length() > 40 ? s.substring(0, 40) + "..." : s;
            return '"' + shown + '"';
        }
        // printing a 10000-digit number takes milliseconds; its size says enough
        if (value instanceof BigInteger b && b.bitLength() > 160) {
            return "a number of about " + approximateDigits(b) + " digits";
        }
        if (value instanceof BigDecimal d && d.unscaledValue().bitLength() > 160) {
            return "a number of about " + approximateDigits(d.unscaledValue()) + " digits";
        }
        if (value instanceof Number || value instanceof Boolean) {
            String shown = value.toString();
            return shown.length() > 40 ? shown.substring(0, 40) + "..." : shown;
        }
        if (value instanceof java.util.Map) {
            return "an object";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
