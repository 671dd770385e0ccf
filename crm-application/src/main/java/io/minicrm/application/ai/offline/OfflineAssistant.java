package io.minicrm.application.ai.offline;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.ai.FactsSummary;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;

/**
 * The assistant that needs no network (answers labelled {@code "fallback"}): curated message
 * templates by objective and tone, a deterministic English-to-rule reader for common phrasings, and the
 * plain facts summary. Used when no OpenAI key is configured, and whenever the API is unavailable.
 * A description it cannot read is a {@link io.minicrm.domain.shared.ValidationException} (422) that
 * lists the phrasings it understands.
 */
public final class OfflineAssistant implements AiAssistant {
    public static final String SOURCE = "fallback";

    @Override
    public Drafts suggestMessages(Brief brief) {
        return new Drafts(MessageCatalog.variants(brief.objective(), brief.tone(), Math.max(1, brief.count())), SOURCE);
    }

    /** Reads the description; a repair request (previous proposal and problems) is answered the same way. */
    @Override
    public RuleProposal proposeRule(RuleRequest request) {
        return new RuleProposal(CanonicalRuleWriter.write(EnglishRuleParser.parse(request.description())), SOURCE);
    }

    @Override
    public Phrasing phraseSummary(CampaignFacts facts) {
        return new Phrasing(FactsSummary.render(facts), SOURCE);
    }
}
