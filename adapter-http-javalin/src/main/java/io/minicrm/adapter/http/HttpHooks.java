package io.minicrm.adapter.http;

import java.io.IOException;
import java.io.OutputStream;
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
 * @param backup    writes a consistent snapshot of the store ({@code GET /api/admin/backup}); null when the
 *                  store is not one this server can snapshot (MongoDB: its own tools)
 */
public record HttpHooks(Supplier<Map<String, Boolean>> readiness, Supplier<String> metrics, RequestObserver observer,
                        StoreBackup backup) {
    public HttpHooks {
        readiness = readiness == null ? Map::of : readiness;
        metrics = metrics == null ? () -> "" : metrics;
        observer = observer == null ? RequestObserver.NONE : observer;
    }

    public HttpHooks(Supplier<Map<String, Boolean>> readiness, Supplier<String> metrics, RequestObserver observer) {
        this(readiness, metrics, observer, null);
    }

    /** No readiness checks, empty metrics, no observer, no backup. */
    public static HttpHooks none() {
        return new HttpHooks(null, null, null, null);
    }

    public HttpHooks withReadiness(Supplier<Map<String, Boolean>> checks) {
        return new HttpHooks(Objects.requireNonNull(checks), metrics, observer, backup);
    }

    public HttpHooks withMetrics(Supplier<String> scrape) {
        return new HttpHooks(readiness, Objects.requireNonNull(scrape), observer, backup);
    }

    public HttpHooks withObserver(RequestObserver o) {
        return new HttpHooks(readiness, metrics, Objects.requireNonNull(o), backup);
    }

    public HttpHooks withBackup(StoreBackup b) {
        return new HttpHooks(readiness, metrics, observer, Objects.requireNonNull(b));
    }

    /** Writes a snapshot of the store to a stream. */
    @FunctionalInterface
    public interface StoreBackup {
        void writeTo(OutputStream out) throws IOException;
    }
}
