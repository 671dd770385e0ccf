package io.minicrm.application.port;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.domain.shared.Problem;
import java.util.List;

/**
 * A writing assistant (a language model, or the offline one). Its answers are drafts: the use cases
 * validate every message template and rule it proposes, and check every number in a summary.
 * Each answer says where it came from: {@code "openai"}, or {@code "fallback"} for the offline assistant.
 */
public interface AiAssistant {
    /** The longest message draft an assistant should suggest, in characters. */
    int MAX_MESSAGE_CHARS = 320;


    record Brief(String objective, String tone, int count, String audience) {
    }

    record Drafts(List<String> messages, String source) {
        public Drafts {
            messages = List.copyOf(messages);
        }
    }

    /**
     * @param previous the previous proposal (a plain tree) when asking for a repair, else null
     * @param problems what was wrong with it (empty on the first request)
     */
    record RuleRequest(String description, Object previous, List<Problem> problems) {
        public RuleRequest {
            problems = List.copyOf(problems);
        }
    }

    /** A proposed rule in canonical JSON form, as a plain tree. */
    record RuleProposal(Object tree, String source) {
    }

    record Phrasing(String text, String source) {
    }

    /** Message variants using our placeholders ({{name}}, {{firstName|there}}, ...). */
    Drafts suggestMessages(Brief brief);

    /**
     * A rule for a plain-English description.
     * @throws io.minicrm.domain.shared.ValidationException when the description cannot be understood
     */
    RuleProposal proposeRule(RuleRequest request);

    /** A short human summary of the campaign facts; must use only numbers from the facts. */
    Phrasing phraseSummary(CampaignFacts facts);

    /** The assistant cannot answer now (network, quota). */
    class AiUnavailableException extends RuntimeException {
        public AiUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
