package io.minicrm.domain.campaign;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A personalised message: text with placeholders such as {@code {{name}}}, {@code {{name|there}}}
 * (with a fallback when the customer has no name) or {@code {{attributes.city}}}. Placeholders are
 * checked when the template is created: an unknown one is rejected with its line and column.
 * Rendering never fails: a missing value becomes the fallback, or nothing.
 */
public final class MessageTemplate {
    /** Longest template, in characters. */
    public static final int MAX_LENGTH = 5000;
    /** Longest fallback of a placeholder ({@code {{name|there}}}), in characters. */
    public static final int MAX_FALLBACK = 100;
    /** Placeholders known besides {@code attributes.<key>}. */
    public static final Set<String> FIELDS = Set.of("name", "firstName", "email", "phone", "city", "totalSpent",
            "orderCount", "visits", "lastOrderAt");

    private final String text;
    private final List<Part> parts;

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String field, String fallback) implements Part {
    }

    private MessageTemplate(String text, List<Part> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses and checks a template; every problem is reported with its position. */
    public static MessageTemplate of(String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException("", "the message is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new ValidationException("", "the message is longer than " + MAX_LENGTH + " characters");
        }
        List<Problem> problems = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf("{{", i);
            if (open < 0) {
                literal.append(text, i, text.length());
                break;
            }
            literal.append(text, i, open);
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                problems.add(new Problem("", at(text, open) + ": unclosed placeholder (missing '}}')"));
                break;
            }
            String inner = text.substring(open + 2, close);
            int bar = inner.indexOf('|');
            String field = (bar < 0 ? inner : inner.substring(0, bar)).strip();
            String fallback = bar < 0 ? null : inner.substring(bar + 1).strip();
            if (field.isEmpty()) {
                problems.add(new Problem("", at(text, open) + ": empty placeholder"));
            } else if (!isKnown(field)) {
                problems.add(new Problem("", at(text, open) + ": unknown placeholder {{" + shorten(field)
                        + "}}; use one of " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + " or attributes.<key>"));
            } else if (fallback != null && (fallback.length() > MAX_FALLBACK || fallback.contains("{{"))) {
                problems.add(new Problem("", at(text, open) + ": fallback must be plain text of at most "
                        + MAX_FALLBACK + " characters"));
            } else {
                if (literal.length() > 0) {
                    parts.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                parts.add(new Placeholder(field, fallback));
            }
            i = close + 2;
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        if (literal.length() > 0) {
            parts.add(new Literal(literal.toString()));
        }
        return new MessageTemplate(text, List.copyOf(parts));
    }

    private static boolean isKnown(String field) {
        if (FIELDS.contains(field)) {
            return true;
        }
        return field.startsWith("attributes.") && Attributes.isValidKey(field.substring("attributes.".length()));
    }

    private static String at(String text, int index) {
        int line = 1;
        int col = 1;
        for (int k = 0; k < index; k++) {
            if (text.charAt(k) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return "line " + line + ", column " + col;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The template text as written. */
    public String text() {
        return text;
    }

    /** Names of the placeholders used, in order of appearance. */
    public List<String> placeholders() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (p instanceof Placeholder ph) {
                out.add(ph.field());
            }
        }
        return out;
    }

    /** The message for one customer. Never throws; missing values become the fallback or nothing. */
    public String render(Customer c) {
        StringBuilder sb = new StringBuilder(text.length() + 32);
        for (Part p : parts) {
            if (p instanceof Literal l) {
                sb.append(l.text());
            } else if (p instanceof Placeholder ph) {
                String v = value(ph.field(), c);
                if (v == null || v.isBlank()) {
                    v = ph.fallback() == null ? "" : ph.fallback();
                }
                sb.append(v);
            }
        }
        return sb.toString();
    }

    private static String value(String field, Customer c) {
        return switch (field) {
            case "name" -> c.name();
            case "firstName" -> c.firstName();
            case "email" -> c.email().value();
            case "phone" -> c.phone();
            case "city" -> c.city();
            case "totalSpent" -> c.totalSpent().toPlainString();
            case "orderCount" -> Long.toString(c.orderCount());
            case "visits" -> c.visits() == null ? null : Long.toString(c.visits());
            case "lastOrderAt" -> c.lastOrderAt() == null ? null : c.lastOrderAt().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            default -> attribute(c, field.substring("attributes.".length()));
        };
    }

    private static String attribute(Customer c, String key) {
        AttributeValue v = c.attributes().get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof AttributeValue.Num n) {
            return n.value().toPlainString();
        }
        return String.valueOf(v.raw());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageTemplate t && t.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }

    @Override
    public String toString() {
        return text;
    }

    static String plain(BigDecimal d) {
        return d.toPlainString();
    }
}
