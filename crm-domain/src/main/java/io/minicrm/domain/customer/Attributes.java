package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Custom attributes of a customer: at most {@value #MAX_ATTRIBUTES} entries, keys matching
 * {@code [A-Za-z][A-Za-z0-9_]{0,63}} (so no key can become a query operator or a dotted path),
 * text values up to {@value #MAX_TEXT} characters.
 */
public final class Attributes {
    /** What an attribute name looks like. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    /** Most attributes one customer may have. */
    public static final int MAX_ATTRIBUTES = 50;
    /** Longest text value, in characters. */
    public static final int MAX_TEXT = 1000;
    /** No attributes. */
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, AttributeValue> values;

    private Attributes(Map<String, AttributeValue> values) {
        this.values = values;
    }

    /** Validated attributes; throws a {@link ValidationException} naming every bad entry. */
    public static Attributes of(Map<String, AttributeValue> values) {
        List<Problem> problems = new ArrayList<>();
        if (values.size() > MAX_ATTRIBUTES) {
            problems.add(new Problem("", "at most " + MAX_ATTRIBUTES + " attributes are allowed"));
        }
        for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
            if (!isValidKey(e.getKey())) {
                problems.add(new Problem("/" + Problem.segment(e.getKey()), "attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}"));
            } else if (e.getValue() instanceof AttributeValue.Text t && t.value().length() > MAX_TEXT) {
                problems.add(new Problem("/" + Problem.segment(e.getKey()), "text longer than " + MAX_TEXT + " characters"));
            } else if (e.getValue() == null) {
                problems.add(new Problem("/" + Problem.segment(e.getKey()), "value is required"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (values.isEmpty()) {
            return EMPTY;
        }
        return new Attributes(Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(values))));
    }

    /**
     * Reads untrusted plain values (String, Number, Boolean) keyed by name, reporting every bad entry.
     * A {@code null} value is reported too; use {@link #merge} semantics to delete keys.
     */
    public static Attributes fromPlain(Map<?, ?> plain) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        if (plain.size() > MAX_ATTRIBUTES) {
            throw new ValidationException("", "at most " + MAX_ATTRIBUTES + " attributes are allowed");
        }
        for (Map.Entry<?, ?> e : plain.entrySet()) {
            String path = "/" + Problem.segment(e.getKey());
            if (!(e.getKey() instanceof String key) || !isValidKey(key)) {
                problems.add(new Problem(path, "attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}"));
                continue;
            }
            Optional<AttributeValue> v = valueOf(e.getValue());
            if (v.isEmpty()) {
                problems.add(new Problem(path, "expected a string, number or boolean, got " + Numbers.describe(e.getValue())));
            } else if (v.get() instanceof AttributeValue.Text t && t.value().length() > MAX_TEXT) {
                problems.add(new Problem(path, "text longer than " + MAX_TEXT + " characters"));
            } else {
                out.put(key, v.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return of(out);
    }

    /** Converts a plain value to an attribute value, if it is one of the allowed kinds. */
    public static Optional<AttributeValue> valueOf(Object plain) {
        if (plain instanceof String s) {
            return Optional.of(new AttributeValue.Text(s));
        }
        if (plain instanceof Boolean b) {
            return Optional.of(new AttributeValue.Bool(b));
        }
        if (plain instanceof Number) {
            Optional<BigDecimal> d = Numbers.toDecimal(plain);
            return d.map(AttributeValue.Num::new);
        }
        return Optional.empty();
    }

    /** Whether {@code key} may name an attribute. */
    public static boolean isValidKey(String key) {
        return key != null && KEY.matcher(key).matches();
    }

    /** These attributes with {@code changes} applied: present keys overwrite, keys mapped to empty are removed. */
    public Attributes merge(Map<String, Optional<AttributeValue>> changes) {
        Map<String, AttributeValue> next = new TreeMap<>(values);
        changes.forEach((k, v) -> {
            if (v.isPresent()) {
                next.put(k, v.get());
            } else {
                next.remove(k);
            }
        });
        return of(next);
    }

    /** The value for {@code key}, or null; no allocation. */
    public AttributeValue get(String key) {
        return values.get(key);
    }

    /** The attributes by name, sorted, unmodifiable. */
    public Map<String, AttributeValue> asMap() {
        return values;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** How many there are. */
    public int size() {
        return values.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes a && a.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
