package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.RuleLimits;
import io.minicrm.domain.shared.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of JSON text (RFC 8259) into the plain tree the rule readers take: {@code LinkedHashMap},
 * {@code ArrayList}, {@code String}, {@code Boolean}, {@code null}, whole numbers as {@code Long} (or an exact
 * {@code BigDecimal} beyond a long), other numbers as exact {@code BigDecimal}, never {@code double}.
 *
 * <p>Strict: exactly one value with only JSON whitespace around it; no comments, single quotes, unquoted keys,
 * trailing commas, leading zeros, {@code NaN} or raw control characters; duplicate keys are refused. Escapes are
 * decoded as the RFC says ({@code \\uD83D\\uDE00} is one character, a surrogate pair). Text must be Unicode, as
 * I-JSON (RFC 7493) requires: half of a surrogate pair on its own, escaped or not, is refused (it is no character,
 * and a store would write it as {@code ?}).
 *
 * <p>Bounded, so no input can take more than linear time or memory in its length: at most
 * {@link RuleLimits#MAX_JSON_LENGTH} characters, {@link RuleLimits#MAX_JSON_DEPTH} levels of nesting (deeper
 * cannot be a valid rule), {@link RuleLimits#MAX_LIST} items an array or keys an object, strings of at most
 * {@link RuleLimits#MAX_DSL_LENGTH} characters (the DSL text of {@code {"dsl": "..."}}) and numbers of at most
 * {@value #MAX_NUMBER} characters. Recursion is bounded by the depth limit.
 *
 * <p>Every error is an {@link InvalidRuleException} whose problem names the JSON path of the value being read
 * and, in its message, the line and column (1-based, counted in UTF-16 characters, as the DSL parser counts).
 */
final class JsonTextReader {
    /** Longest number literal, in characters. */
    static final int MAX_NUMBER = 100;
    /** Longest string, in characters after unescaping. */
    static final int MAX_STRING = RuleLimits.MAX_DSL_LENGTH;
    /** Most items in an array, and most keys in an object. */
    static final int MAX_ITEMS = RuleLimits.MAX_LIST;

    private final String src;
    private final int end;
    private int pos;
    /** The path of the value being read: keys (null for an index) and indexes, {@code depth} of them. */
    private final String[] keys = new String[RuleLimits.MAX_JSON_DEPTH + 1];
    private final int[] indexes = new int[RuleLimits.MAX_JSON_DEPTH + 1];
    private int depth;
    /** Objects and arrays open around {@code pos}. */
    private int nesting;
    /** When locating: the paths wanted, the deepest of them, and where each one found starts. */
    private final Set<String> wanted;
    private final int wantedDepth;
    private final Map<String, Integer> found = new HashMap<>();

    private JsonTextReader(String src, Set<String> wanted, int wantedDepth) {
        this.src = src;
        this.end = src.length();
        this.wanted = wanted;
        this.wantedDepth = wantedDepth;
    }

    /**
     * The single JSON value of {@code text} as a plain tree.
     *
     * @throws InvalidRuleException when the text is not one well-formed JSON value within the limits
     */
    static Object read(String text) {
        if (text == null) {
            throw new InvalidRuleException("", "the JSON text is empty");
        }
        if (text.length() > RuleLimits.MAX_JSON_LENGTH) {
            throw new InvalidRuleException("", "the JSON text is longer than " + RuleLimits.MAX_JSON_LENGTH + " characters");
        }
        return new JsonTextReader(text, null, -1).document();
    }

    /**
     * Where the values at {@code paths} (JSON paths such as {@code /and/0/value}, as the rule readers report them)
     * start in {@code text}, which must be valid: for each path, the line and column of its value, or of its
     * nearest ancestor present in the text (a problem about a missing key points at the object that lacks it).
     * For a member, the position is that of its key.
     */
    static Map<String, int[]> locate(String text, Collection<String> paths) {
        Set<String> prefixes = new HashSet<>();
        int deepest = 0;
        for (String path : paths) {
            prefixes.add("");
            int segments = 0;
            for (int i = 0; i < path.length(); i++) {
                if (path.charAt(i) == '/' && i > 0) {
                    prefixes.add(path.substring(0, i));
                    segments++;
                }
            }
            prefixes.add(path);
            deepest = Math.max(deepest, segments + 1);
        }
        JsonTextReader reader = new JsonTextReader(text, prefixes, deepest);
        reader.document();
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String path : paths) {
            String at = path;
            while (!reader.found.containsKey(at) && !at.isEmpty()) {
                int slash = at.lastIndexOf('/');
                at = slash <= 0 ? "" : at.substring(0, slash);
            }
            Integer offset = reader.found.get(at);
            if (offset != null) {
                out.put(path, reader.lineAndColumn(offset));
            }
        }
        return out;
    }

    private Object document() {
        skipSpace();
        if (pos >= end) {
            throw error("the JSON text is empty");
        }
        Object value = value();
        skipSpace();
        if (pos < end) {
            throw error("unexpected " + found() + " after the JSON value");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (wanted != null) {
            record(pos);
        }
        if (pos >= end) {
            throw error("expected a value, found the end of the text");
        }
        char c = src.charAt(pos);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return string();
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
        }
        if (isWordPart(c)) {
            return word();
        }
        throw error("expected a value (an object, a list, a string in double quotes, a number, true, false or null),"
                + " found " + found());
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (pos < end && src.charAt(pos) == '}') {
            pos++;
            nesting--;
            return map;
        }
        while (true) {
            skipSpace();
            if (pos >= end || src.charAt(pos) != '"') {
                throw error("expected a key in double quotes, found " + found());
            }
            int keyAt = pos;
            String key = string();
            skipSpace();
            if (pos >= end || src.charAt(pos) != ':') {
                throw error("expected ':' after the key " + shown(key) + ", found " + found());
            }
            pos++;
            push(key, -1);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("duplicate key " + shown(key) + " (a key may appear only once in an object)");
            }
            if (map.size() >= MAX_ITEMS) {
                pos = keyAt;
                throw error("an object with more than " + MAX_ITEMS + " keys");
            }
            if (wanted != null) {
                record(keyAt);
            }
            Object value = value();
            depth--;
            map.put(key, value);
            skipSpace();
            if (pos < end && src.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < end && src.charAt(pos) == '}') {
                pos++;
                nesting--;
                return map;
            }
            throw error("expected ',' or '}' after a member of the object, found " + found());
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (pos < end && src.charAt(pos) == ']') {
            pos++;
            nesting--;
            return list;
        }
        while (true) {
            push(null, list.size());
            if (list.size() >= MAX_ITEMS) {
                throw error("a list with more than " + MAX_ITEMS + " items");
            }
            Object value = value();
            depth--;
            list.add(value);
            skipSpace();
            if (pos < end && src.charAt(pos) == ',') {
                pos++;
                continue;
            }
            if (pos < end && src.charAt(pos) == ']') {
                pos++;
                nesting--;
                return list;
            }
            throw error("expected ',' or ']' after an item of the list, found " + found());
        }
    }

    /** One more level of nesting for the object or array at {@code pos}. */
    private void enter() {
        if (nesting + 1 > RuleLimits.MAX_JSON_DEPTH) {
            throw error("the JSON is nested more than " + RuleLimits.MAX_JSON_DEPTH + " levels deep (a rule nests at most "
                    + RuleLimits.MAX_DEPTH + " levels)");
        }
        nesting++;
    }

    private void push(String key, int index) {
        keys[depth] = key;
        indexes[depth] = index;
        depth++;
    }

    private String string() {
        int open = pos;
        pos++;
        StringBuilder sb = null;
        int run = pos;
        while (true) {
            if (pos >= end) {
                pos = open;
                throw error("unterminated string (missing closing \")");
            }
            char c = src.charAt(pos);
            if (c == '"') {
                String s = sb == null ? src.substring(run, pos) : sb.append(src, run, pos).toString();
                int broken = OperandReader.unpairedSurrogate(s);
                if (broken >= 0) {
                    pos = open;
                    throw error(String.format("the string holds \\u%04x, half of a surrogate pair, which is not a character"
                            + " (JSON text must be Unicode)", (int) s.charAt(broken)));
                }
                pos++;
                return s;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(src, run, pos);
                pos++;
                escape(sb);
                run = pos;
            } else if (c < 0x20) {
                throw error("a string cannot hold the control character " + codePoint(c) + "; write it as "
                        + escapeFor(c));
            } else {
                pos++;
            }
            if ((sb == null ? 0 : sb.length()) + pos - run > MAX_STRING) {
                pos = open;
                throw error("a string longer than " + MAX_STRING + " characters");
            }
        }
    }

    /** Decodes the escape after a backslash ({@code pos} is just past the backslash). */
    private void escape(StringBuilder sb) {
        if (pos >= end) {
            throw error("unterminated string (missing closing \")");
        }
        char e = src.charAt(pos);
        switch (e) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int value = 0;
                for (int i = 1; i <= 4; i++) {
                    int digit = pos + i < end ? hex(src.charAt(pos + i)) : -1;
                    if (digit < 0) {
                        pos--;
                        throw error("invalid \\u escape: expected four hexadecimal digits after \\u");
                    }
                    value = value * 16 + digit;
                }
                sb.append((char) value);
                pos += 4;
            }
            default -> {
                pos--;
                throw error("unknown escape \\" + (e < 0x20 ? codePoint(e) : String.valueOf(e))
                        + " (JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX)");
            }
        }
        pos++;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private Object number() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        if (!digitAt(pos)) {
            throw error("expected a digit after '-', found " + found());
        }
        if (src.charAt(pos) == '0') {
            pos++;
            if (digitAt(pos)) {
                pos = start;
                throw error("a number cannot start with 0 followed by more digits");
            }
        } else {
            digits();
        }
        boolean whole = true;
        if (pos < end && src.charAt(pos) == '.') {
            whole = false;
            pos++;
            if (!digitAt(pos)) {
                throw error("expected a digit after the decimal point, found " + found());
            }
            digits();
        }
        if (pos < end && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            whole = false;
            pos++;
            if (pos < end && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (!digitAt(pos)) {
                throw error("expected a digit in the exponent, found " + found());
            }
            digits();
        }
        if (pos - start > MAX_NUMBER) {
            pos = start;
            throw error("a number longer than " + MAX_NUMBER + " characters");
        }
        String text = src.substring(start, pos);
        if (whole && text.length() <= 18) {
            return Long.parseLong(text);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("the number " + text + " is out of range");
        }
        if (whole && d.toBigInteger().bitLength() < 64) {
            return d.longValueExact();
        }
        return d;
    }

    private void digits() {
        while (digitAt(pos)) {
            pos++;
        }
    }

    private boolean digitAt(int at) {
        return at < end && src.charAt(at) >= '0' && src.charAt(at) <= '9';
    }

    private Object word() {
        int start = pos;
        while (pos < end && isWordPart(src.charAt(pos))) {
            pos++;
        }
        String w = src.substring(start, pos);
        switch (w) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                pos = start;
                throw error("unknown word '" + (w.length() > 30 ? w.substring(0, 30) + "..." : w)
                        + "' (JSON has true, false and null; text goes in double quotes)");
        }
    }

    private static boolean isWordPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private void skipSpace() {
        while (pos < end) {
            char c = src.charAt(pos);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    // ------------------------------------------------------------------ locating and reporting

    private void record(int at) {
        if (depth <= wantedDepth) {
            String path = path();
            if (wanted.contains(path)) {
                found.putIfAbsent(path, at);
            }
        }
    }

    /** The JSON path of the value being read, as the rule readers spell paths. */
    private String path() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append('/');
            if (keys[i] != null) {
                sb.append(Problem.segment(keys[i]));
            } else {
                sb.append(indexes[i]);
            }
        }
        return sb.toString();
    }

    private InvalidRuleException error(String message) {
        int[] at = lineAndColumn(pos);
        return new InvalidRuleException(path(), "line " + at[0] + ", column " + at[1] + ": " + message);
    }

    /** Line and column (1-based) of the character at {@code offset}; CR LF, LF and a lone CR each end a line. */
    private int[] lineAndColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < end; i++) {
            char c = src.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= end || src.charAt(i + 1) != '\n'))) {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** What is at {@code pos}, for a message. */
    private String found() {
        if (pos >= end) {
            return "the end of the text";
        }
        int cp = src.codePointAt(pos);
        int type = Character.getType(cp);
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL
                || type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED) {
            return codePoint(cp); // invisible: name it
        }
        return cp == '\'' ? "\"'\"" : "'" + new String(Character.toChars(cp)) + "'";
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }

    private static String escapeFor(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> String.format("\\u%04x", (int) c);
        };
    }

    private static String shown(String key) {
        return '"' + (key.length() > 40 ? key.substring(0, 40) + "..." : key) + '"';
    }
}
