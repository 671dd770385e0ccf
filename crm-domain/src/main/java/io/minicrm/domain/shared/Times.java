package io.minicrm.domain.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Instants as the product stores them: millisecond precision, UTC; parsing of ISO-8601 text. */
public final class Times {
    /** Earliest accepted instant (year 1900). */
    public static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    /** Latest accepted instant (year 9999). */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

    private Times() {
    }

    /** Truncates to milliseconds (what BSON dates hold), so stores and memory agree. */
    public static Instant millis(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Parses an ISO-8601 instant ({@code 2025-01-31T10:00:00Z}), offset date-time
     * ({@code 2025-01-31T10:00:00+05:30}) or date ({@code 2025-01-31}, meaning its start in UTC).
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > 40) {
            return Optional.empty();
        }
        Instant result;
        try {
            if (t.length() == 10) {
                result = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                result = OffsetDateTime.parse(t).toInstant();
            }
        } catch (DateTimeParseException e) {
            try {
                result = Instant.parse(t);
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
        if (result.isBefore(MIN) || result.isAfter(MAX)) {
            return Optional.empty();
        }
        return Optional.of(millis(result));
    }
}
