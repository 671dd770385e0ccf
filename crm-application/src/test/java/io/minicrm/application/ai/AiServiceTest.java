package io.minicrm.application.ai;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.FakeAi;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AiServiceTest {
    private final List<AiAssistant.RuleRequest> ruleRequests = new ArrayList<>();
    private final AtomicReference<Function<AiAssistant.RuleRequest, AiAssistant.RuleProposal>> rules = new AtomicReference<>();
    private final AtomicReference<Function<CampaignFacts, AiAssistant.Phrasing>> phrasing = new AtomicReference<>();
    private final AtomicReference<List<String>> drafts = new AtomicReference<>(List.of());
    private final Crm crm = Crm.builder().ai(new FakeAi(b -> new AiAssistant.Drafts(drafts.get(), "openai"), r -> {
        ruleRequests.add(r);
        return rules.get().apply(r);
    }, f -> phrasing.get().apply(f))).build();
    private final AiService ai = crm.services.ai();

    @AfterEach
    void close() {
        crm.close();
    }

    @Test
    void suggestedMessages_areRepairedToValidTemplates_orDropped() {
        drafts.set(List.of("Hi {{first_name}}, 20% off today!", "Hello {{shoeSize|friend}}, come back", "{{nonsense}}",
                "", "Hi {{first_name}}, 20% off today!", "Dear {{name|customer}}"));

        AiService.Messages m = ai.suggestMessages(new AiService.MessageRequest("win back", null, 3, "lapsed"));

        assertThat(m.messages()).containsExactly("Hi {{firstName}}, 20% off today!", "Hello friend, come back",
                "Dear {{name|customer}}");
        assertThat(m.source()).isEqualTo("openai");
    }

    @Test
    void noUsableDraft_isReportedAsTheAssistantBeingUnavailable_andBadBriefsAreRejected() {
        drafts.set(List.of("{{a}} {{b}}", " "));
        assertThatThrownBy(() -> ai.suggestMessages(new AiService.MessageRequest("win back", "fun", 2, null)))
                .isInstanceOf(AiAssistant.AiUnavailableException.class);
        assertThatThrownBy(() -> ai.suggestMessages(new AiService.MessageRequest(" ", "fun", 2, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ai.suggestMessages(new AiService.MessageRequest("x", "fun", 0, null))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> ai.suggestMessages(new AiService.MessageRequest("x", "fun", AiService.MAX_VARIANTS + 1, null)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void aProposedRule_isValidated_andRepairedOnceWithTheProblems() {
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com", "visits", 9),
                map("email", "b@example.com", "visits", 1))));
        Object bad = map("field", "visits", "op", "gt", "value", "lots");
        Object good = map("field", "visits", "op", "gt", "value", 5);
        rules.set(r -> new AiAssistant.RuleProposal(r.previous() == null ? bad : good, "openai"));

        AiService.RuleSuggestion s = ai.rulesFromText("people who visit a lot");

        assertThat(s.rule()).isEqualTo(DslParser.parse("visits > 5"));
        assertThat(s.repaired()).isTrue();
        assertThat(s.audienceCount()).isEqualTo(1);
        assertThat(ruleRequests).hasSize(2);
        assertThat(ruleRequests.get(1).previous()).isEqualTo(bad);
        assertThat(ruleRequests.get(1).problems()).extracting(Problem::path).contains("/value");
    }

    @Test
    void aRuleThatStaysInvalid_isA422WithTheReasons() {
        rules.set(r -> new AiAssistant.RuleProposal(map("field", "shoeSize", "op", "gt", "value", 5), "openai"));

        assertThatThrownBy(() -> ai.rulesFromText("big feet")).isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(Problem::path)
                        .contains("/description").anySatisfy(p -> assertThat(p).startsWith("/rules")));
        assertThatThrownBy(() -> ai.rulesFromText(" ")).isInstanceOf(ValidationException.class);
    }

    @Test
    void aSummaryUsesOnlyOurNumbers_elseOurOwnWording() {
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "a@example.com"))));
        Segment s = crm.services.segments().create(new SegmentService.NewSegment("all", null, DslParser.parse("email exists"), "t"));
        Campaign c = crm.services.campaigns().create(new CampaignService.NewCampaign("Spring sale", s.id(), "Hi", null, false, "t"));

        phrasing.set(f -> new AiAssistant.Phrasing("Spring sale reached " + f.audience() + " people.", "openai"));
        assertThat(ai.summarise(c.id()).source()).isEqualTo("openai");

        phrasing.set(f -> new AiAssistant.Phrasing("Spring sale reached 5000 people with a 97% rate.", "openai"));
        AiService.Summary invented = ai.summarise(c.id());
        assertThat(invented.source()).isEqualTo("fallback");
        assertThat(invented.text()).isEqualTo(FactsSummary.render(invented.facts())).doesNotContain("5000");

        phrasing.set(f -> {
            throw new AiAssistant.AiUnavailableException("quota", null);
        });
        assertThat(ai.summarise(c.id()).source()).isEqualTo("fallback");
    }
}
