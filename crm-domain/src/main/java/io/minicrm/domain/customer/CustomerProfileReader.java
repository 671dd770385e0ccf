package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one ingested customer from a plain tree ({@code Map}/{@code List}/{@code String}/{@code Number}/
 * {@code Boolean}/{@code null}, as JSON or CSV parsers give it) into a {@link CustomerProfile}, reporting
 * every problem with its path. Unknown fields are errors.
 *
 * <p>Accepted fields: {@code email} (required), {@code name}, {@code phone}, {@code city}, {@code tags},
 * {@code visits}, {@code lastActiveAt}, {@code optedOut}, {@code attributes}; imported purchase history as
 * {@code totalSpent}, {@code totalOrders} (or {@code orderCount}), {@code firstPurchaseDate} (or
 * {@code firstOrderAt}), {@code lastPurchaseDate} (or {@code lastOrderAt}). With {@code fromText}, numbers and
 * booleans given as strings (CSV) are coerced.
 */
public final class CustomerProfileReader {
    private static final Set<String> FIELDS = Set.of("email", "name", "phone", "city", "tags", "visits",
            "lastActiveAt", "optedOut", "attributes", "totalSpent", "totalOrders", "orderCount",
            "firstPurchaseDate", "firstOrderAt", "lastPurchaseDate", "lastOrderAt");

    private final boolean fromText;

    private CustomerProfileReader(boolean fromText) {
        this.fromText = fromText;
    }

    /** Reader for JSON-typed input. */
    public static CustomerProfileReader json() {
        return new CustomerProfileReader(false);
    }

    /** Reader for text-only input (CSV): numbers and booleans may be strings; empty strings mean absent. */
    public static CustomerProfileReader text() {
        return new CustomerProfileReader(true);
    }

    /** Reads one customer; throws a {@link ValidationException} listing every problem with its path ({@code /email}). */
    public CustomerProfile read(Object tree) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ValidationException("", "expected an object, got " + Numbers.describe(tree));
        }
        List<Problem> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !FIELDS.contains(k)) {
                problems.add(new Problem("/" + Problem.segment(key), "unknown field"));
            }
        }
        Email email = null;
        Object rawEmail = value(map, "email");
        if (rawEmail == null) {
            problems.add(new Problem("/email", "email is required"));
        } else if (!(rawEmail instanceof String s)) {
            problems.add(new Problem("/email", "expected a string, got " + Numbers.describe(rawEmail)));
        } else {
            try {
                email = Email.of(s);
            } catch (ValidationException e) {
                problems.add(new Problem("/email", e.problems().get(0).message()));
            }
        }
        String name = string(map, "name", problems);
        String phone = string(map, "phone", problems);
        String city = string(map, "city", problems);
        Set<String> tags = tags(map, problems);
        Map<String, Optional<AttributeValue>> attributes = attributes(map, problems);
        Boolean optedOut = bool(map, "optedOut", problems);
        Long visits = count(map, "visits", problems);
        Instant lastActiveAt = instant(map, "lastActiveAt", problems);
        PurchaseHistory imported = history(map, problems);
        if (!problems.isEmpty()) {
            // also what the profile itself would reject (length, phone shape, tags), so every problem is reported at once
            problems.addAll(CustomerProfile.check(name, phone, city, tags));
            throw new ValidationException(problems);
        }
        return new CustomerProfile(email, name, phone, city, tags, attributes, optedOut, visits, lastActiveAt, imported);
    }

    private Object value(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (fromText && v instanceof String s && s.isBlank()) {
            return null;
        }
        return v;
    }

    private String string(Map<?, ?> map, String key, List<Problem> problems) {
        Object v = value(map, key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s;
        }
        problems.add(new Problem("/" + key, "expected a string, got " + Numbers.describe(v)));
        return null;
    }

    private Boolean bool(Map<?, ?> map, String key, List<Problem> problems) {
        Object v = value(map, key);
        if (v == null) {
            return null;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (fromText && v instanceof String s) {
            String t = s.strip().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("1")) {
                return true;
            }
            if (t.equals("false") || t.equals("no") || t.equals("0")) {
                return false;
            }
        }
        problems.add(new Problem("/" + key, "expected true or false, got " + Numbers.describe(v)));
        return null;
    }

    private Long count(Map<?, ?> map, String key, List<Problem> problems) {
        Object v = value(map, key);
        if (v == null) {
            return null;
        }
        Optional<BigDecimal> d = fromText && v instanceof String s ? Numbers.parse(s) : Numbers.toDecimal(v);
        if (d.isPresent() && Numbers.isInteger(d.get()) && d.get().signum() >= 0
                && d.get().compareTo(BigDecimal.valueOf(1_000_000_000_000L)) <= 0) {
            return d.get().longValueExact();
        }
        problems.add(new Problem("/" + key, "expected a whole number >= 0, got " + Numbers.describe(v)));
        return null;
    }

    private Instant instant(Map<?, ?> map, String key, List<Problem> problems) {
        Object v = value(map, key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            Optional<Instant> t = Times.parse(s);
            if (t.isPresent()) {
                return t.get();
            }
        }
        problems.add(new Problem("/" + key, "expected an ISO-8601 date or date-time, got " + Numbers.describe(v)));
        return null;
    }

    private Set<String> tags(Map<?, ?> map, List<Problem> problems) {
        Object v = value(map, "tags");
        if (v == null) {
            return null;
        }
        if (fromText && v instanceof String s) {
            Set<String> out = new LinkedHashSet<>();
            for (String part : s.split("[,;|]")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
            return out;
        }
        if (!(v instanceof List<?> list)) {
            problems.add(new Problem("/tags", "expected a list of strings, got " + Numbers.describe(v)));
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof String s) {
                out.add(s);
            } else {
                problems.add(new Problem("/tags/" + i, "expected a string, got " + Numbers.describe(list.get(i))));
            }
        }
        return out;
    }

    private Map<String, Optional<AttributeValue>> attributes(Map<?, ?> map, List<Problem> problems) {
        Object v = value(map, "attributes");
        if (v == null) {
            return null;
        }
        if (!(v instanceof Map<?, ?> attrs)) {
            problems.add(new Problem("/attributes", "expected an object, got " + Numbers.describe(v)));
            return null;
        }
        if (attrs.size() > Attributes.MAX_ATTRIBUTES) {
            problems.add(new Problem("/attributes", "at most " + Attributes.MAX_ATTRIBUTES + " attributes are allowed"));
            return null;
        }
        Map<String, Optional<AttributeValue>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : attrs.entrySet()) {
            String path = "/attributes/" + Problem.segment(e.getKey());
            if (!(e.getKey() instanceof String key) || !Attributes.isValidKey(key)) {
                problems.add(new Problem(path, "attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}"));
                continue;
            }
            Object raw = e.getValue();
            if (raw == null) {
                out.put(key, Optional.empty());
                continue;
            }
            Optional<AttributeValue> av = fromText && raw instanceof String s ? textAttribute(s) : Attributes.valueOf(raw);
            if (av.isEmpty()) {
                problems.add(new Problem(path, "expected a string, number or boolean, got " + Numbers.describe(raw)));
            } else if (av.get() instanceof AttributeValue.Text t && t.value().length() > Attributes.MAX_TEXT) {
                problems.add(new Problem(path, "text longer than " + Attributes.MAX_TEXT + " characters"));
            } else {
                out.put(key, av);
            }
        }
        return out;
    }

    /** CSV cells: empty removes nothing (absent), numbers and booleans are recognised, the rest is text. */
    private static Optional<AttributeValue> textAttribute(String s) {
        String t = s.strip();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Optional.of(new AttributeValue.Bool(Boolean.parseBoolean(t.toLowerCase(java.util.Locale.ROOT))));
        }
        if (t.matches("-?[0-9]{1,18}(\\.[0-9]{1,10})?")) {
            return Numbers.parse(t).map(AttributeValue.Num::new);
        }
        return Optional.of(new AttributeValue.Text(s));
    }

    private PurchaseHistory history(Map<?, ?> map, List<Problem> problems) {
        String spentKey = "totalSpent";
        String ordersKey = map.containsKey("orderCount") ? "orderCount" : "totalOrders";
        String firstKey = map.containsKey("firstOrderAt") ? "firstOrderAt" : "firstPurchaseDate";
        String lastKey = map.containsKey("lastOrderAt") ? "lastOrderAt" : "lastPurchaseDate";
        Object spentRaw = value(map, spentKey);
        Long orders = count(map, ordersKey, problems);
        Instant first = instant(map, firstKey, problems);
        Instant last = instant(map, lastKey, problems);
        Money spent = null;
        if (spentRaw != null) {
            Optional<Money> m = Money.parse(spentRaw);
            if (m.isEmpty()) {
                problems.add(new Problem("/" + spentKey,
                        "expected an amount >= 0 with at most 2 decimals, got " + Numbers.describe(spentRaw)));
            } else {
                spent = m.get();
            }
        }
        if (spentRaw == null && orders == null && first == null && last == null) {
            return null;
        }
        if (first != null && last != null && first.isAfter(last)) {
            problems.add(new Problem("/" + firstKey, "is after " + lastKey));
        }
        // a date not given stays unknown (never copied from the other one), as do spend and count not given:
        // the baseline then adds nothing to them
        return new PurchaseHistory(spent == null ? Money.ZERO : spent, orders == null ? 0 : orders, first, last);
    }
}
