package io.minicrm.application.ai.offline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers, durations and dates as people write them: {@code 10k}, {@code 1,000}, {@code 1,00,000},
 * {@code 2.5L} (lakh), {@code 1 crore}, {@code ₹5,000}, {@code three}, {@code twice}, {@code 3 months},
 * {@code the last week}, {@code 2024-03-01}, {@code 2024}.
 */
final class Amounts {
    /** A money amount or count in digits, with optional currency and multiplier (regex fragment, no groups). */
    static final String NUM = "(?:(?:rs\\.?|inr|\u20b9|\\$|usd|eur|\u20ac|\u00a3)\\s*)?(?:\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+)"
            + "(?:\\s*(?:k|thousand|lakhs?|lacs?|l|crores?|cr|mn|million|m)(?![\\p{L}\\p{N}]))?"
            + "(?:\\s*(?:rs\\.?|rupees|inr|dollars|bucks|/-)(?![\\p{L}\\p{N}]))?";
    private static final String SMALL = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|zero";
    /** A count: digits or a small number word. */
    static final String COUNT = "(?:\\d[\\d,]*|" + SMALL + "|a\\s+dozen)";
    /** A count of times: {@code 3 times}, {@code once}, {@code twice}. */
    static final String TIMES = "(?:(?:\\d+|" + SMALL + ")\\s+times?|once|twice|thrice)";
    /** A duration: {@code 90 days}, {@code the last 3 months}, {@code a week}, {@code 90d}. */
    static final String DUR = "(?:(?:the\\s+)?(?:last|past|previous)\\s+)?(?:(?:\\d+|" + SMALL
            + "|a|an|a\\s+couple\\s+of|couple\\s+of)\\s*)?(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)(?![\\p{L}\\p{N}])"
            + "|\\d+\\s*d(?![\\p{L}\\p{N}])";
    /** An ISO date or a year. */
    static final String DATE = "\\d{4}-\\d{2}-\\d{2}|(?:19|20)\\d{2}";

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6),
            Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("once", 1), Map.entry("twice", 2),
            Map.entry("thrice", 3), Map.entry("a", 1), Map.entry("an", 1));
    private static final Pattern AMOUNT = Pattern.compile(
            "(\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+)\\s*(k|thousand|lakhs?|lacs?|l|crores?|cr|mn|million|m)?(?![\\p{L}\\p{N}])");
    private static final Pattern DURATION = Pattern.compile(
            "(\\d+|[a-z]+(?:\\s+couple\\s+of)?|couple\\s+of)?\\s*(days?|weeks?|wks?|months?|mos?|years?|yrs?|d)$");

    private Amounts() {
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    /** The value of a {@link #NUM}: {@code 10k} = 10000, {@code 2.5L} = 250000, {@code 1,00,000} = 100000. */
    static BigDecimal amount(String text) {
        // a currency sign or word first ("rs.200", "inr 5,000"): its dot is not a decimal point
        Matcher m = AMOUNT.matcher(lower(text).replaceFirst("^(?:rs\\.?|inr|usd|eur|\u20b9|\\$|\u20ac|\u00a3)\\s*", ""));
        if (!m.find()) {
            throw new IllegalArgumentException("not an amount: " + text);
        }
        BigDecimal v = new BigDecimal(m.group(1).replace(",", ""));
        String suffix = m.group(2);
        if (suffix != null) {
            v = v.multiply(switch (suffix) {
                case "k", "thousand" -> BigDecimal.valueOf(1_000);
                case "l", "lakh", "lakhs", "lac", "lacs" -> BigDecimal.valueOf(100_000);
                case "cr", "crore", "crores" -> BigDecimal.valueOf(10_000_000);
                default -> BigDecimal.valueOf(1_000_000);
            });
        }
        return v.stripTrailingZeros();
    }

    /** The value of a {@link #COUNT} or {@link #TIMES}. */
    static long count(String text) {
        String t = lower(text).replaceAll("\\s+times?$", "");
        if (t.equals("a dozen")) {
            return 12;
        }
        Integer w = WORDS.get(t);
        if (w != null) {
            return w;
        }
        return Long.parseLong(t.replace(",", ""));
    }

    /** Days in a {@link #DUR}: weeks are 7 days, months 30, years 365. */
    static int days(String text) {
        String t = lower(text).replaceFirst("^(?:the )?(?:last|past|previous) ", "");
        Matcher m = DURATION.matcher(t);
        if (!m.find()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        String n = m.group(1) == null ? "1" : m.group(1).strip();
        long count = n.contains("couple") ? 2 : (WORDS.containsKey(n) ? WORDS.get(n) : Long.parseLong(n));
        long unit = switch (m.group(2).charAt(0)) {
            case 'w' -> 7;
            case 'm' -> 30;
            case 'y' -> 365;
            default -> 1;
        };
        long days = count * unit;
        if (days > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many days: " + text);
        }
        return (int) days;
    }

    /** First instant of a {@link #DATE} (a day, or 1 January of a year). */
    static Instant start(String date) {
        return date.length() == 4 ? LocalDate.of(Integer.parseInt(date), 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC)
                : LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Last millisecond of a {@link #DATE} (the day, or the whole year). */
    static Instant end(String date) {
        LocalDate next = date.length() == 4 ? LocalDate.of(Integer.parseInt(date) + 1, 1, 1) : LocalDate.parse(date).plusDays(1);
        return next.atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
    }
}
