package io.minicrm.domain.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * At most {@code maxMessages} messages per customer within {@code window}, across campaigns ({@code 0}: no cap).
 * A customer the cap holds back gets a SKIPPED delivery row with the reason instead of a message.
 */
public record FrequencyCap(int maxMessages, Duration window) {
    /** No cap. */
    public static final FrequencyCap OFF = new FrequencyCap(0, Duration.ofDays(7));

    public FrequencyCap {
        Objects.requireNonNull(window, "window");
        if (maxMessages < 0) {
            throw new IllegalArgumentException("maxMessages must be >= 0");
        }
        if (maxMessages > 0 && (window.isZero() || window.isNegative())) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    /** Whether there is a cap at all (otherwise nobody's recent messages need to be read). */
    public boolean isOn() {
        return maxMessages > 0;
    }

    /** The start of the window that ends at {@code now}: messages created since then count. */
    public Instant windowStart(Instant now) {
        return now.minus(window);
    }

    /**
     * Why the cap holds back a customer who already had {@code recentMessages} messages of other campaigns in the
     * window; empty when the message may go.
     */
    public Optional<String> holdsBack(long recentMessages) {
        if (!isOn() || recentMessages < maxMessages) {
            return Optional.empty();
        }
        return Optional.of("frequency cap: already " + recentMessages + " message(s) in the last " + window.toDays()
                + " day(s)");
    }
}
