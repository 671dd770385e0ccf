package io.minicrm.adapter.openai;

import io.minicrm.application.port.AiAssistant.AiUnavailableException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** At most {@code cap} requests per UTC day for the whole process (0 = no cap); a global cost guard. */
final class DailyCap {
    private final long cap;
    private final Clock clock;
    private LocalDate day;
    private long used;

    DailyCap(long cap, Clock clock) {
        this.cap = cap;
        this.clock = clock;
    }

    /** Counts one request, or refuses it when today's cap is used up. */
    synchronized void acquire() {
        if (cap == 0) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            used = 0;
        }
        if (used >= cap) {
            throw new AiUnavailableException("the daily OpenAI request cap of " + cap + " is used up; it resets at midnight UTC", null);
        }
        used++;
    }
}
