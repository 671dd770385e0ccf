package io.minicrm.adapter.openai;

import io.minicrm.application.ai.offline.OfflineAssistant;
import io.minicrm.application.port.AiAssistant;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Builds the assistant the application runs with: with OpenAI settings (an API key configured), the
 * OpenAI assistant backed by the offline one ({@link FallbackAssistant}); without, the offline
 * assistant alone. The result may hold an HTTP client: close it on shutdown when it is
 * {@link AutoCloseable}.
 */
public final class AiAssistants {
    private AiAssistants() {
    }

    public static AiAssistant create(Optional<OpenAiSettings> openAi) {
        return create(openAi, Clock.systemUTC());
    }

    public static AiAssistant create(Optional<OpenAiSettings> openAi, Clock clock) {
        OfflineAssistant offline = new OfflineAssistant();
        if (openAi.isEmpty()) {
            return offline;
        }
        return new FallbackAssistant(new OpenAiAssistant(openAi.get(), clock), offline,
                Duration.ofSeconds(30), clock);
    }
}
