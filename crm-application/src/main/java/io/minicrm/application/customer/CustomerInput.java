package io.minicrm.application.customer;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A customer to ingest, field by field (upserted by e-mail; a field not given keeps what is stored):
 * <pre>{@code
 * CustomerProfile asha = CustomerInput.email("asha@example.com")
 *         .name("Asha Rao").city("Pune").tags("vip")
 *         .totalSpent(new BigDecimal("20000")).orderCount(4)
 *         .build();
 * }</pre>
 * {@link #build()} checks every field the way the JSON and CSV imports do and reports every problem with its
 * path ({@code /email}, {@code /name}, {@code /totalSpent}, ...). {@code totalSpent}, {@code orderCount},
 * {@code firstOrderAt} and {@code lastOrderAt} are the purchase history imported from another system; orders
 * ingested here add to it.
 */
public final class CustomerInput {
    private final String email;
    private String name;
    private String phone;
    private String city;
    private Set<String> tags;
    private Map<String, Optional<AttributeValue>> attributes;
    private Boolean optedOut;
    private Long visits;
    private Instant lastActiveAt;
    private BigDecimal totalSpent;
    private Long orderCount;
    private Instant firstOrderAt;
    private Instant lastOrderAt;

    private CustomerInput(String email) {
        this.email = email;
    }

    /** A customer with this e-mail (normalised: trimmed, lower-case). */
    public static CustomerInput email(String email) {
        return new CustomerInput(email);
    }

    public CustomerInput name(String name) {
        this.name = name;
        return this;
    }

    /** Stored normalised when it is a phone number ({@code +91 98765-43210} becomes {@code +919876543210}). */
    public CustomerInput phone(String phone) {
        this.phone = phone;
        return this;
    }

    public CustomerInput city(String city) {
        this.city = city;
        return this;
    }

    /** Replaces the customer's tags (trimmed, case-folded). */
    public CustomerInput tags(String... tags) {
        this.tags = new LinkedHashSet<>(Arrays.asList(tags));
        return this;
    }

    /** A text attribute. */
    public CustomerInput attribute(String key, String value) {
        return attribute(key, new AttributeValue.Text(value));
    }

    /** A number attribute. */
    public CustomerInput attribute(String key, BigDecimal value) {
        return attribute(key, new AttributeValue.Num(value));
    }

    /** A number attribute. */
    public CustomerInput attribute(String key, long value) {
        return attribute(key, BigDecimal.valueOf(value));
    }

    /** A true/false attribute. */
    public CustomerInput attribute(String key, boolean value) {
        return attribute(key, new AttributeValue.Bool(value));
    }

    /** Removes a stored attribute. */
    public CustomerInput removeAttribute(String key) {
        attributes().put(key, Optional.empty());
        return this;
    }

    private CustomerInput attribute(String key, AttributeValue value) {
        attributes().put(key, Optional.of(value));
        return this;
    }

    private Map<String, Optional<AttributeValue>> attributes() {
        if (attributes == null) {
            attributes = new LinkedHashMap<>();
        }
        return attributes;
    }

    /** Whether the customer declined messages (opted-out customers are never messaged). */
    public CustomerInput optedOut(boolean optedOut) {
        this.optedOut = optedOut;
        return this;
    }

    public CustomerInput visits(long visits) {
        this.visits = visits;
        return this;
    }

    public CustomerInput lastActiveAt(Instant at) {
        this.lastActiveAt = at;
        return this;
    }

    /** Amount spent before (imported history), in the store's currency, at most 2 decimals. */
    public CustomerInput totalSpent(BigDecimal amount) {
        this.totalSpent = amount;
        return this;
    }

    /** Number of orders before (imported history). */
    public CustomerInput orderCount(long orders) {
        this.orderCount = orders;
        return this;
    }

    public CustomerInput firstOrderAt(Instant at) {
        this.firstOrderAt = at;
        return this;
    }

    public CustomerInput lastOrderAt(Instant at) {
        this.lastOrderAt = at;
        return this;
    }

    /**
     * The checked customer.
     * @throws ValidationException with every problem, each with its path
     */
    public CustomerProfile build() {
        List<Problem> problems = new ArrayList<>();
        Email address = null;
        try {
            address = Email.of(email);
        } catch (ValidationException e) {
            e.problems().forEach(p -> problems.add(new Problem("/email", p.message())));
        }
        PurchaseHistory history = null;
        try {
            history = history();
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("/orderCount", e.getMessage()));
        }
        CustomerProfile profile = null;
        try {
            // the other fields are checked even when the e-mail is not valid, so every problem is reported at once
            profile = new CustomerProfile(address != null ? address : new Email("unknown@example.com"), name, phone, city,
                    tags, attributes, optedOut, visits, lastActiveAt, history);
        } catch (ValidationException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return profile;
    }

    private PurchaseHistory history() {
        if (totalSpent == null && orderCount == null && firstOrderAt == null && lastOrderAt == null) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        Money spent = Money.ZERO;
        if (totalSpent != null) {
            Optional<Money> m = Money.parse(totalSpent);
            if (m.isEmpty()) {
                problems.add(new Problem("/totalSpent", "expected an amount >= 0 with at most 2 decimals, got "
                        + totalSpent.toPlainString()));
            } else {
                spent = m.get();
            }
        }
        if (orderCount != null && orderCount < 0) {
            problems.add(new Problem("/orderCount", "must not be negative"));
        }
        if (firstOrderAt != null && lastOrderAt != null && firstOrderAt.isAfter(lastOrderAt)) {
            problems.add(new Problem("/firstOrderAt", "is after lastOrderAt"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return new PurchaseHistory(spent, orderCount == null ? 0 : orderCount, firstOrderAt, lastOrderAt);
    }
}
