package io.minicrm.adapter.http;

import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the bootstrap plugs into the HTTP adapter besides the use cases.
 *
 * @param readiness named readiness checks ({@code "mongo" -> true}); {@code GET /ready} answers 503 when
 *                  any is false or the supplier throws
 * @param metrics   the Prometheus text exposition served at {@code GET /metrics}
 * @param observer  told about every finished request (method, route template, status, duration)
 */
public record HttpHooks(Supplier<Map<String, Boolean>> readiness, Supplier<String> metrics, RequestObserver observer) {
    public HttpHooks {
        readiness = readiness == null ? Map::of : readiness;
        metrics = metrics == null ? () -> "" : metrics;
        observer = observer == null ? RequestObserver.NONE : observer;
    }

    /** No readiness checks, empty metrics, no observer. */
    public static HttpHooks none() {
        return new HttpHooks(null, null, null);
    }

    public HttpHooks withReadiness(Supplier<Map<String, Boolean>> checks) {
        return new HttpHooks(Objects.requireNonNull(checks), metrics, observer);
    }

    public HttpHooks withMetrics(Supplier<String> scrape) {
        return new HttpHooks(readiness, Objects.requireNonNull(scrape), observer);
    }

    public HttpHooks withObserver(RequestObserver o) {
        return new HttpHooks(readiness, metrics, Objects.requireNonNull(o));
    }
}
