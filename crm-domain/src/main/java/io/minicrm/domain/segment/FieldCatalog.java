package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Resolves field names (canonical, legacy alias, or {@code attributes.<key>}) to fields. */
public final class FieldCatalog {
    private FieldCatalog() {
    }

    /** The field with this name or legacy alias ({@code totalSpent}, {@code totalOrders}, {@code attributes.plan}), if any. */
    public static Optional<FieldRef> resolve(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<StandardField> std = StandardField.byName(name);
        if (std.isPresent()) {
            return Optional.of(std.get());
        }
        return AttributeField.parse(name).map(f -> f);
    }

    /** Human-readable list of the known fields, for error messages. */
    public static String describe() {
        return Arrays.stream(StandardField.values()).map(StandardField::path).collect(Collectors.joining(", "))
                + ", attributes.<key>";
    }

    /** Why {@code name} does not resolve (for the readers' problems): an invalid attribute key, or an unknown field. */
    public static String unknownFieldMessage(String name) {
        String shown = '"' + (name.length() > 40 ? name.substring(0, 40) + "..." : name) + '"';
        if (name.startsWith(AttributeField.PREFIX)) {
            return "invalid attribute name " + shown + "; attribute keys match [A-Za-z][A-Za-z0-9_]{0,63}";
        }
        return "unknown field " + shown + "; known fields: " + describe();
    }
}
