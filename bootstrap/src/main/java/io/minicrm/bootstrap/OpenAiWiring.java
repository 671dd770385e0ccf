package io.minicrm.bootstrap;

import io.minicrm.adapter.openai.AiAssistants;
import io.minicrm.adapter.openai.OpenAiSettings;
import io.minicrm.application.port.AiAssistant;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The OpenAI assistant with the offline one as fallback (adapter-openai). Loaded only when OpenAI is chosen. */
final class OpenAiWiring {
    private OpenAiWiring() {
    }

    static AiAssistant assistant(String apiKey, String model, ServerOptions server, Clock clock) {
        Optional<OpenAiSettings> settings;
        if (apiKey != null) {
            Map<String, String> env = new HashMap<>();
            env.put("OPENAI_API_KEY", apiKey);
            if (model != null) {
                env.put("OPENAI_MODEL", model);
            }
            try {
                settings = OpenAiSettings.fromEnv(env);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        } else {
            settings = server.config().openAi();
        }
        return AiAssistants.create(settings, clock);
    }
}
