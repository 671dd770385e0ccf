package io.minicrm.domain.customer;

import io.minicrm.domain.shared.ValidationException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address, trimmed and lower-cased; the natural key of a customer. */
public record Email(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+");

    public Email {
        if (value == null) {
            throw new ValidationException("", "email is required");
        }
        if (value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new ValidationException("", "not a valid e-mail address: " + shown(value));
        }
    }

    /** Normalises (trim, lower-case) and validates. */
    public static Email of(String raw) {
        if (raw == null) {
            throw new ValidationException("", "email is required");
        }
        return new Email(raw.trim().toLowerCase(Locale.ROOT));
    }

    /** The part after {@code @}. */
    public String domain() {
        return value.substring(value.indexOf('@') + 1);
    }

    private static String shown(String v) {
        return '"' + (v.length() > 60 ? v.substring(0, 60) + "..." : v) + '"';
    }

    @Override
    public String toString() {
        return value;
    }
}
