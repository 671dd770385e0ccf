package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.Optional;

/** Condition operators, with their canonical (JSON) names and legacy names. */
public enum Operator {
    EQ("eq", "equals"),
    NE("ne", "notEquals"),
    GT("gt", "greaterThan"),
    GTE("gte", "greaterThanOrEqual"),
    LT("lt", "lessThan"),
    LTE("lte", "lessThanOrEqual"),
    BETWEEN("between", null),
    IN("in", null),
    NOT_IN("notIn", null),
    EXISTS("exists", null),
    CONTAINS("contains", "contains"),
    NOT_CONTAINS("notContains", "notContains"),
    STARTS_WITH("startsWith", null),
    ENDS_WITH("endsWith", null),
    BEFORE("before", null),
    AFTER("after", null),
    IN_LAST_DAYS("inLastDays", "inLast"),
    NOT_IN_LAST_DAYS("notInLastDays", "notInLast"),
    CONTAINS_ANY("containsAny", null),
    CONTAINS_ALL("containsAll", null),
    IS_EMPTY("isEmpty", null);

    private final String wire;
    private final String legacy;

    Operator(String wire, String legacy) {
        this.wire = wire;
        this.legacy = legacy;
    }

    /** Canonical name, e.g. {@code notInLastDays}. */
    public String wire() {
        return wire;
    }

    /** Name in the old frontend's rule groups, if it had one. */
    public Optional<String> legacyName() {
        return Optional.ofNullable(legacy);
    }

    public static Optional<Operator> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name)).findFirst();
    }

    /** Canonical or legacy name. */
    public static Optional<Operator> fromWireOrLegacy(String name) {
        return Arrays.stream(values()).filter(o -> o.wire.equals(name) || name.equals(o.legacy)).findFirst();
    }

    /** True for operators that take no value ({@code exists}, {@code isEmpty}). */
    public boolean isUnary() {
        return this == EXISTS || this == IS_EMPTY;
    }
}
