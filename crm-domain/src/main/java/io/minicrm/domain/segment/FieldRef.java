package io.minicrm.domain.segment;

/** The field a condition tests: a catalog field or a custom attribute. */
public sealed interface FieldRef permits StandardField, AttributeField {
    /** Canonical name as written in rules, e.g. {@code totalSpent} or {@code attributes.city}. */
    String path();

    /** The type, which decides the operators and values a condition may use. */
    FieldType type();
}
