package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The field catalog of the rule language (docs/rules.md), with legacy aliases. */
public enum StandardField implements FieldRef {
    /** The customer's full name (text). */
    NAME("name", FieldType.STRING),
    /** The e-mail address, lower-case (text). */
    EMAIL("email", FieldType.STRING),
    /** The phone, digits with a leading {@code +} when given so (text). */
    PHONE("phone", FieldType.STRING),
    /** The city (text). */
    CITY("city", FieldType.STRING),
    /** Total spent: imported plus completed orders ingested here (money, never missing). */
    TOTAL_SPENT("totalSpent", FieldType.MONEY),
    /** Number of orders: imported plus completed orders ingested here (whole number, never missing); legacy {@code totalOrders}. */
    ORDER_COUNT("orderCount", FieldType.INTEGER, "totalOrders"),
    /** How often the customer visited (whole number; missing when nobody said). */
    VISITS("visits", FieldType.INTEGER),
    /** Time of the first order (date); legacy {@code firstPurchaseDate}. */
    FIRST_ORDER_AT("firstOrderAt", FieldType.DATE, "firstPurchaseDate"),
    /** Time of the last order (date); legacy {@code lastPurchaseDate}. */
    LAST_ORDER_AT("lastOrderAt", FieldType.DATE, "lastPurchaseDate"),
    /** When the customer was last active (date). */
    LAST_ACTIVE_AT("lastActiveAt", FieldType.DATE),
    /** When the customer was created (date, never missing). */
    CREATED_AT("createdAt", FieldType.DATE),
    /** The tags (set of texts, case-folded). */
    TAGS("tags", FieldType.SET),
    /** Whether the customer opted out of messages (boolean, never missing). */
    OPTED_OUT("optedOut", FieldType.BOOLEAN);

    private final String path;
    private final FieldType type;
    private final List<String> aliases;

    StandardField(String path, FieldType type, String... aliases) {
        this.path = path;
        this.type = type;
        this.aliases = List.of(aliases);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public FieldType type() {
        return type;
    }

    /** Legacy names accepted on input (never written). */
    public List<String> aliases() {
        return aliases;
    }

    /** Finds a field by canonical name or legacy alias (exact case). */
    public static Optional<StandardField> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.path.equals(name) || f.aliases.contains(name)).findFirst();
    }
}
