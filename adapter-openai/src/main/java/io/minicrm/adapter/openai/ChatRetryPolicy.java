package io.minicrm.adapter.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try again: exponential backoff with jitter (0.5 s, 1 s, 2 s, ... up to 8 s), unless the server
 * said how long to wait ({@code retry-after-ms} or {@code Retry-After} in seconds or as an HTTP date),
 * which wins. Which failures are retried is decided by {@link RetrofitChatClient}.
 */
record ChatRetryPolicy(Duration base, Duration cap) {
    static final ChatRetryPolicy DEFAULT = new ChatRetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(8));

    /** The wait before attempt {@code attempt + 1}. */
    Duration delay(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long ms = Math.min(cap.toMillis(), base.toMillis() << Math.min(attempt - 1, 20));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(ms * jitter));
    }

    /**
     * The server's requested wait, from {@code retry-after-ms} (milliseconds) or {@code Retry-After}
     * (seconds, possibly fractional, or an RFC 1123 date); empty when absent or unreadable.
     */
    static Optional<Duration> retryAfter(String retryAfterMs, String retryAfter, Clock clock) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                double ms = Double.parseDouble(retryAfterMs.strip());
                if (ms >= 0 && ms < 1e9) {
                    return Optional.of(Duration.ofMillis((long) Math.ceil(ms)));
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through to Retry-After
        }
        if (retryAfter == null || retryAfter.isBlank()) {
            return Optional.empty();
        }
        String v = retryAfter.strip();
        try {
            double s = Double.parseDouble(v);
            return s >= 0 && s < 1e7 ? Optional.of(Duration.ofMillis((long) Math.ceil(s * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
