package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The field catalog of the rule language (RULES.md), with legacy aliases. */
public enum StandardField implements FieldRef {
    NAME("name", FieldType.STRING),
    EMAIL("email", FieldType.STRING),
    PHONE("phone", FieldType.STRING),
    CITY("city", FieldType.STRING),
    TOTAL_SPENT("totalSpent", FieldType.MONEY),
    ORDER_COUNT("orderCount", FieldType.INTEGER, "totalOrders"),
    VISITS("visits", FieldType.INTEGER),
    FIRST_ORDER_AT("firstOrderAt", FieldType.DATE, "firstPurchaseDate"),
    LAST_ORDER_AT("lastOrderAt", FieldType.DATE, "lastPurchaseDate"),
    LAST_ACTIVE_AT("lastActiveAt", FieldType.DATE),
    CREATED_AT("createdAt", FieldType.DATE),
    TAGS("tags", FieldType.SET),
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
