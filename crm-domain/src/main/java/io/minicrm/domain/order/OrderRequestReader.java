package io.minicrm.domain.order;

import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one ingested order from a plain tree into an {@link OrderRequest}, reporting every problem
 * with its path. Fields: {@code orderId}, {@code customerId} or {@code customerEmail} (one required),
 * {@code amount} (required, >= 0, at most 2 decimals), {@code currency} (default the store currency),
 * {@code items}, {@code status} (default completed), {@code orderedAt}.
 */
public final class OrderRequestReader {
    private static final Set<String> FIELDS = Set.of("orderId", "customerId", "customerEmail", "amount", "currency",
            "items", "status", "orderedAt");
    private static final Set<String> ITEM_FIELDS = Set.of("productId", "name", "quantity", "price");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** Most items in one order. */
    public static final int MAX_ITEMS = 500;

    private final String storeCurrency;
    private final boolean fromText;

    private OrderRequestReader(String storeCurrency, boolean fromText) {
        if (!CURRENCY.matcher(storeCurrency).matches()) {
            throw new IllegalArgumentException("currency must be a 3-letter ISO code: " + storeCurrency);
        }
        this.storeCurrency = storeCurrency;
        this.fromText = fromText;
    }

    /** A reader of JSON-typed orders for a store in {@code storeCurrency}. */
    public static OrderRequestReader json(String storeCurrency) {
        return new OrderRequestReader(storeCurrency, false);
    }

    /** For CSV rows: every cell is a string, empty means absent. */
    public static OrderRequestReader text(String storeCurrency) {
        return new OrderRequestReader(storeCurrency, true);
    }

    /**
     * @param idempotencyKey used as the order id when the body has none (may be null)
     */
    public OrderRequest read(Object tree, String idempotencyKey) {
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ValidationException("", "expected an object, got " + Numbers.describe(tree));
        }
        List<Problem> problems = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!(key instanceof String k) || !FIELDS.contains(k)) {
                problems.add(new Problem("/" + Problem.segment(key), "unknown field"));
            }
        }
        OrderId id = orderId(map, idempotencyKey, problems);
        CustomerRef customer = customer(map, problems);
        Money amount = amount(value(map, "amount"), "/amount", true, problems);
        String currency = currency(map, problems);
        List<OrderItem> items = items(map, problems);
        OrderStatus status = OrderStatus.COMPLETED;
        Object rawStatus = value(map, "status");
        if (rawStatus != null) {
            Optional<OrderStatus> st = rawStatus instanceof String s ? OrderStatus.fromWire(s) : Optional.empty();
            if (st.isEmpty()) {
                problems.add(new Problem("/status", "expected completed, cancelled or refunded, got " + Numbers.describe(rawStatus)));
            } else {
                status = st.get();
            }
        }
        Instant orderedAt = null;
        Object rawAt = value(map, "orderedAt");
        if (rawAt != null) {
            Optional<Instant> t = rawAt instanceof String s ? Times.parse(s) : Optional.empty();
            if (t.isEmpty()) {
                problems.add(new Problem("/orderedAt", "expected an ISO-8601 date or date-time, got " + Numbers.describe(rawAt)));
            } else {
                orderedAt = t.get();
            }
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new OrderRequest(id, customer, amount, currency, items, status, orderedAt);
    }

    private Object value(Map<?, ?> map, String key) {
        Object v = map.get(key);
        if (fromText && v instanceof String s && s.isBlank()) {
            return null;
        }
        return v;
    }

    private OrderId orderId(Map<?, ?> map, String idempotencyKey, List<Problem> problems) {
        Object raw = value(map, "orderId");
        if (raw == null) {
            raw = idempotencyKey;
        }
        if (raw == null) {
            return null;
        }
        Object given = raw;
        if (raw instanceof Number n && !fromText) {
            raw = Numbers.toDecimal(n).map(BigDecimal::toPlainString).orElse(null);
        }
        if (!(raw instanceof String s)) {
            problems.add(new Problem("/orderId", "expected a string, got " + Numbers.describe(given)));
            return null;
        }
        try {
            return OrderId.of(s);
        } catch (ValidationException e) {
            problems.add(new Problem("/orderId", e.problems().get(0).message()));
            return null;
        }
    }

    private CustomerRef customer(Map<?, ?> map, List<Problem> problems) {
        Object id = value(map, "customerId");
        Object email = value(map, "customerEmail");
        if (id != null && email != null) {
            problems.add(new Problem("/customerId", "give customerId or customerEmail, not both"));
            return null;
        }
        if (id != null) {
            if (id instanceof String s && Ids.isValid(s)) {
                return new CustomerRef.ById(CustomerId.of(s));
            }
            problems.add(new Problem("/customerId", "expected a customer id, got " + Numbers.describe(id)));
            return null;
        }
        if (email != null) {
            if (email instanceof String s) {
                try {
                    return new CustomerRef.ByEmail(Email.of(s));
                } catch (ValidationException e) {
                    problems.add(new Problem("/customerEmail", e.problems().get(0).message()));
                    return null;
                }
            }
            problems.add(new Problem("/customerEmail", "expected a string, got " + Numbers.describe(email)));
            return null;
        }
        problems.add(new Problem("/customerId", "customerId or customerEmail is required"));
        return null;
    }

    private Money amount(Object raw, String path, boolean required, List<Problem> problems) {
        if (raw == null) {
            if (required) {
                problems.add(new Problem(path, "is required"));
            }
            return null;
        }
        if (!(raw instanceof Number) && !(raw instanceof String)) {
            problems.add(new Problem(path, "expected a decimal number or string, got " + Numbers.describe(raw)));
            return null;
        }
        Optional<Money> m = Money.parse(raw);
        if (m.isEmpty()) {
            problems.add(new Problem(path, "expected an amount >= 0 with at most 2 decimals, got " + Numbers.describe(raw)));
            return null;
        }
        return m.get();
    }

    private String currency(Map<?, ?> map, List<Problem> problems) {
        Object raw = value(map, "currency");
        if (raw == null) {
            return storeCurrency;
        }
        if (raw instanceof String s && CURRENCY.matcher(s.strip().toUpperCase(Locale.ROOT)).matches()) {
            String c = s.strip().toUpperCase(Locale.ROOT);
            if (!c.equals(storeCurrency)) {
                problems.add(new Problem("/currency", "this store keeps amounts in " + storeCurrency + "; got " + c));
            }
            return c;
        }
        problems.add(new Problem("/currency", "expected a 3-letter currency code, got " + Numbers.describe(raw)));
        return storeCurrency;
    }

    private List<OrderItem> items(Map<?, ?> map, List<Problem> problems) {
        Object raw = map.get("items");
        if (raw == null || (fromText && raw instanceof String s && s.isBlank())) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            problems.add(new Problem("/items", "expected a list, got " + Numbers.describe(raw)));
            return List.of();
        }
        if (list.size() > MAX_ITEMS) {
            problems.add(new Problem("/items", "at most " + MAX_ITEMS + " items are allowed"));
            return List.of();
        }
        List<OrderItem> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "/items/" + i;
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                problems.add(new Problem(path, "expected an object, got " + Numbers.describe(list.get(i))));
                continue;
            }
            int before = problems.size();
            for (Object key : item.keySet()) {
                if (!(key instanceof String k) || !ITEM_FIELDS.contains(k)) {
                    problems.add(new Problem(path + "/" + Problem.segment(key), "unknown field"));
                }
            }
            String productId = itemText(item.get("productId"), path + "/productId", problems);
            String name = itemText(item.get("name"), path + "/name", problems);
            int quantity = 1;
            Object q = item.get("quantity");
            if (q != null) {
                Optional<BigDecimal> d = Numbers.toDecimal(q);
                if (d.isPresent() && Numbers.isInteger(d.get()) && d.get().signum() > 0
                        && d.get().compareTo(BigDecimal.valueOf(1_000_000)) <= 0) {
                    quantity = d.get().intValueExact();
                } else {
                    problems.add(new Problem(path + "/quantity", "expected a whole number from 1 to 1000000, got " + Numbers.describe(q)));
                }
            }
            Money price = amount(item.get("price"), path + "/price", false, problems);
            if (problems.size() == before) {
                out.add(new OrderItem(productId, name, quantity, price == null ? Money.ZERO : price));
            }
        }
        return out;
    }

    private static String itemText(Object raw, String path, List<Problem> problems) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof String s && s.length() <= 200) {
            return s;
        }
        if (raw instanceof Number n) {
            return n.toString();
        }
        problems.add(new Problem(path, "expected a string of at most 200 characters, got " + Numbers.describe(raw)));
        return null;
    }
}
