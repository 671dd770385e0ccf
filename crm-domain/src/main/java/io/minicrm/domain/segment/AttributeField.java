package io.minicrm.domain.segment;

import io.minicrm.domain.customer.Attributes;
import java.util.Optional;

/** A custom attribute field, {@code attributes.<key>}. */
public record AttributeField(String key) implements FieldRef {
    /** How a custom attribute is named in rules: {@code attributes.<key>}. */
    public static final String PREFIX = "attributes.";

    public AttributeField {
        if (!Attributes.isValidKey(key)) {
            throw new IllegalArgumentException("invalid attribute key: " + key);
        }
    }

    @Override
    public String path() {
        return PREFIX + key;
    }

    @Override
    public FieldType type() {
        return FieldType.ATTRIBUTE;
    }

    /** Parses {@code attributes.<key>}; empty when the name is not of that form or the key is invalid. */
    public static Optional<AttributeField> parse(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String key = name.substring(PREFIX.length());
        return Attributes.isValidKey(key) ? Optional.of(new AttributeField(key)) : Optional.empty();
    }
}
