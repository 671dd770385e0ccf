package io.minicrm.adapter.openai;

import java.util.List;

/**
 * One chat completion: the conversation in, the text of the first choice out. The seam between the
 * prompts/parsing ({@link OpenAiAssistant}) and the HTTP library ({@link RetrofitChatClient}), so the
 * library can be swapped without touching the prompts.
 */
interface ChatClient extends AutoCloseable {

    /** A chat message: {@code system}, {@code user} or {@code assistant}. */
    record Turn(String role, String content) {
        static Turn system(String text) {
            return new Turn("system", text);
        }

        static Turn user(String text) {
            return new Turn("user", text);
        }

        static Turn assistant(String text) {
            return new Turn("assistant", text);
        }
    }

    /**
     * @return the answer's text (empty when the model returned no content)
     * @throws io.minicrm.application.port.AiAssistant.AiUnavailableException when no answer could be had
     */
    String complete(List<Turn> turns, double temperature);

    @Override
    void close();
}
