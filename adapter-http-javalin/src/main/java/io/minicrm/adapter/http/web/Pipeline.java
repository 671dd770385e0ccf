package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.RequestObserver;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What runs around every request: a request id (a sane incoming {@code X-Request-Id} or a new one) on the
 * response and in the SLF4J MDC, security headers, and at the end the request observer (metrics) and
 * an access log line at debug level.
 */
public final class Pipeline {
    private static final Logger ACCESS = LoggerFactory.getLogger("io.minicrm.adapter.http.access");
    private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final RequestObserver observer;

    public Pipeline(RequestObserver observer) {
        this.observer = observer;
    }

    public void before(Context ctx) {
        ctx.attribute(Attributes.STARTED, System.nanoTime());
        String incoming = ctx.header("X-Request-Id");
        String id = incoming != null && SANE_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.attribute(Attributes.REQUEST_ID, id);
        MDC.put(Attributes.MDC_REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
        ctx.header("X-Content-Type-Options", "nosniff");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    public void after(Context ctx) {
        try {
            Long started = ctx.attribute(Attributes.STARTED);
            long nanos = started == null ? 0 : System.nanoTime() - started;
            String route = ctx.attribute(Attributes.ROUTE);
            String template = route == null ? "unmatched" : route;
            int status = ctx.statusCode();
            try {
                observer.observe(ctx.method().name(), template, status, nanos);
            } catch (RuntimeException e) {
                ACCESS.warn("request observer failed: {}", e.toString());
            }
            if (ACCESS.isDebugEnabled()) {
                ACCESS.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(), status, nanos / 1_000_000.0);
            }
        } finally {
            MDC.remove(Attributes.MDC_REQUEST_ID);
        }
    }
}
