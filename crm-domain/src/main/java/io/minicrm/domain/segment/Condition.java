package io.minicrm.domain.segment;

import java.util.Objects;

/** A leaf of a rule: {@code field op value}. The operand always fits the field type and operator. */
public record Condition(FieldRef field, Operator op, Operand operand) implements Rule {
    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(operand, "operand");
        if (!Signatures.accepts(field.type(), op, operand)) {
            throw new IllegalArgumentException("operator " + op.wire() + " with " + operand.getClass().getSimpleName()
                    + " does not fit field " + field.path() + " (" + field.type().label() + ")");
        }
    }
}
