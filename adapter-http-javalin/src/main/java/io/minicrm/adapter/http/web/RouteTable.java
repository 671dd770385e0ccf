package io.minicrm.adapter.http.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.minicrm.adapter.http.auth.Authenticator;
import io.minicrm.adapter.http.auth.Principal;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.support.KeyedRateLimiter;

/**
 * Registers routes with their access rule: each handler is wrapped so it records its route template
 * (for request metrics), authenticates the caller unless the route is public, and takes a permit of the
 * caller's AI budget on AI routes (429 with {@code Retry-After} when none is left).
 */
public final class RouteTable {
    private final RoutesConfig routes;
    private final Authenticator authenticator;
    private final KeyedRateLimiter aiLimiter;

    public RouteTable(RoutesConfig routes, Authenticator authenticator, KeyedRateLimiter aiLimiter) {
        this.routes = routes;
        this.authenticator = authenticator;
        this.aiLimiter = aiLimiter;
    }

    public void get(String path, Access access, Handler handler) {
        add(HandlerType.GET, path, access, handler);
    }

    public void post(String path, Access access, Handler handler) {
        add(HandlerType.POST, path, access, handler);
    }

    private void add(HandlerType method, String path, Access access, Handler handler) {
        routes.addHttpHandler(method, path, ctx -> {
            ctx.attribute(Attributes.ROUTE, path);
            if (access != Access.PUBLIC) {
                Principal p = authenticator.authenticate(ctx.header("Authorization"), ctx.header("X-Api-Key"));
                ctx.attribute(Attributes.PRINCIPAL, p);
                if (access == Access.OPERATOR && !p.admin() && p.kind() != Principal.Kind.API_KEY) {
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
}
