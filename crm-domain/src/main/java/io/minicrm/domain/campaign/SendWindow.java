package io.minicrm.domain.campaign;

import io.minicrm.domain.shared.Times;
import java.util.Objects;
import java.time.Instant;

/** When a campaign's first and last message went to the vendor. */
public record SendWindow(Instant first, Instant last) {
    public SendWindow {
        first = Times.millis(Objects.requireNonNull(first, "first"));
        last = Times.millis(Objects.requireNonNull(last, "last"));
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("first is after last");
        }
    }
}
