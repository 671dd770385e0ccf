package io.minicrm.adapter.http.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.minicrm.adapter.http.auth.Authenticator;
import io.minicrm.adapter.http.auth.Principal;
import io.minicrm.adapter.http.guard.HeavyRequests;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.support.KeyedRateLimiter;

/**
 * Registers routes with their access rule: each handler is wrapped so it records its route template
 * (for request metrics), authenticates the caller unless the route is public, and takes a permit of the
 * caller's AI budget on AI routes (429 with {@code Retry-After} when none is left). Heavy routes (imports,
 * bulk ingestion, previews) also take one of the server's {@link HeavyRequests} permits, after the caller is
 * authenticated and before the body is read (503 with {@code Retry-After} when none is free). The metrics
 * route accepts the dedicated metrics token besides the operators.
 */
public final class RouteTable {
    private final RoutesConfig routes;
    private final Authenticator authenticator;
    private final KeyedRateLimiter aiLimiter;
    private final HeavyRequests heavy;
    private final String metricsToken;

    public RouteTable(RoutesConfig routes, Authenticator authenticator, KeyedRateLimiter aiLimiter, HeavyRequests heavy,
                      String metricsToken) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.aiLimiter = aiLimiter;
        this.heavy = heavy;
        this.metricsToken = metricsToken;
    }

    public void get(String path, Access access, Handler handler) {
        add(HandlerType.GET, path, access, handler);
    }

    public void post(String path, Access access, Handler handler) {
        add(HandlerType.POST, path, access, handler);
    }

    /** A POST route whose requests may each take a lot of memory or time: bounded by the heavy-request permits. */
    public void heavyPost(String path, Access access, Handler handler) {
        add(HandlerType.POST, path, access, ctx -> heavy.run(() -> handler.handle(ctx)));
    }

    private void add(HandlerType method, String path, Access access, Handler handler) {
        routes.addHttpHandler(method, path, ctx -> {
            ctx.attribute(Attributes.ROUTE, path);
            if (access == Access.METRICS && isMetricsToken(ctx.header("Authorization"))) {
                handler.handle(ctx);
                return;
            }
            if (access != Access.PUBLIC) {
                Principal p = authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-Api-Key"));
                ctx.attribute(Attributes.PRINCIPAL, p);
                if ((access == Access.OPERATOR || access == Access.METRICS) && !p.admin()
                        && p.kind() != Principal.Kind.API_KEY) {
                    throw ApiProblem.forbidden("this route is for operators: the admin or an API key");
                }
                if (access == Access.AI) {
                    long wait = aiLimiter.tryAcquire(p.id());
                    if (wait > 0) {
                        throw ApiProblem.tooManyRequests(wait);
                    }
                }
            }
            handler.handle(ctx);
        });
    }

    /** Whether the Authorization header carries the metrics token (compared in constant time). */
    private boolean isMetricsToken(String authorization) {
        if (metricsToken == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).strip().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.security.MessageDigest.isEqual(given, metricsToken.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
