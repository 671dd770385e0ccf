package io.minicrm.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.adapter.openai.FakeOpenAi.Reply;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.ai.AiService;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's AI use cases ({@link AiService}) running on the real OpenAI adapter against a local
 * OpenAI-compatible server, with the in-process adapters for everything else.
 */
class AiServiceWithOpenAiTest {
    private FakeOpenAi server;
    private OpenAiAssistant openAi;
    private CrmServices crm;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAi();
        OpenAiSettings s = OpenAiSettings.of("sk-test").withBaseUrl(server.baseUrl())
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetries(2, Duration.ofSeconds(5));
        openAi = new OpenAiAssistant(new RetrofitChatClient(s, Clock.systemUTC(), d -> { }), s, Clock.systemUTC());
        crm = InProcessCrm.with(openAi);
    }

    @AfterEach
    void stop() {
        openAi.close();
        server.close();
    }

    @Test
    void aRuleWithAnUnknownFieldIsRepairedInTheSecondRound() {
        server.then(Reply.answer("{\"field\": \"spend\", \"op\": \"gt\", \"value\": 10000}"))
                .then(Reply.answer("```json\n{\"field\": \"totalSpent\", \"op\": \"gt\", \"value\": 10000}\n```"));

        AiService.RuleSuggestion s = crm.ai().rulesFromText("customers who spent over 10k");

        assertThat(s.rule()).isEqualTo(DslParser.parse("totalSpent > 10000"));
        assertThat(s.repaired()).isTrue();
        assertThat(s.source()).isEqualTo("openai");
        assertThat(s.audienceCount()).isEqualTo(2);
        var repair = server.requests().get(1);
        assertThat(repair.message(2)).contains("\"spend\"");
        assertThat(repair.message(3)).contains("/field: unknown field \"spend\"", "known fields");
    }

    @Test
    void aRuleThatIsStillInvalidAfterTheRepairIsA422WithTheReasons() {
        server.then(Reply.answer("{\"field\": \"spend\", \"op\": \"gt\", \"value\": 10000}"))
                .then(Reply.answer("{\"and\": [{\"field\": \"totalSpent\", \"op\": \"greaterThan\", \"value\": 10000}]}"));

        assertThatThrownBy(() -> crm.ai().rulesFromText("customers who spent over 10k"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p.path()).isEqualTo("/description"));
                    assertThat(e.problems()).anySatisfy(p -> {
                        assertThat(p.path()).isEqualTo("/rules/and/0/op");
                        assertThat(p.message()).contains("greaterThan");
                    });
                });
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void anAnswerThatIsNotJsonGetsTheRepairRoundToo() {
        server.then(Reply.answer("You probably want people from Pune."))
                .then(Reply.answer("{\"field\": \"city\", \"op\": \"eq\", \"value\": \"Pune\"}"));

        AiService.RuleSuggestion s = crm.ai().rulesFromText("people from Pune");

        assertThat(s.rule()).isEqualTo(DslParser.parse("city = \"Pune\""));
        assertThat(s.repaired()).isTrue();
        assertThat(s.audienceCount()).isEqualTo(2);
        assertThat(server.requests().get(1).message(3)).contains("not a JSON rule object", "(root): expected a rule object");
    }

    @Test
    void draftsWithUnknownPlaceholdersAreRepairedOrDropped() {
        server.then(Reply.answer("[\"Hi {{first_name}}, we miss you\", \"Hello {{favouriteColour}} friend\","
                + " \"{{unclosed\", \"Dear {{name|customer}}, come back\"]"));

        AiService.Messages m = crm.ai().suggestMessages(new AiService.MessageRequest("win back", "friendly", 3, null));

        assertThat(m.messages()).containsExactly("Hi {{firstName}}, we miss you", "Hello friend",
                "Dear {{name|customer}}, come back");
        assertThat(m.source()).isEqualTo("openai");
    }

    @Test
    void aSummaryWithAnInventedNumberIsReplacedByOurOwnWording() {
        Segment seg = crm.segments().create(new SegmentService.NewSegment("Pune", null, DslParser.parse("city = \"Pune\""), "test"));
        Campaign c = crm.campaigns().create(new CampaignService.NewCampaign("Monsoon hello", seg.id(), "Hi {{name}}", null, false, "test"));
        server.then(Reply.answer("Monsoon hello reached 9999 people and doubled sales."));

        AiService.Summary s = crm.ai().summarise(c.id());

        assertThat(s.source()).isEqualTo("fallback");
        assertThat(s.text()).doesNotContain("9999").contains("Monsoon hello");
    }

    @Test
    void aFaithfulSummaryIsKept() {
        Segment seg = crm.segments().create(new SegmentService.NewSegment("Pune", null, DslParser.parse("city = \"Pune\""), "test"));
        Campaign c = crm.campaigns().create(new CampaignService.NewCampaign("Monsoon hello", seg.id(), "Hi {{name}}", null, false, "test"));
        server.then(Reply.answer("Monsoon hello is still a draft: nothing has been sent yet."));

        AiService.Summary s = crm.ai().summarise(c.id());

        assertThat(s.source()).isEqualTo("openai");
        assertThat(s.text()).isEqualTo("Monsoon hello is still a draft: nothing has been sent yet.");
        assertThat(server.requests().get(0).message(1)).contains("campaign name: \"Monsoon hello\"", "status: draft");
    }
}
