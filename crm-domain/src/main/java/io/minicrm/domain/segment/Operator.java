package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.Optional;

/** Condition operators, with their canonical (JSON) names and legacy names. */
public enum Operator {
    /** Equal: {@code =} in the DSL; text compares case-insensitively. Legacy name {@code equals}. */
    EQ("eq", "equals"),
    /** Not equal: {@code !=}; true when the value is missing. Legacy name {@code notEquals}. */
    NE("ne", "notEquals"),
    /** Greater than: {@code >}. Legacy name {@code greaterThan}. */
    GT("gt", "greaterThan"),
    /** Greater than or equal: {@code >=}. */
    GTE("gte", "greaterThanOrEqual"),
    /** Less than: {@code <}. Legacy name {@code lessThan}. */
    LT("lt", "lessThan"),
    /** Less than or equal: {@code <=}. */
    LTE("lte", "lessThanOrEqual"),
    /** Between two values, both included: {@code between a and b}, in JSON {@code [a, b]}. */
    BETWEEN("between", null),
    /** One of a list: {@code in [a, b]}. */
    IN("in", null),
    /** None of a list: {@code not in [a, b]}; true when the value is missing. */
    NOT_IN("notIn", null),
    /** The value is present (not missing); takes no value. */
    EXISTS("exists", null),
    /** Text contains a substring (case-insensitive), or a tag set holds a tag. */
    CONTAINS("contains", "contains"),
    /** The negation of {@link #CONTAINS}; true when the value is missing. */
    NOT_CONTAINS("notContains", "notContains"),
    /** Text starts with a prefix (case-insensitive): {@code starts with "a"}. */
    STARTS_WITH("startsWith", null),
    /** Text ends with a suffix (case-insensitive): {@code ends with "a"}. */
    ENDS_WITH("endsWith", null),
    /** A date strictly before an instant or a date (its start, UTC). */
    BEFORE("before", null),
    /** A date strictly after an instant or a date (its start, UTC). */
    AFTER("after", null),
    /** A date within the last N days before now: {@code in last 30 days}. Legacy name {@code inLast}. */
    IN_LAST_DAYS("inLastDays", "inLast"),
    /** Not within the last N days, or missing ("inactive for N days"): {@code not in last 90 days}. Legacy name {@code notInLast}. */
    NOT_IN_LAST_DAYS("notInLastDays", "notInLast"),
    /** A tag set holds at least one of a list of tags. */
    CONTAINS_ANY("containsAny", null),
    /** A tag set holds every one of a list of tags. */
    CONTAINS_ALL("containsAll", null),
    /** A tag set is empty (or missing); takes no value. */
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

    /** The operator with this canonical name ({@code gt}), if any. */
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
