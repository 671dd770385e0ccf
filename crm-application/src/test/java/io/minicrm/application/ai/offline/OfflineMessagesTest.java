package io.minicrm.application.ai.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.port.AiAssistant;
import io.minicrm.domain.campaign.MessageTemplate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The offline message variants: valid templates, as many as asked, different, fitting objective and tone. */
class OfflineMessagesTest {
    private final OfflineAssistant offline = new OfflineAssistant();

    private List<String> drafts(String objective, String tone, int count) {
        AiAssistant.Drafts d = offline.suggestMessages(new AiAssistant.Brief(objective, tone, count, null));
        assertThat(d.source()).isEqualTo("fallback");
        return d.messages();
    }

    @ParameterizedTest
    @CsvSource({
            "win back customers who have not ordered in months, friendly, miss you",
            "welcome new sign-ups, formal, welcome",
            "Diwali sale with 20% off, playful, Diwali",
            "thank our VIP customers for their loyalty, formal, thank",
            "remind shoppers about items left in their cart, urgent, cart",
            "ask for feedback on recent orders, friendly, feedback",
            "announce our new collection launch, playful, new",
            "tell people about our yoga classes, friendly, you"})
    void everyObjectiveAndToneGivesTenDifferentValidTemplates(String objective, String tone, String expectedWord) {
        List<String> messages = drafts(objective, tone, 10);
        assertThat(messages).hasSize(10).doesNotHaveDuplicates();
        for (String m : messages) {
            MessageTemplate t = MessageTemplate.of(m);
            assertThat(t.placeholders()).isNotEmpty();
            assertThat(m.length()).isLessThanOrEqualTo(AiAssistant.MAX_MESSAGE_CHARS);
            assertThat(m).doesNotContain("<offer>", "<occasion>", "  ");
        }
        assertThat(String.join(" ", messages).toLowerCase()).contains(expectedWord.toLowerCase());
    }

    @Test
    void anOfferAndOccasionInTheObjectiveAreUsed() {
        List<String> messages = drafts("Holi festive sale, 25% off everything", "friendly", 4);
        assertThat(messages).allSatisfy(m -> assertThat(m).contains("25% off"));
        assertThat(String.join(" ", messages)).contains("Holi");
    }

    @Test
    void theToneShowsInTheWording() {
        assertThat(String.join(" ", drafts("spring sale", "formal", 4))).contains("Dear");
        assertThat(String.join(" ", drafts("spring sale", "urgent", 4)).toLowerCase()).containsAnyOf("hurry", "last chance", "quick");
    }

    @Test
    void theSameBriefGivesTheSameVariants() {
        assertThat(drafts("win back lapsed buyers", "playful", 5)).isEqualTo(drafts("win back lapsed buyers", "playful", 5));
    }

    @Test
    void theCountIsHonoured() {
        assertThat(drafts("anything", "friendly", 1)).hasSize(1);
        assertThat(drafts("anything", "friendly", 7)).hasSize(7);
    }
}
