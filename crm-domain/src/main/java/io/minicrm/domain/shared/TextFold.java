package io.minicrm.domain.shared;

/**
 * Case folding used for every case-insensitive string comparison, in memory and in stores.
 *
 * <p>Folds one UTF-16 unit at a time ({@code toLowerCase(toUpperCase(c))}), so the folded text has
 * exactly the length of the original and no locale is involved. A store keeps a folded copy of each
 * searchable string and compares it with the folded operand; the in-memory evaluator folds on the fly
 * without allocating. Both therefore agree on every input, including non-ASCII text.
 */
public final class TextFold {
    private TextFold() {
    }

    /** The folded form of one character. */
    public static char fold(char c) {
        if (c < 128) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    /** The folded form of a text, as rules compare text. */
    public static String fold(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && fold(s.charAt(i)) == s.charAt(i)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] out = s.toCharArray();
        for (; i < n; i++) {
            out[i] = fold(out[i]);
        }
        return new String(out);
    }

    /** {@code fold(value).equals(folded)} without allocating. */
    public static boolean equalsFolded(String value, String folded) {
        int n = value.length();
        if (n != folded.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (fold(value.charAt(i)) != folded.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code fold(value).startsWith(folded)} without allocating. */
    public static boolean startsWithFolded(String value, String folded) {
        return regionMatches(value, 0, folded);
    }

    /** {@code fold(value).endsWith(folded)} without allocating. */
    public static boolean endsWithFolded(String value, String folded) {
        int offset = value.length() - folded.length();
        return offset >= 0 && regionMatches(value, offset, folded);
    }

    /** {@code fold(value).contains(folded)} without allocating. */
    public static boolean containsFolded(String value, String folded) {
        int last = value.length() - folded.length();
        for (int i = 0; i <= last; i++) {
            if (regionMatches(value, i, folded)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatches(String value, int offset, String folded) {
        int m = folded.length();
        if (offset + m > value.length()) {
            return false;
        }
        for (int j = 0; j < m; j++) {
            if (fold(value.charAt(offset + j)) != folded.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
