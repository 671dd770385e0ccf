package io.minicrm.domain.segment;

/** Types of rule fields; they decide which operators and values a condition may use. */
public enum FieldType {
    /** Text: compared case-insensitively, literally (never as a pattern). */
    STRING("string"),
    /** An exact amount with at most two decimals. */
    MONEY("money"),
    /** A whole number. */
    INTEGER("integer"),
    /** An instant (millisecond precision, UTC). */
    DATE("date"),
    /** A set of texts (the tags). */
    SET("set of strings"),
    /** {@code true} or {@code false}. */
    BOOLEAN("boolean"),
    /** A custom attribute: string, number or boolean, decided by the condition's value. */
    ATTRIBUTE("custom attribute");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    /** How the type is named in messages ({@code "set of strings"}). */
    public String label() {
        return label;
    }
}
