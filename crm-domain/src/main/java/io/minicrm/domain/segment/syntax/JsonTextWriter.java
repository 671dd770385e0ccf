package io.minicrm.domain.segment.syntax;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes a plain tree ({@code Map} with {@code String} keys, {@code List}, {@code String}, {@code Boolean},
 * {@code null}, and {@code Long}/{@code Integer}/{@code Short}/{@code Byte}/{@code BigInteger}/{@code BigDecimal}
 * numbers, as {@link CanonicalRuleWriter} builds it) as compact JSON text (RFC 8259) that
 * {@link JsonTextReader} reads back to an equal tree.
 *
 * <p>Strings escape {@code "} and {@code \}, every control character (as {@code \n}, {@code \t} ... or
 * {@code \\u00XX}), U+2028 and U+2029 (so the text can be pasted into JavaScript), and any unpaired surrogate
 * (as {@code \\uXXXX}, so the text always encodes to UTF-8). Numbers are exact: no {@code double} is ever involved.
 */
final class JsonTextWriter {
    private JsonTextWriter() {
    }

    static String write(Object tree) {
        StringBuilder sb = new StringBuilder();
        value(tree, sb);
        return sb.toString();
    }

    private static void value(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            string(s, sb);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof BigDecimal d) {
            sb.append(number(d));
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new IllegalArgumentException("JSON keys are strings, not " + e.getKey());
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                string(key, sb);
                sb.append(':');
                value(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                value(list.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for a " + v.getClass().getName());
        }
    }

    /** Plain digits where that stays short; otherwise the exponent form, which JSON also allows ({@code 1E+30}). */
    static String number(BigDecimal d) {
        return d.scale() >= -20 && d.scale() <= 100 ? d.toPlainString() : d.toString();
    }

    static void string(String s, StringBuilder sb) {
        sb.append('"');
        int run = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                escape = switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    default -> unicode(c);
                };
            } else if (c == '\u2028' || c == '\u2029') {
                escape = unicode(c);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++; // a pair: one character, written as it is
                } else {
                    escape = unicode(c);
                }
            } else if (Character.isLowSurrogate(c)) {
                escape = unicode(c);
            }
            if (escape != null) {
                sb.append(s, run, i).append(escape);
                run = i + 1;
            }
        }
        sb.append(s, run, n).append('"');
    }

    private static String unicode(char c) {
        return String.format("\\u%04x", (int) c);
    }
}
