package io.minicrm.domain.customer;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.TextFold;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A validated customer as ingested: the e-mail (key) and the fields that were given. A {@code null}
 * component means "not given" (keep what is stored); so does blank text, and blank tags are dropped.
 * {@code attributeChanges} maps a key to its new value, or to empty to remove it. A phone is stored
 * normalised ({@link #phone}).
 */
public record CustomerProfile(
        Email email,
        String name,
        String phone,
        String city,
        Set<String> tags,
        Map<String, Optional<AttributeValue>> attributeChanges,
        Boolean optedOut,
        Long visits,
        Instant lastActiveAt,
        PurchaseHistory importedHistory) {

    /** Longest name, in characters. */
    public static final int MAX_NAME = 200;
    /** Longest city, in characters. */
    public static final int MAX_CITY = 100;
    /** Most tags. */
    public static final int MAX_TAGS = 100;
    /** Longest tag, in characters. */
    public static final int MAX_TAG = 64;
    /** Longest phone, in characters. */
    public static final int MAX_PHONE = 64;
    /** Digits grouped by spaces, dashes, dots, slashes or brackets, optionally led by {@code +}. */
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[\\s]*[0-9()\\s./-]+");

    public CustomerProfile {
        Objects.requireNonNull(email, "email");
        List<Problem> problems = new ArrayList<>();
        name = text(name, "/name", MAX_NAME, problems);
        city = text(city, "/city", MAX_CITY, problems);
        phone = phone(phone, problems);
        tags = tags(tags, problems);
        if (attributeChanges != null) {
            attributeChanges = Collections.unmodifiableMap(new LinkedHashMap<>(attributeChanges));
            for (String key : attributeChanges.keySet()) {
                if (!Attributes.isValidKey(key)) {
                    problems.add(new Problem("/attributes/" + key, "attribute names must match [A-Za-z][A-Za-z0-9_]{0,63}"));
                }
            }
        }
        if (visits != null && visits < 0) {
            problems.add(new Problem("/visits", "must not be negative"));
        }
        lastActiveAt = Times.millis(lastActiveAt);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }

    /** The problems the constructor reports for these values (null = not given), without building a profile. */
    static List<Problem> check(String name, String phone, String city, Set<String> tags) {
        List<Problem> problems = new ArrayList<>();
        text(name, "/name", MAX_NAME, problems);
        text(city, "/city", MAX_CITY, problems);
        phone(phone, problems);
        tags(tags, problems);
        return problems;
    }

    /** A profile with only the e-mail. */
    public static CustomerProfile of(Email email) {
        return new CustomerProfile(email, null, null, null, null, null, null, null, null, null);
    }

    /** Normalised tag: trimmed and case-folded. */
    public static String normaliseTag(String tag) {
        return TextFold.fold(tag.strip());
    }

    /** Trimmed text; blank is not given (a form's empty field), so it never stores an empty value. */
    private static String text(String value, String path, int max, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String t = value.strip();
        if (t.length() > max) {
            problems.add(new Problem(path, "longer than " + max + " characters"));
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.isISOControl(t.charAt(i))) {
                problems.add(new Problem(path, "contains a control character"));
                break;
            }
        }
        return t;
    }

    /**
     * A phone as the original frontend and its CSV import sent it: digits, optionally grouped with spaces,
     * dashes, dots, slashes or brackets and led by {@code +}, of any length (the old form asked for digits
     * only). Stored normalised to the digits with the leading {@code +}. Blank is no phone. Anything else
     * (an extension, a note) is kept as written rather than losing the customer over it; it must still be
     * at most {@link #MAX_PHONE} characters without control characters.
     */
    static String phone(String value, List<Problem> problems) {
        if (value == null) {
            return null;
        }
        String t = value.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (PHONE_LIKE.matcher(t).matches()) {
            String digits = t.replaceAll("[^0-9]", "");
            if (!digits.isEmpty() && digits.length() <= MAX_PHONE) {
                return (t.startsWith("+") ? "+" : "") + digits;
            }
        }
        return text(t, "/phone", MAX_PHONE, problems);
    }

    private static Set<String> tags(Set<String> tags, List<Problem> problems) {
        if (tags == null) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            problems.add(new Problem("/tags", "at most " + MAX_TAGS + " tags are allowed"));
            return Set.of();
        }
        TreeSet<String> out = new TreeSet<>();
        for (String tag : tags) {
            String n = tag == null ? "" : normaliseTag(tag);
            if (n.isEmpty()) {
                continue; // "vip, new," split by a client: a blank tag says nothing
            }
            if (n.length() > MAX_TAG) {
                problems.add(new Problem("/tags", "each tag must be at most " + MAX_TAG + " characters"));
                break;
            }
            out.add(n);
        }
        return Collections.unmodifiableSet(out);
    }
}
