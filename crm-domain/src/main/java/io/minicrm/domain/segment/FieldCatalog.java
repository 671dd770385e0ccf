package io.minicrm.domain.segment;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Resolves field names (canonical, legacy alias, or {@code attributes.<key>}) to fields. */
public final class FieldCatalog {
    private FieldCatalog() {
    }

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

    /** Message for an unknown field name. */
    static String unknown(Object name) {
        String shown = name instanceof String s ? '"' + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + '"'
                : String.valueOf(name);
        if (name instanceof String s && s.startsWith(AttributeField.PREFIX)) {
            return "invalid attribute name " + shown + "; attribute keys match [A-Za-z][A-Za-z0-9_]{0,63}";
        }
        return "unknown field " + shown + "; known fields: " + describe();
    }
}
