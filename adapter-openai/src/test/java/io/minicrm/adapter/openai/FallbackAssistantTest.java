package io.minicrm.adapter.openai;

import io.minicrm.application.ai.offline.OfflineAssistant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.openai.FakeOpenAi.Reply;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.ai.AiService;
import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the OpenAI server is slow or down, the offline assistant answers, labelled "fallback". */
class FallbackAssistantTest {
    private FakeOpenAi server;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-03-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private FallbackAssistant assistant;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAi();
        OpenAiSettings s = OpenAiSettings.of("sk-test").withBaseUrl(server.baseUrl())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)).withRetries(2, Duration.ofSeconds(5));
        assistant = new FallbackAssistant(new OpenAiAssistant(new RetrofitChatClient(s, clock, d -> { }), s, clock),
                new OfflineAssistant(), Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        assistant.close();
        server.close();
    }

    private static final CampaignFacts FACTS = new CampaignFacts("Spring sale", "completed", 200, 180, 20, 0, 4, 0, 90.0,
            Optional.of(Duration.ofSeconds(42)), Optional.empty(), 0);

    @Test
    void aTimeoutMakesTheOfflineAssistantAnswerEveryKindOfRequest() {
        server.otherwise(Reply.answer("[\"late\"]").after(Duration.ofSeconds(4)));
        AiAssistant.Drafts drafts = assistant.suggestMessages(new AiAssistant.Brief("welcome new members", "friendly", 3, null));
        assertThat(drafts.source()).isEqualTo("fallback");
        assertThat(drafts.messages()).hasSize(3);
        AiAssistant.RuleProposal rule = assistant.proposeRule(new AiAssistant.RuleRequest("tagged vip", null, List.of()));
        assertThat(rule.source()).isEqualTo("fallback");
        AiAssistant.Phrasing p = assistant.phraseSummary(FACTS);
        assertThat(p.source()).isEqualTo("fallback");
        assertThat(p.text()).contains("180 of 200");
    }

    @Test
    void throughTheApplicationTheRuleComesFromTheOfflineReaderWithItsPreviewCount() {
        server.otherwise(Reply.error(503, null, "down", java.util.Map.of()));
        CrmServices crm = InProcessCrm.with(assistant);
        AiService.RuleSuggestion s = crm.ai().rulesFromText("spent over 10k and from Pune");
        assertThat(s.source()).isEqualTo("fallback");
        assertThat(s.rule()).isEqualTo(DslParser.parse("totalSpent > 10000 and city = \"Pune\""));
        assertThat(s.audienceCount()).isEqualTo(2);
        assertThat(s.repaired()).isFalse();
    }

    @Test
    void afterAFailureThePrimaryRestsForTheCooldownThenIsTriedAgain() {
        server.then(Reply.error(500, null, "boom", java.util.Map.of())).then(Reply.error(500, null, "boom", java.util.Map.of()))
                .otherwise(Reply.answer("[\"Back online {{name}}\"]"));
        AiAssistant.Brief brief = new AiAssistant.Brief("new arrivals", "playful", 2, null);
        assertThat(assistant.suggestMessages(brief).source()).isEqualTo("fallback");
        assertThat(server.requests()).hasSize(2);

        now.set(now.get().plusSeconds(10));
        assertThat(assistant.suggestMessages(brief).source()).isEqualTo("fallback");
        assertThat(server.requests()).hasSize(2);

        now.set(now.get().plusSeconds(31));
        AiAssistant.Drafts d = assistant.suggestMessages(brief);
        assertThat(d.source()).isEqualTo("openai");
        assertThat(d.messages()).containsExactly("Back online {{name}}");
    }

    @Test
    void aHealthyPrimaryAnswersItself() {
        server.then(Reply.answer("{\"field\": \"optedOut\", \"op\": \"eq\", \"value\": false}"));
        AiAssistant.RuleProposal p = assistant.proposeRule(new AiAssistant.RuleRequest("subscribed", null, List.of()));
        assertThat(p.source()).isEqualTo("openai");
    }

    @Test
    void anUnreadableDescriptionOfflineIsStillA422() {
        server.otherwise(Reply.error(503, null, "down", java.util.Map.of()));
        assertThatThrownBy(() -> assistant.proposeRule(new AiAssistant.RuleRequest("people who like cats", null, List.of())))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void theFactoryPicksOfflineWithoutAKeyAndTheChainWithOne() {
        assertThat(AiAssistants.create(Optional.empty())).isInstanceOf(OfflineAssistant.class);
        AiAssistant chain = AiAssistants.create(Optional.of(OpenAiSettings.of("sk-x").withBaseUrl(server.baseUrl())));
        try {
            assertThat(chain).isInstanceOf(FallbackAssistant.class);
            server.then(Reply.answer("[\"Hi {{name}}\"]"));
            assertThat(chain.suggestMessages(new AiAssistant.Brief("hello", "friendly", 1, null)).source()).isEqualTo("openai");
        } finally {
            ((FallbackAssistant) chain).close();
        }
    }
}
