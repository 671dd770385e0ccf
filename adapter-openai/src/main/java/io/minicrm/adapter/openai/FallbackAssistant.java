package io.minicrm.adapter.openai;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the primary assistant (OpenAI) and, when it is unavailable, the fallback (offline) one, whose
 * answers say {@code "fallback"}. After a failure the primary is skipped for {@code cooldown}, so while
 * the API is down requests do not each wait for its timeouts. A {@link io.minicrm.domain.shared.ValidationException}
 * from the primary is not a failure and is passed on.
 */
public final class FallbackAssistant implements AiAssistant, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackAssistant.class);

    private final AiAssistant primary;
    private final AiAssistant fallback;
    private final Duration cooldown;
    private final Clock clock;
    private volatile Instant skipPrimaryUntil = Instant.MIN;

    public FallbackAssistant(AiAssistant primary, AiAssistant fallback) {
        this(primary, fallback, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** @param cooldown how long to answer from the fallback only after the primary failed (zero: always try it) */
    public FallbackAssistant(AiAssistant primary, AiAssistant fallback, Duration cooldown, Clock clock) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Drafts suggestMessages(Brief brief) {
        return either(() -> primary.suggestMessages(brief), () -> fallback.suggestMessages(brief));
    }

    @Override
    public RuleProposal proposeRule(RuleRequest request) {
        return either(() -> primary.proposeRule(request), () -> fallback.proposeRule(request));
    }

    @Override
    public Phrasing phraseSummary(CampaignFacts facts) {
        return either(() -> primary.phraseSummary(facts), () -> fallback.phraseSummary(facts));
    }

    private <T> T either(Supplier<T> first, Supplier<T> second) {
        if (clock.instant().isBefore(skipPrimaryUntil)) {
            return second.get();
        }
        try {
            return first.get();
        } catch (AiUnavailableException e) {
            skipPrimaryUntil = clock.instant().plus(cooldown);
            LOG.warn("AI assistant unavailable ({}); answering offline{}", e.getMessage(),
                    cooldown.isZero() ? "" : " for the next " + cooldown.toSeconds() + " s");
            return second.get();
        }
    }

    @Override
    public void close() {
        for (AiAssistant a : new AiAssistant[] {primary, fallback}) {
            if (a instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing {} failed", a, e);
                }
            }
        }
    }
}
