package io.minicrm.adapter.http.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.minicrm.adapter.http.auth.IdentityProviderUnavailableException;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.problem.ProblemResponder;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 9457 problem: our {@link ApiProblem}s, the domain's exceptions
 * (validation 400, not found 404, illegal state 409), credentials 401, unavailable collaborators 503,
 * Javalin's own 404/405/413, and anything unexpected as a 500 without internals (logged with the
 * request id). A fallback writes a problem for any error status that has no body yet.
 */
public final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private static final int[] FALLBACK_STATUSES = {400, 401, 403, 404, 405, 406, 408, 409, 411, 413, 414, 415, 422,
            429, 431, 500, 501, 502, 503, 504};

    private final ProblemResponder responder;

    public ErrorHandling(ProblemResponder responder) {
        this.responder = responder;
    }

    public void register(RoutesConfig routes) {
        routes.exception(ApiProblem.class, (e, ctx) -> write(ctx, e));
        routes.exception(ValidationException.class, (e, ctx) -> write(ctx, validation(e)));
        routes.exception(NotFoundException.class, (e, ctx) ->
                write(ctx, ApiProblem.of(404, "not-found", "Not found", e.getMessage())));
        routes.exception(DomainException.class, (e, ctx) ->
                write(ctx, ApiProblem.of(409, e.code(), "Conflict with the current state", e.getMessage())
                        .withExtension("reason", e.code())));
        routes.exception(IdentityVerifier.InvalidCredentialsException.class, (e, ctx) ->
                write(ctx, ApiProblem.unauthorized(e.getMessage())));
        routes.exception(IdentityProviderUnavailableException.class, (e, ctx) -> {
            LOG.warn("identity provider unavailable: {}", e.getMessage());
            write(ctx, ApiProblem.of(503, "identity-provider-unavailable", "Sign-in is unavailable", e.getMessage())
                    .withHeader("Retry-After", "30"));
        });
        routes.exception(AiAssistant.AiUnavailableException.class, (e, ctx) ->
                write(ctx, ApiProblem.of(503, "ai-unavailable", "The assistant is unavailable", e.getMessage())
                        .withHeader("Retry-After", "30")));
        routes.exception(WorkQueue.QueueUnavailableException.class, (e, ctx) -> {
            LOG.warn("work queue unavailable: {}", e.getMessage());
            write(ctx, ApiProblem.of(503, "queue-unavailable", "The work queue is unavailable",
                    "the request was not taken; retry shortly").withHeader("Retry-After", "5"));
        });
        routes.exception(InstanceRegistry.RegistryUnavailableException.class, (e, ctx) -> {
            LOG.warn("instance registry unavailable: {}", e.getMessage());
            write(ctx, ApiProblem.of(503, "registry-unavailable", "The instance registry is unavailable",
                    "the instances cannot be listed now; retry shortly").withHeader("Retry-After", "5"));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {} (request {})", ctx.method(), ctx.path(), Attributes.requestId(ctx), e);
            write(ctx, ApiProblem.of(500, "internal", "Internal error",
                    "an unexpected error occurred; quote request id " + Attributes.requestId(ctx) + " when reporting it"));
        });
        for (int status : FALLBACK_STATUSES) {
            routes.error(status, ctx -> {
                if (ctx.attribute(ProblemResponder.WRITTEN) == null && !ctx.res().isCommitted()) {
                    HttpStatus s = HttpStatus.forStatus(ctx.statusCode());
                    write(ctx, ApiProblem.of(ctx.statusCode(), slug(s), s.getMessage(), s.getMessage()));
                }
            });
        }
    }

    /** 400 with every problem of a domain validation. */
    public static ApiProblem validation(ValidationException e) {
        return ApiProblem.of(400, "validation", "Invalid input", e.getMessage()).withErrors(e.problems());
    }

    private void write(Context ctx, ApiProblem p) {
        if (p.status() == 413) {
            drain(ctx);
        }
        if (ctx.res().isCommitted()) {
            LOG.warn("cannot write problem {} on {}: the response is already committed", p.status(), ctx.path());
            return;
        }
        responder.write(ctx, p, Attributes.requestId(ctx));
    }

    /**
     * Reads and discards what is left of a refused body (at most {@value #DRAIN_BYTES} bytes, for at most
     * {@value #DRAIN_MILLIS} ms), so that a client still sending it can read the 413 instead of failing on a
     * closed connection. A larger remainder is not read: the connection is closed after the answer.
     */
    private static void drain(Context ctx) {
        long deadline = System.currentTimeMillis() + DRAIN_MILLIS;
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        try {
            long declared = ctx.req().getContentLengthLong();
            if (declared > 0 && declared > DRAIN_BYTES * 4) {
                return;
            }
            java.io.InputStream in = ctx.req().getInputStream();
            int n;
            while (total < DRAIN_BYTES && System.currentTimeMillis() < deadline && (n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (java.io.IOException | RuntimeException e) {
            LOG.debug("could not drain a refused body: {}", e.toString());
        }
    }

    static final long DRAIN_BYTES = 16L * 1024 * 1024;
    static final long DRAIN_MILLIS = 5000;

    private static ApiProblem fromJavalin(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        HttpStatus s = HttpStatus.forStatus(status);
        if (status == 404) {
            return ApiProblem.of(404, "route-not-found", "Not found", "no route " + ctx.method() + " " + ctx.path());
        }
        if (status == 405) {
            ApiProblem p = ApiProblem.of(405, "method-not-allowed", "Method not allowed",
                    ctx.method() + " is not allowed on " + ctx.path());
            String allowed = e.getDetails().get("availableMethods");
            if (allowed != null) {
                String list = allowed.replaceAll("[\\[\\]\\s]", "").replace(",", ", ");
                p = p.withHeader("Allow", list).withExtension("allowed", list);
            }
            return p;
        }
        if (status == 413) {
            return ApiProblem.of(413, "body-too-large", "Request body too large", "the request body is too large");
        }
        return ApiProblem.of(status, slug(s), s.getMessage(), e.getMessage() == null ? s.getMessage() : e.getMessage());
    }

    private static String slug(HttpStatus s) {
        return s.getMessage().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
