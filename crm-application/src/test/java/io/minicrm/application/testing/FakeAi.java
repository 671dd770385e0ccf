package io.minicrm.application.testing;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import java.util.function.Function;

/** An {@link AiAssistant} whose answers a test scripts with lambdas. */
public final class FakeAi implements AiAssistant {
    private final Function<Brief, Drafts> messages;
    private final Function<RuleRequest, RuleProposal> rules;
    private final Function<CampaignFacts, Phrasing> summaries;

    public FakeAi(Function<Brief, Drafts> messages, Function<RuleRequest, RuleProposal> rules,
                  Function<CampaignFacts, Phrasing> summaries) {
        this.messages = messages;
        this.rules = rules;
        this.summaries = summaries;
    }

    /** An assistant that is never reachable. */
    public static FakeAi unavailable() {
        Function<Object, Object> down = x -> {
            throw new AiUnavailableException("no assistant in this test", null);
        };
        return new FakeAi(b -> (Drafts) down.apply(b), r -> (RuleProposal) down.apply(r), f -> (Phrasing) down.apply(f));
    }

    @Override
    public Drafts suggestMessages(Brief brief) {
        return messages.apply(brief);
    }

    @Override
    public RuleProposal proposeRule(RuleRequest request) {
        return rules.apply(request);
    }

    @Override
    public Phrasing phraseSummary(CampaignFacts facts) {
        return summaries.apply(facts);
    }
}
