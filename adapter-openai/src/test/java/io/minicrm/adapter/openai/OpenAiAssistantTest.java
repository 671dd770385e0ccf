package io.minicrm.adapter.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.adapter.openai.FakeOpenAi.Received;
import io.minicrm.adapter.openai.FakeOpenAi.Reply;
import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.AiAssistant.AiUnavailableException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real OpenAI adapter (openai-gpt3-java's client over OkHttp) against a local OpenAI-compatible server. */
class OpenAiAssistantTest {
    private FakeOpenAi server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private OpenAiAssistant assistant;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAi();
    }

    @AfterEach
    void stop() {
        if (assistant != null) {
            assistant.close();
        }
        server.close();
    }

    private OpenAiSettings settings() {
        return OpenAiSettings.of("sk-test-123").withBaseUrl(server.baseUrl()).withModel("gpt-4o-mini")
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)).withRetries(3, Duration.ofSeconds(20));
    }

    /** The real client, with waits between attempts recorded instead of slept. */
    private OpenAiAssistant assistant(OpenAiSettings s) {
        assistant = new OpenAiAssistant(new RetrofitChatClient(s, Clock.systemUTC(), sleeps::add), s, Clock.systemUTC());
        return assistant;
    }

    private static AiAssistant.Brief brief() {
        return new AiAssistant.Brief("win back customers who stopped ordering", "friendly", 3, "customers inactive for 90 days");
    }

    private static AiAssistant.RuleRequest rule(String description) {
        return new AiAssistant.RuleRequest(description, null, List.of());
    }

    // ---- request shape ----

    @Test
    void sendsModelMessagesTemperatureAndBearerKey() {
        server.then(Reply.answer("[\"Hi {{firstName|there}}, we miss you!\", \"Come back to {{city}}!\", \"20% off for you\"]"));
        AiAssistant.Drafts drafts = assistant(settings().withTemperature(0.4).withMaxTokens(500)).suggestMessages(brief());

        assertThat(drafts.messages()).containsExactly("Hi {{firstName|there}}, we miss you!", "Come back to {{city}}!",
                "20% off for you");
        assertThat(drafts.source()).isEqualTo("openai");
        Received r = server.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.headers()).containsEntry("authorization", "Bearer sk-test-123");
        assertThat(r.headers().get("content-type")).startsWith("application/json");
        assertThat(r.body()).containsEntry("model", "gpt-4o-mini").containsEntry("temperature", 0.4)
                .containsEntry("max_tokens", 500).containsEntry("n", 1)
                .doesNotContainKeys("functions", "function_call", "stop", "logit_bias", "user", "stream");
        assertThat(r.messages()).extracting(m -> m.get("role")).containsExactly("system", "user");
        assertThat(r.message(0)).contains("{{firstName}}", "{{city}}", "{{attributes.<key>}}", "{{firstName|there}}",
                "JSON array of exactly 3 strings");
        assertThat(r.message(1)).contains("Objective: win back customers who stopped ordering", "Tone: friendly",
                "Audience: customers inactive for 90 days");
    }

    @Test
    void aBaseUrlWithAGatewayPrefixKeepsThePrefix() {
        server.then(Reply.answer("[\"Hello {{name}}\"]"));
        assistant(settings().withBaseUrl(server.baseUrl("/gateway/openai"))).suggestMessages(brief());
        assertThat(server.requests().get(0).path()).isEqualTo("/gateway/openai/v1/chat/completions");
    }

    // ---- answers ----

    @Test
    void messagesWrappedInProseAndACodeFenceAreFound() {
        server.then(Reply.answer("Sure! Here are your variants:\n```json\n[\"Hi {{firstName}}!\", \"Hello {{name|friend}}\"]\n```\n"
                + "Let me know if you want more [or fewer] options."));
        assertThat(assistant(settings()).suggestMessages(brief()).messages())
                .containsExactly("Hi {{firstName}}!", "Hello {{name|friend}}");
    }

    @Test
    void messageElementsThatAreNotTextAreSkipped() {
        server.then(Reply.answer("{\"messages\": [\"One {{name}}\", 42, null, {\"text\": \"Two {{city}}\"}, [\"x\"]]}"));
        assertThat(assistant(settings()).suggestMessages(brief()).messages()).containsExactly("One {{name}}", "Two {{city}}");
    }

    @Test
    void numberedLinesAreUsedWhenThereIsNoJson() {
        server.then(Reply.answer("Here you go:\n1. \"Hi {{firstName}}, come back!\"\n2. We miss you, {{name}}.\n"));
        assertThat(assistant(settings()).suggestMessages(brief()).messages())
                .containsExactly("Hi {{firstName}}, come back!", "We miss you, {{name}}.");
    }

    @Test
    void anAnswerWithNoMessageAtAllIsUnavailable() {
        server.then(Reply.answer("I'm sorry, I can't help with that."));
        assertThatThrownBy(() -> assistant(settings()).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("no message drafts");
    }

    @Test
    void aRuleAnswerBecomesAPlainTreeWithExactDecimals() {
        server.then(Reply.answer("{\"and\": [{\"field\": \"totalSpent\", \"op\": \"gt\", \"value\": 10000.50},"
                + " {\"field\": \"tags\", \"op\": \"contains\", \"value\": \"vip\"}]}"));
        AiAssistant.RuleProposal p = assistant(settings()).proposeRule(rule("vips who spent over 10000.50"));
        assertThat(p.source()).isEqualTo("openai");
        assertThat(p.tree()).isEqualTo(Map.of("and", List.of(
                Map.of("field", "totalSpent", "op", "gt", "value", new BigDecimal("10000.50")),
                Map.of("field", "tags", "op", "contains", "value", "vip"))));
        Received r = server.requests().get(0);
        assertThat(r.body()).containsEntry("temperature", 0.0);
        assertThat(r.message(0)).contains("totalSpent: money", "lastOrderAt: date", "notInLastDays", "tags: set of strings",
                "containsAny", "attributes.<key>", "Missing values", "Today is");
        assertThat(r.message(1)).isEqualTo("Description: vips who spent over 10000.50");
    }

    @Test
    void aRuleInProseOrAFenceIsExtracted() {
        server.then(Reply.answer("Here is the rule:\n```json\n{\"field\": \"city\", \"op\": \"eq\", \"value\": \"Pune\"}\n```"))
                .then(Reply.answer("The rule {\"field\": \"visits\", \"op\": \"lt\", \"value\": 3} matches {rarely} people."));
        OpenAiAssistant a = assistant(settings());
        assertThat(a.proposeRule(rule("from Pune")).tree()).isEqualTo(Map.of("field", "city", "op", "eq", "value", "Pune"));
        assertThat(a.proposeRule(rule("few visits")).tree()).isEqualTo(Map.of("field", "visits", "op", "lt", "value", 3));
    }

    @Test
    void aRuleAnswerWithoutJsonIsReturnedAsTextForTheRepairRound() {
        server.then(Reply.answer("I think you mean customers who spent a lot."));
        assertThat(assistant(settings()).proposeRule(rule("big spenders")).tree())
                .isEqualTo("I think you mean customers who spent a lot.");
    }

    @Test
    void aRepairRequestCarriesThePreviousProposalAndEveryProblemPath() {
        server.then(Reply.answer("{\"field\": \"totalSpent\", \"op\": \"gt\", \"value\": 100}"));
        Map<String, Object> previous = Map.of("field", "spend", "op", "gt", "value", 100);
        assistant(settings()).proposeRule(new AiAssistant.RuleRequest("spent over 100", previous,
                List.of(new io.minicrm.domain.shared.Problem("/field", "unknown field \"spend\"; known fields: ..."))));
        Received r = server.requests().get(0);
        assertThat(r.messages()).extracting(m -> m.get("role")).containsExactly("system", "user", "assistant", "user");
        assertThat(r.message(2)).contains("\"field\":\"spend\"");
        assertThat(r.message(3)).contains("/field: unknown field \"spend\"", "corrected rule");
    }

    @Test
    void theSummaryPromptHoldsTheFactsAndTheAnswerIsReturnedAsText() {
        server.then(Reply.answer("\"Diwali blast delivered 950 of 1000 messages (95.0%).\""));
        CampaignFacts facts = new CampaignFacts("Diwali blast", "completed", 1000, 950, 50, 0, 7, 3, 95.0,
                Optional.of(Duration.ofSeconds(125)), Optional.of(90.0), 4);
        AiAssistant.Phrasing p = assistant(settings()).phraseSummary(facts);
        assertThat(p.text()).isEqualTo("Diwali blast delivered 950 of 1000 messages (95.0%).");
        assertThat(p.source()).isEqualTo("openai");
        Received r = server.requests().get(0);
        assertThat(r.message(0)).contains("Use ONLY the facts given");
        assertThat(r.message(1)).contains("recipients (audience): 1000", "delivered (sent): 950", "failed: 50",
                "delivery rate: 95.0%", "sending took: 2 min 5 s", "previous 4 completed campaigns: 90.0%", "better, by 5.0");
        assertThat(((Number) r.body().get("temperature")).doubleValue()).isLessThanOrEqualTo(0.3);
    }

    // ---- failures and retries ----

    @Test
    void a429WithRetryAfterIsWaitedOutThenSucceeds() {
        server.then(Reply.error(429, "rate_limit_exceeded", "Rate limit reached", Map.of("Retry-After", "2")))
                .then(Reply.answer("[\"Hi {{name}}\"]"));
        assertThat(assistant(settings()).suggestMessages(brief()).messages()).containsExactly("Hi {{name}}");
        assertThat(server.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterMillisecondsWinsOverSeconds() {
        server.then(Reply.error(429, "rate_limit_exceeded", "slow down", Map.of("retry-after-ms", "350", "Retry-After", "1")))
                .then(Reply.answer("[\"Hi {{name}}\"]"));
        assistant(settings()).suggestMessages(brief());
        assertThat(sleeps).containsExactly(Duration.ofMillis(350));
    }

    @Test
    void the5xxAreRetriedWithGrowingBackoffThenSucceed() {
        server.then(Reply.error(503, null, "overloaded", Map.of())).then(Reply.error(502, null, "bad gateway", Map.of()))
                .then(Reply.answer("{\"field\": \"visits\", \"op\": \"gt\", \"value\": 1}"));
        assertThat(assistant(settings()).proposeRule(rule("visited more than once")).tree())
                .isEqualTo(Map.of("field", "visits", "op", "gt", "value", 1));
        assertThat(server.requests()).hasSize(3);
        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(625));
        assertThat(sleeps.get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
    }

    @Test
    void persistent5xxMakeItUnavailableAfterTheConfiguredAttempts() {
        server.otherwise(Reply.error(500, null, "boom", Map.of()));
        assertThatThrownBy(() -> assistant(settings()).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(server.requests()).hasSize(3);
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        server.otherwise(Reply.error(429, "insufficient_quota", "You exceeded your current quota", Map.of("Retry-After", "1")));
        assertThatThrownBy(() -> assistant(settings()).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("insufficient_quota");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aWrongKeyIsUnavailableWithoutRetrying() {
        server.otherwise(Reply.error(401, "invalid_api_key", "Incorrect API key provided", Map.of()));
        assertThatThrownBy(() -> assistant(settings()).proposeRule(rule("x"))).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("HTTP 401");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        server.otherwise(Reply.error(429, "rate_limit_exceeded", "wait", Map.of("Retry-After", "120")));
        assertThatThrownBy(() -> assistant(settings()).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("retry in 120 s");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aTimeoutIsUnavailableAndNotRetried() {
        server.otherwise(Reply.answer("[\"too late\"]").after(Duration.ofSeconds(5)));
        OpenAiSettings s = settings().withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> assistant(s).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aServerThatIsDownIsRetriedThenUnavailable() throws Exception {
        OpenAiSettings s = settings();
        server.close();
        assertThatThrownBy(() -> assistant(s).suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("network error");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void theDailyCapStopsRequestsWithoutSendingThem() {
        server.otherwise(Reply.answer("[\"Hi {{name}}\"]"));
        OpenAiAssistant a = assistant(settings().withDailyRequestCap(2));
        a.suggestMessages(brief());
        a.suggestMessages(brief());
        assertThatThrownBy(() -> a.suggestMessages(brief())).isInstanceOf(AiUnavailableException.class)
                .hasMessageContaining("daily OpenAI request cap of 2");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void thePublicConstructorReallySleepsBetweenAttempts() {
        server.then(Reply.error(503, null, "busy", Map.of("retry-after-ms", "200"))).then(Reply.answer("[\"Hi {{name}}\"]"));
        assistant = new OpenAiAssistant(settings());
        long t0 = System.nanoTime();
        assertThat(assistant.suggestMessages(brief()).messages()).containsExactly("Hi {{name}}");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
}
