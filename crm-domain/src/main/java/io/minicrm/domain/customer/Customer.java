package io.minicrm.domain.customer;

import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer: identity, profile, consent, and purchase behaviour.
 *
 * <p>Totals ({@link #totalSpentMinor()}, {@link #orderCount()}, {@link #firstOrderAt()},
 * {@link #lastOrderAt()}) are the imported baseline plus what ingested orders added.
 *
 * <p>Optional facts nobody gave stay missing ({@code null}): name, phone, city, {@link #visits()},
 * {@link #lastActiveAt()}, and the first/last order times. Rules treat them as docs/rules.md says (positive
 * comparisons false, negated ones true). Two things are always known: the totals (what was imported plus
 * what was ordered here, 0 when nothing) and the consent flag {@link #optedOut()} (false until the
 * customer opts out). Each order is
 * counted at most once: the ids of the orders counted are kept in {@link #appliedOrderIds()}.
 *
 * <p>The total spent never passes {@link Money#MAX_MINOR}: {@link #withProfile} and {@link #applyOrder}
 * refuse a change that would take it past, so nothing accepted can make a stored customer unreadable.
 *
 * <p>Immutable; changes return a new instance. Create from an ingested profile with {@link #create}, build one
 * with named values (tests, trying rules) with {@link #builder()}, change with {@link #withProfile} and
 * {@link #applyOrder}, rebuild from storage with the canonical constructor.
 *
 * @param id              the identity
 * @param email           the e-mail address, lower-cased; the natural key
 * @param name            the full name, or null when not known
 * @param phone           the phone, or null when not known
 * @param city            the city, or null when not known
 * @param tags            the tags, trimmed and case-folded
 * @param attributes      the custom attributes
 * @param optedOut        whether the customer opted out of messages
 * @param visits          how often the customer visited, or null when not known
 * @param lastActiveAt    when the customer was last active, or null when not known
 * @param imported        the purchase history imported from another system (a baseline)
 * @param fromOrders      the purchase history counted from orders ingested here
 * @param appliedOrderIds the ids of the orders counted in {@code fromOrders}
 * @param createdAt       when the customer was created
 * @param updatedAt       when the customer last changed
 */
public record Customer(
        CustomerId id,
        Email email,
        String name,
        String phone,
        String city,
        Set<String> tags,
        Attributes attributes,
        boolean optedOut,
        Long visits,
        Instant lastActiveAt,
        PurchaseHistory imported,
        PurchaseHistory fromOrders,
        Set<String> appliedOrderIds,
        Instant createdAt,
        Instant updatedAt) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        tags = tags == null ? Set.of() : normalisedTags(tags);
        attributes = attributes == null ? Attributes.EMPTY : attributes;
        if (visits != null && visits < 0) {
            throw new IllegalArgumentException("visits must not be negative");
        }
        lastActiveAt = Times.millis(lastActiveAt);
        imported = imported == null ? PurchaseHistory.NONE : imported;
        fromOrders = fromOrders == null ? PurchaseHistory.NONE : fromOrders;
        appliedOrderIds = appliedOrderIds == null ? Set.of() : Collections.unmodifiableSet(new HashSet<>(appliedOrderIds));
        Objects.requireNonNull(createdAt, "createdAt");
        createdAt = Times.millis(createdAt);
        updatedAt = Times.millis(updatedAt == null ? createdAt : updatedAt);
    }

    /** Tags as rules compare them (trimmed, case-folded, sorted), whichever way the customer was built. */
    private static Set<String> normalisedTags(Set<String> tags) {
        TreeSet<String> out = new TreeSet<>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                throw new IllegalArgumentException("tags must not be blank");
            }
            out.add(CustomerProfile.normaliseTag(tag));
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(out));
    }

    /**
     * A builder of a customer with named values and defaults for the rest (see {@link CustomerBuilder}):
     * {@code Customer.builder().email("ann@example.com").totalSpent("12000").visits(2).build()}.
     */
    public static CustomerBuilder builder() {
        return new CustomerBuilder();
    }

    /** A new customer from an ingested profile. */
    public static Customer create(CustomerId id, CustomerProfile profile, Instant now) {
        Customer blank = new Customer(id, profile.email(), null, null, null, Set.of(), Attributes.EMPTY, false, null,
                null, PurchaseHistory.NONE, PurchaseHistory.NONE, Set.of(), now, now);
        return blank.merge(profile, now);
    }

    /**
     * This customer updated from a re-ingested profile: fields present in the profile overwrite,
     * absent ones are kept, attributes merge key by key, an imported history replaces the baseline.
     * Returns {@code this} when nothing changes, so idempotent re-ingestion writes nothing.
     *
     * @throws ValidationException ({@code /totalSpent}) when the imported total plus what orders added here
     *                             would pass the limit of {@link Money}
     */
    public Customer withProfile(CustomerProfile profile, Instant now) {
        if (!profile.email().equals(email)) {
            throw new IllegalArgumentException("profile is for " + profile.email() + ", not " + email);
        }
        PurchaseHistory history = profile.importedHistory();
        if (history != null && history.spent().minor() > Money.MAX_MINOR - fromOrders.spent().minor()) {
            throw new ValidationException("/totalSpent", "with the " + fromOrders.spent()
                    + " already counted from ingested orders, the total spent would pass " + Money.MAX_MAJOR_TEXT);
        }
        Customer next = merge(profile, updatedAt);
        return next.equals(this) ? this : next.touched(now);
    }

    private Customer merge(CustomerProfile p, Instant now) {
        return new Customer(id, email,
                p.name() != null ? p.name() : name,
                p.phone() != null ? p.phone() : phone,
                p.city() != null ? p.city() : city,
                p.tags() != null ? p.tags() : tags,
                p.attributeChanges() != null ? attributes.merge(p.attributeChanges()) : attributes,
                p.optedOut() != null ? p.optedOut() : optedOut,
                p.visits() != null ? p.visits() : visits,
                p.lastActiveAt() != null ? p.lastActiveAt() : lastActiveAt,
                p.importedHistory() != null ? p.importedHistory() : imported,
                fromOrders, appliedOrderIds, createdAt, now);
    }

    private Customer touched(Instant now) {
        return new Customer(id, email, name, phone, city, tags, attributes, optedOut, visits, lastActiveAt,
                imported, fromOrders, appliedOrderIds, createdAt, now);
    }

    /**
     * This customer with {@code order} reflected in its aggregates, exactly once per order id:
     * a completed order not yet counted is added; a cancelled or refunded order that was counted
     * is taken back out (amount and count; first/last order dates keep recording activity);
     * anything else changes nothing and returns {@code this}.
     *
     * @throws ValidationException ({@code /amount}) when counting the order would take the total spent past the
     *                             limit of {@link Money}; nothing changes
     */
    public Customer applyOrder(Order order, Instant now) {
        if (!order.customerId().equals(id)) {
            throw new IllegalArgumentException("order " + order.id() + " belongs to " + order.customerId() + ", not " + id);
        }
        String key = order.id().value();
        boolean counted = appliedOrderIds.contains(key);
        if (order.status() == OrderStatus.COMPLETED && !counted) {
            requireHeadroom(order.amount());
            Set<String> ids = new HashSet<>(appliedOrderIds);
            ids.add(key);
            return withOrders(fromOrders.plus(order.amount(), order.orderedAt()), ids, now);
        }
        if (order.status() != OrderStatus.COMPLETED && counted) {
            Set<String> ids = new HashSet<>(appliedOrderIds);
            ids.remove(key);
            return withOrders(fromOrders.minus(order.amount()), ids, now);
        }
        return this;
    }

    private Customer withOrders(PurchaseHistory orders, Set<String> ids, Instant now) {
        return new Customer(id, email, name, phone, city, tags, attributes, optedOut, visits, lastActiveAt,
                imported, orders, ids, createdAt, now);
    }

    /** Whether the order with this id is counted in the totals. */
    public boolean hasCounted(String orderId) {
        return appliedOrderIds.contains(orderId);
    }

    /** How much more may be counted before the total spent reaches the limit of {@link Money}. */
    public Money headroom() {
        return Money.ofMinor(Math.max(0, Money.MAX_MINOR - totalSpentMinor()));
    }

    private void requireHeadroom(Money amount) {
        if (amount.minor() > Money.MAX_MINOR - totalSpentMinor()) {
            throw new ValidationException("/amount", "counting " + amount + " would take the total spent of customer "
                    + id + " past " + Money.MAX_MAJOR_TEXT + " (it is " + totalSpent().toPlainString() + ")");
        }
    }

    /**
     * Total spent in minor units (baseline + orders). Allocation-free, for rule evaluation. Each part is at most
     * {@link Money#MAX_MINOR}, so the sum never overflows a long.
     */
    public long totalSpentMinor() {
        return imported.spent().minor() + fromOrders.spent().minor();
    }

    /** Total spent, exact, with two decimals. Never fails, whatever was stored. */
    public BigDecimal totalSpent() {
        return BigDecimal.valueOf(totalSpentMinor(), 2);
    }

    /** Number of orders: imported plus completed orders ingested here. */
    public long orderCount() {
        return imported.orders() + fromOrders.orders();
    }

    /** Time of the first order, imported or ingested; null when none. */
    public Instant firstOrderAt() {
        return PurchaseHistory.earliest(imported.firstOrderAt(), fromOrders.firstOrderAt());
    }

    /** Time of the last order, imported or ingested; null when none. */
    public Instant lastOrderAt() {
        return PurchaseHistory.latest(imported.lastOrderAt(), fromOrders.lastOrderAt());
    }

    /** First word of the name, for greetings; null when there is no name. */
    public String firstName() {
        if (name == null || name.isBlank()) {
            return null;
        }
        String t = name.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }
}
