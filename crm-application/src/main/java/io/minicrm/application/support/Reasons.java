package io.minicrm.application.support;

/**
 * What went wrong, for people: an exception's message, never its class name (which means nothing to an
 * operator and tells an attacker what runs inside). Shortened to {@value #MAX} characters.
 */
public final class Reasons {
    public static final int MAX = 300;

    private Reasons() {
    }

    /** The message of {@code e} (or of its first cause that has one), else a neutral phrase. */
    public static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return shorten(m.strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e instanceof InterruptedException ? "interrupted" : "unexpected internal error";
    }

    private static final java.util.regex.Pattern CLASS_PREFIX = java.util.regex.Pattern.compile(
            "(?:[a-z_$][A-Za-z0-9_$]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\$[A-Za-z0-9_$]+)*:\\s*");
    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile(
            "(?:[a-z_$][A-Za-z0-9_$]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b");

    /**
     * A stored error text as an operator may see it: {@code java.lang.IllegalStateException: boom} becomes
     * {@code boom}; a class name standing alone becomes {@code internal error}. For texts recorded elsewhere or
     * by earlier versions.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String s = CLASS_PREFIX.matcher(text).replaceAll("");
        s = CLASS_NAME.matcher(s).replaceAll("internal error");
        return s.isBlank() ? "internal error" : shorten(s.strip());
    }

    private static String shorten(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > MAX ? oneLine.substring(0, MAX) + "..." : oneLine;
    }
}
