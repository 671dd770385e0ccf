package io.minicrm.adapter.mongo.customer;

/**
 * Regular expressions that match a text literally, for {@code $regex} on folded fields. Every ASCII
 * character other than a letter or digit is escaped with a backslash (a literal in both Java's regex
 * dialect, used by the embedded server, and PCRE, used by MongoDB); control characters become
 * {@code \xHH} (a regex travels as a C string, which cannot hold NUL); other characters stand for
 * themselves. Anchors: {@code ^} for the start and {@code \z} for the very end ({@code $} would also
 * match before a trailing newline). No option flags are used.
 */
public final class LiteralPattern {
    private LiteralPattern() {
    }

    /** Matches any text containing {@code literal}. */
    public static String contains(String literal) {
        return quote(literal);
    }

    /** Matches any text starting with {@code literal}. */
    public static String startsWith(String literal) {
        return "^" + quote(literal);
    }

    /** Matches any text ending with {@code literal}. */
    public static String endsWith(String literal) {
        return quote(literal) + "\\z";
    }

    /** {@code literal} with every regex-significant character escaped. */
    public static String quote(String literal) {
        StringBuilder out = new StringBuilder(literal.length() + 8);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80) {
                out.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                out.append('\\').append(c);
            }
        }
        return out.toString();
    }
}
