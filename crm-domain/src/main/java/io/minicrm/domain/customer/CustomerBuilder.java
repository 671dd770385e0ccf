package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Numbers;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds a {@link Customer} with named values, for tests and for trying rules; start with
 * {@link Customer#builder()}.
 *
 * <pre>{@code
 * Customer ann = Customer.builder()
 *         .email("ann@example.com").name("Ann Lee").city("Pune").tags("vip")
 *         .totalSpent("12000.50").orderCount(4).lastOrderAt(Instant.parse("2025-05-01T00:00:00Z")).visits(3)
 *         .attribute("plan", "gold")
 *         .build();
 * }</pre>
 *
 * <p><b>Defaults.</b> Whatever is not set is missing, as for a customer ingested with only an e-mail: no name,
 * phone, city, tags or attributes, {@code visits} and {@code lastActiveAt} unknown, nothing spent in no orders,
 * not opted out. The e-mail defaults to {@code customer@example.com}, or {@code <id>@example.com} when only the
 * id is set; the id defaults to one derived from the e-mail (the same e-mail always gives the same id); the
 * creation time to now, the update time to the creation time.
 *
 * <p><b>Values are taken as given</b> (no trimming, no phone normalisation), so a test can build any customer a
 * store may hold; to read untrusted input as the server does, use {@link CustomerProfileReader} and
 * {@link Customer#create}. Tags are trimmed and case-folded, amounts must have at most two decimals, and
 * {@link #build()} checks the rest (e-mail, id, attribute names); a bad value throws a
 * {@link ValidationException} naming the field ({@code /totalSpent}, {@code /email}, ...).
 *
 * <p>{@link #totalSpent}, {@link #orderCount}, {@link #firstOrderAt} and {@link #lastOrderAt} set the purchase
 * history imported from another system; {@link #fromOrders} sets the part counted from orders ingested here. A
 * customer's totals are their sum. A builder is not thread-safe; it can build any number of customers.
 */
public final class CustomerBuilder {
    /** The e-mail of a customer built without an e-mail or id. */
    public static final String DEFAULT_EMAIL = "customer@example.com";

    private String id;
    private String email;
    private String name;
    private String phone;
    private String city;
    private Set<String> tags = new LinkedHashSet<>();
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    private boolean optedOut;
    private Long visits;
    private Instant lastActiveAt;
    private Money importedSpent = Money.ZERO;
    private long importedOrders;
    private Instant importedFirst;
    private Instant importedLast;
    private PurchaseHistory fromOrders = PurchaseHistory.NONE;
    private Set<String> appliedOrderIds = new LinkedHashSet<>();
    private Instant createdAt;
    private Instant updatedAt;

    CustomerBuilder() {
    }

    /** The id: 1 to 64 letters, digits, {@code _} or {@code -}. */
    public CustomerBuilder id(String value) {
        this.id = value;
        return this;
    }

    /** The e-mail address, trimmed and lower-cased on {@link #build()}. */
    public CustomerBuilder email(String value) {
        this.email = value;
        return this;
    }

    /** The name; {@code null} for none. */
    public CustomerBuilder name(String value) {
        this.name = value;
        return this;
    }

    /** The phone, as given; {@code null} for none. */
    public CustomerBuilder phone(String value) {
        this.phone = value;
        return this;
    }

    /** The city; {@code null} for none. */
    public CustomerBuilder city(String value) {
        this.city = value;
        return this;
    }

    /** Replaces the tags (kept trimmed and case-folded, as rules compare them). */
    public CustomerBuilder tags(String... values) {
        return tags(Arrays.asList(values));
    }

    /** Replaces the tags (kept trimmed and case-folded, as rules compare them). */
    public CustomerBuilder tags(Collection<String> values) {
        this.tags = new LinkedHashSet<>(values);
        return this;
    }

    /** A text attribute, e.g. {@code attribute("plan", "gold")}; rules read it as {@code attributes.plan}. */
    public CustomerBuilder attribute(String key, String value) {
        return attribute(key, new AttributeValue.Text(value));
    }

    /** A number attribute, e.g. {@code attribute("score", 2.5)} or {@code attribute("score", new BigDecimal("2.5"))}. */
    public CustomerBuilder attribute(String key, Number value) {
        Optional<BigDecimal> d = Numbers.toDecimal(value);
        if (d.isEmpty()) {
            throw new ValidationException("/attributes/" + key, "not a finite number of at most "
                    + Numbers.MAX_INTEGER_DIGITS + " digits: " + value);
        }
        return attribute(key, new AttributeValue.Num(d.get()));
    }

    /** A boolean attribute. */
    public CustomerBuilder attribute(String key, boolean value) {
        return attribute(key, new AttributeValue.Bool(value));
    }

    /** An attribute of any kind. */
    public CustomerBuilder attribute(String key, AttributeValue value) {
        attributes.put(key, value);
        return this;
    }

    /**
     * Replaces every attribute: values are {@link AttributeValue}s or plain {@code String}, {@code Number} and
     * {@code Boolean} values.
     */
    public CustomerBuilder attributes(Map<String, ?> values) {
        attributes.clear();
        values.forEach((key, value) -> {
            if (value instanceof AttributeValue a) {
                attribute(key, a);
            } else if (value instanceof Number n) {
                attribute(key, n);
            } else {
                attribute(key, Attributes.valueOf(value).orElseThrow(() -> new ValidationException("/attributes/" + key,
                        "expected a string, number or boolean, got " + Numbers.describe(value))));
            }
        });
        return this;
    }

    /** Whether the customer opted out of messages (default: no). */
    public CustomerBuilder optedOut(boolean value) {
        this.optedOut = value;
        return this;
    }

    /** How often the customer visited (default: unknown). */
    public CustomerBuilder visits(long value) {
        if (value < 0) {
            throw new ValidationException("/visits", "must not be negative");
        }
        this.visits = value;
        return this;
    }

    /** Visits unknown again: nobody said how often the customer visited. */
    public CustomerBuilder noVisits() {
        this.visits = null;
        return this;
    }

    /** When the customer was last active; {@code null} for unknown. */
    public CustomerBuilder lastActiveAt(Instant value) {
        this.lastActiveAt = value;
        return this;
    }


    /** Imported total spent, e.g. {@code "10000.50"} (at most two decimals). */
    public CustomerBuilder totalSpent(String amount) {
        Optional<BigDecimal> d = Numbers.parse(amount);
        if (d.isEmpty()) {
            throw new ValidationException("/totalSpent", "not an amount: " + Numbers.describe(amount));
        }
        return totalSpent(d.get());
    }

    /** Imported total spent (at most two decimals). */
    public CustomerBuilder totalSpent(BigDecimal amount) {
        try {
            return totalSpent(Money.of(amount));
        } catch (ValidationException e) {
            throw e.under("/totalSpent");
        }
    }

    /** Imported total spent, in whole units of the currency. */
    public CustomerBuilder totalSpent(long amount) {
        return totalSpent(BigDecimal.valueOf(amount));
    }

    /** Imported total spent. */
    public CustomerBuilder totalSpent(Money amount) {
        this.importedSpent = amount;
        return this;
    }

    /** Imported number of orders. */
    public CustomerBuilder orderCount(long value) {
        if (value < 0) {
            throw new ValidationException("/orderCount", "must not be negative");
        }
        this.importedOrders = value;
        return this;
    }

    /** Imported time of the first order. */
    public CustomerBuilder firstOrderAt(Instant value) {
        this.importedFirst = value;
        return this;
    }


    /** Imported time of the last order. */
    public CustomerBuilder lastOrderAt(Instant value) {
        this.importedLast = value;
        return this;
    }


    /** Replaces the imported history as a whole. */
    public CustomerBuilder imported(PurchaseHistory history) {
        this.importedSpent = history.spent();
        this.importedOrders = history.orders();
        this.importedFirst = history.firstOrderAt();
        this.importedLast = history.lastOrderAt();
        return this;
    }

    /** The history counted from orders ingested here (default: none). */
    public CustomerBuilder fromOrders(PurchaseHistory history) {
        this.fromOrders = history;
        return this;
    }

    /** The ids of the ingested orders already counted in {@link #fromOrders}. */
    public CustomerBuilder appliedOrderIds(String... ids) {
        this.appliedOrderIds = new LinkedHashSet<>(Arrays.asList(ids));
        return this;
    }

    /** When the customer was created (default: now). */
    public CustomerBuilder createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    /** When the customer was last changed (default: the creation time). */
    public CustomerBuilder updatedAt(Instant value) {
        this.updatedAt = value;
        return this;
    }

    /**
     * The customer.
     *
     * @throws ValidationException when the e-mail, id or an attribute is not valid
     */
    public Customer build() {
        CustomerId givenId;
        try {
            givenId = id == null ? null : CustomerId.of(id);
        } catch (ValidationException e) {
            throw e.under("/id");
        }
        Email mail;
        try {
            mail = Email.of(email != null ? email : id != null ? id + "@example.com" : DEFAULT_EMAIL);
        } catch (ValidationException e) {
            throw e.under("/email");
        }
        CustomerId customerId = givenId != null ? givenId : CustomerId.of(idFor(mail));
        Attributes attrs;
        try {
            attrs = Attributes.of(attributes);
        } catch (ValidationException e) {
            throw e.under("/attributes");
        }
        PurchaseHistory imported = new PurchaseHistory(importedSpent, importedOrders, importedFirst, importedLast);
        return new Customer(customerId, mail, name, phone, city, tags, attrs, optedOut, visits, lastActiveAt, imported,
                fromOrders, appliedOrderIds, createdAt != null ? createdAt : Instant.now(), updatedAt);
    }

    /** A stable id for an e-mail address: a name-based UUID, so the same address always gets the same id. */
    static String idFor(Email email) {
        return UUID.nameUUIDFromBytes(email.value().getBytes(StandardCharsets.UTF_8)).toString();
    }

}
