package io.minicrm.domain.testing;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fluent builder of {@link Customer} for tests, with sensible defaults: id {@code c1}, e-mail
 * {@code <id>@example.com}, name "Ann Lee", city "Pune", no phone, no tags, no attributes, not opted out,
 * 0 visits ({@link #noVisits} for missing), created {@link #DEFAULT_CREATED_AT}, no purchase history. Every
 * component can be set.
 *
 * <p>{@link #totalSpent}, {@link #orderCount}, {@link #firstOrderAt} and {@link #lastOrderAt} set the
 * imported baseline history; {@link #fromOrders} sets the part accumulated from ingested orders.
 *
 * <pre>{@code
 * Customer c = CustomerBuilder.aCustomer().name("Bob").totalSpent("10000.01").visits(2)
 *         .lastOrderAt(Instant.parse("2025-01-01T00:00:00Z")).tags("vip").attribute("plan", "gold").build();
 * }</pre>
 */
public final class CustomerBuilder {
    /** Default creation time of built customers. */
    public static final Instant DEFAULT_CREATED_AT = Instant.parse("2024-01-01T00:00:00Z");

    private String id = "c1";
    private String email;
    private String name = "Ann Lee";
    private String phone;
    private String city = "Pune";
    private Set<String> tags = new LinkedHashSet<>();
    private final Map<String, AttributeValue> attributes = new LinkedHashMap<>();
    private boolean optedOut;
    private Long visits = 0L;
    private Instant lastActiveAt;
    private Money importedSpent = Money.ZERO;
    private long importedOrders;
    private Instant importedFirst;
    private Instant importedLast;
    private PurchaseHistory fromOrders = PurchaseHistory.NONE;
    private Set<String> appliedOrderIds = new LinkedHashSet<>();
    private Instant createdAt = DEFAULT_CREATED_AT;
    private Instant updatedAt;

    private CustomerBuilder() {
    }

    public static CustomerBuilder aCustomer() {
        return new CustomerBuilder();
    }

    /** A builder preset with every optional field missing (no name, phone, city, visits, dates, tags or attributes). */
    public static CustomerBuilder aBareCustomer() {
        return new CustomerBuilder().name(null).city(null).phone(null).noVisits();
    }

    /** Sets the id; the e-mail defaults to {@code <id>@example.com} unless set. */
    public CustomerBuilder id(String value) {
        this.id = value;
        return this;
    }

    /** Raw e-mail text; normalised by {@link Email#of}. */
    public CustomerBuilder email(String value) {
        this.email = value;
        return this;
    }

    public CustomerBuilder name(String value) {
        this.name = value;
        return this;
    }

    public CustomerBuilder phone(String value) {
        this.phone = value;
        return this;
    }

    public CustomerBuilder city(String value) {
        this.city = value;
        return this;
    }

    public CustomerBuilder tags(String... values) {
        this.tags = new LinkedHashSet<>(Arrays.asList(values));
        return this;
    }

    public CustomerBuilder tags(Set<String> values) {
        this.tags = new LinkedHashSet<>(values);
        return this;
    }

    public CustomerBuilder attribute(String key, String value) {
        attributes.put(key, new AttributeValue.Text(value));
        return this;
    }

    /** A number attribute, e.g. {@code attribute("score", new BigDecimal("2.5"))} or {@code attribute("score", 3)}. */
    public CustomerBuilder attribute(String key, Number value) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        attributes.put(key, new AttributeValue.Num(d));
        return this;
    }

    public CustomerBuilder attribute(String key, boolean value) {
        attributes.put(key, new AttributeValue.Bool(value));
        return this;
    }

    public CustomerBuilder attribute(String key, AttributeValue value) {
        attributes.put(key, value);
        return this;
    }

    /** Replaces all attributes. */
    public CustomerBuilder attributes(Map<String, AttributeValue> values) {
        attributes.clear();
        attributes.putAll(values);
        return this;
    }

    public CustomerBuilder optedOut(boolean value) {
        this.optedOut = value;
        return this;
    }

    public CustomerBuilder visits(long value) {
        this.visits = value;
        return this;
    }

    /** Visits missing: nobody said how often the customer visited. */
    public CustomerBuilder noVisits() {
        this.visits = null;
        return this;
    }

    public CustomerBuilder lastActiveAt(Instant value) {
        this.lastActiveAt = value;
        return this;
    }

    /** Imported total spent, e.g. {@code "10000.01"}. */
    public CustomerBuilder totalSpent(String amount) {
        this.importedSpent = Money.of(new BigDecimal(amount));
        return this;
    }

    public CustomerBuilder totalSpent(Money amount) {
        this.importedSpent = amount;
        return this;
    }

    /** Imported order count. */
    public CustomerBuilder orderCount(long value) {
        this.importedOrders = value;
        return this;
    }

    /** Imported first order time. */
    public CustomerBuilder firstOrderAt(Instant value) {
        this.importedFirst = value;
        return this;
    }

    /** Imported last order time. */
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

    /** The history accumulated from ingested orders. */
    public CustomerBuilder fromOrders(PurchaseHistory history) {
        this.fromOrders = history;
        return this;
    }

    public CustomerBuilder appliedOrderIds(String... ids) {
        this.appliedOrderIds = new LinkedHashSet<>(Arrays.asList(ids));
        return this;
    }

    public CustomerBuilder createdAt(Instant value) {
        this.createdAt = value;
        return this;
    }

    public CustomerBuilder updatedAt(Instant value) {
        this.updatedAt = value;
        return this;
    }

    public Customer build() {
        Email mail = Email.of(email != null ? email : id.toLowerCase(java.util.Locale.ROOT) + "@example.com");
        PurchaseHistory imported = new PurchaseHistory(importedSpent, importedOrders, importedFirst, importedLast);
        return new Customer(CustomerId.of(id), mail, name, phone, city, tags, Attributes.of(attributes), optedOut,
                visits, lastActiveAt, imported, fromOrders, appliedOrderIds, createdAt, updatedAt);
    }
}
