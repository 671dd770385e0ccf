package io.minicrm.domain.shared;

import java.util.regex.Pattern;

/** Shared validation of identifier strings. */
public final class Ids {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Ids() {
    }

    /** {@code value} when it is a valid id; otherwise a {@link ValidationException} naming {@code what}. */
    public static String require(String value, String what) {
        if (value == null) {
            throw new ValidationException("", what + " is required");
        }
        if (!ID.matcher(value).matches()) {
            throw new ValidationException("", what + " must be 1 to 64 characters of letters, digits, '_' or '-'");
        }
        return value;
    }

    /** Whether {@code value} is a valid id. */
    public static boolean isValid(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
