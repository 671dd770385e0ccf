package io.minicrm.bootstrap;

import io.minicrm.application.port.Metrics;
import java.util.function.Consumer;

/**
 * What the standalone server adds to a {@link MiniCrm.Builder}: its configuration (the adapters' own settings
 * from the environment, HTTP limits, sign-in), test tuning, metrics, the local admin token, and a step run just
 * before the background work starts. Only the server path reads it, so an embedding application never loads
 * an adapter it did not choose.
 */
record ServerOptions(Config config, Application.Tuning tuning, Metrics metrics, String adminToken,
                     Application application, Consumer<MiniCrm> beforeStart) {
    boolean openAiConfigured() {
        return config.openAiApiKey().isPresent();
    }
}
