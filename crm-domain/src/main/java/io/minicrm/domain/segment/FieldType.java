package io.minicrm.domain.segment;

/** Types of rule fields; they decide which operators and values a condition may use. */
public enum FieldType {
    STRING("string"),
    MONEY("money"),
    INTEGER("integer"),
    DATE("date"),
    SET("set of strings"),
    BOOLEAN("boolean"),
    /** A custom attribute: string, number or boolean, decided by the condition's value. */
    ATTRIBUTE("custom attribute");

    private final String label;

    FieldType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
