package io.minicrm.adapter.openai;

import io.minicrm.application.ai.CampaignFacts;
import io.minicrm.application.port.AiAssistant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The assistant on an OpenAI-compatible chat-completions server (answers labelled {@code "openai"}).
 *
 * <ul>
 *   <li>Messages: asks for a JSON array of {@code count} templates using our placeholders; prose or a
 *       code fence around the array is tolerated, elements that are not text are skipped. An answer with
 *       no usable message at all counts as the service being unavailable (so a {@link FallbackAssistant}
 *       answers instead).</li>
 *   <li>Rules: asks for canonical rule JSON at temperature 0, with the field catalog generated from the
 *       domain; returns the first JSON object or array of the answer as a plain tree. <b>An answer
 *       without JSON is returned as its text</b> (a string tree), which the application's validator
 *       rejects, so its repair round runs and shows the model what it said; a repair request carries the
 *       previous answer and every problem path.</li>
 *   <li>Summaries: gives the facts and asks for text using only their numbers (at most temperature 0.3);
 *       the application checks the numbers.</li>
 * </ul>
 * Network failures, timeouts, 429/5xx after the retries and the daily cap raise
 * {@link AiUnavailableException}. Close it to release the HTTP connection pool.
 */
public final class OpenAiAssistant implements AiAssistant, AutoCloseable {
    public static final String SOURCE = "openai";
    private static final int MAX_ECHO = 2000;
    private static final Pattern FENCE = Pattern.compile("^```[A-Za-z]*\\s*|\\s*```$");

    private final ChatClient chat;
    private final OpenAiSettings settings;
    private final Clock clock;

    public OpenAiAssistant(OpenAiSettings settings) {
        this(settings, Clock.systemUTC());
    }

    public OpenAiAssistant(OpenAiSettings settings, Clock clock) {
        this(new RetrofitChatClient(settings, clock, d -> Thread.sleep(d.toMillis())), settings, clock);
    }

    OpenAiAssistant(ChatClient chat, OpenAiSettings settings, Clock clock) {
        this.chat = chat;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Drafts suggestMessages(Brief brief) {
        String answer = chat.complete(Prompts.messages(brief), settings.temperature());
        List<String> drafts = JsonAnswers.strings(answer).stream()
                .filter(s -> s.length() <= Prompts.MAX_MESSAGE_CHARS * 2)
                .distinct()
                .limit(Math.max(brief.count(), 1) * 2L)
                .toList();
        if (drafts.isEmpty()) {
            throw new AiUnavailableException("the AI service's answer held no message drafts", null);
        }
        return new Drafts(drafts, SOURCE);
    }

    @Override
    public RuleProposal proposeRule(RuleRequest request) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String answer = chat.complete(Prompts.rule(request, today), 0.0);
        Optional<Object> tree = JsonAnswers.first(answer);
        Object proposal = tree.orElseGet(() -> {
            String text = answer.strip();
            return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) : text;
        });
        return new RuleProposal(proposal, SOURCE);
    }

    @Override
    public Phrasing phraseSummary(CampaignFacts facts) {
        String answer = chat.complete(Prompts.summary(facts), Math.min(settings.temperature(), 0.3));
        String text = FENCE.matcher(answer.strip()).replaceAll("").strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return new Phrasing(text, SOURCE);
    }

    @Override
    public void close() {
        chat.close();
    }
}
