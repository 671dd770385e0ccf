package io.minicrm.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.ai.offline.OfflineAssistant;
import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.ai.FactsSummary;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Over many random campaigns: the offline summary and the facts we hand the model contain no number
 * that is not in the facts (checked with the application's own {@link FactsSummary#inventedNumbers}).
 */
class SummaryNumbersTest {
    private static final String[] STATUSES = {"completed", "sending", "cancelled", "draft", "scheduled", "failed"};
    private static final String[] NAMES = {"Diwali blast", "Win-back wave", "Spring sale", "VIP thanks", "Cart nudge",
            "Monsoon hello", "New arrivals"};

    static CampaignFacts random(Random r) {
        long audience = r.nextInt(5) == 0 ? r.nextInt(10) : r.nextInt(2_000_000);
        long sent = audience == 0 ? 0 : (long) (r.nextDouble() * audience);
        long failed = audience - sent == 0 ? 0 : (long) (r.nextDouble() * (audience - sent));
        long pending = Math.max(0, audience - sent - failed - (r.nextBoolean() ? 0 : r.nextInt(5)));
        double rate = sent + failed == 0 ? 0.0 : (double) sent / (sent + failed) * 100;
        Optional<Duration> duration = r.nextInt(4) == 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis((long) (r.nextDouble() * Duration.ofHours(30).toMillis())));
        int previous = r.nextInt(6);
        Optional<Double> median = previous == 0 ? Optional.empty() : Optional.of(r.nextDouble() * 100);
        return new CampaignFacts(NAMES[r.nextInt(NAMES.length)], STATUSES[r.nextInt(STATUSES.length)], audience, sent,
                failed, pending, r.nextInt(3) == 0 ? 0 : r.nextInt(50_000), r.nextInt(3) == 0 ? 0 : r.nextInt(1000), rate,
                duration, median, previous);
    }

    @Test
    void theOfflineSummaryNeverInventsANumber() {
        OfflineAssistant offline = new OfflineAssistant();
        for (long seed = 1; seed <= 1000; seed++) {
            CampaignFacts f = random(new Random(seed));
            String text = offline.phraseSummary(f).text();
            assertThat(FactsSummary.inventedNumbers(text, f)).as("seed %d: %s", seed, text).isEmpty();
        }
    }

    @Test
    void theFactsGivenToTheModelHoldOnlyAllowedNumbers() {
        for (long seed = 1; seed <= 1000; seed++) {
            CampaignFacts f = random(new Random(seed));
            String prompt = Prompts.facts(f);
            assertThat(FactsSummary.inventedNumbers(prompt, f)).as("seed %d: %s", seed, prompt).isEmpty();
        }
    }

    @Test
    void theCheckDoesCatchAnInventedNumber() {
        CampaignFacts f = random(new Random(7));
        assertThat(FactsSummary.inventedNumbers("It reached 12345678 people.", f)).containsExactly("12345678");
    }
}
