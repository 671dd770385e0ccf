package io.minicrm.adapter.http.guard;

import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.problem.CoreProblems;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The gate in front of the public routes that take a body (the vendor's receipt callback, Google sign-in),
 * which anyone on the network can reach without credentials. Before a thread is given to such a request:
 * <ol>
 *   <li>the checks that need no body run (for receipts: the signature header is present, well formed and
 *       fresh); a request failing them is answered at once (401) and its body is never read;</li>
 *   <li>a body declared far over the route's cap is refused (413) without being read;</li>
 *   <li>at most {@code maxConcurrent} requests of the route are in progress at once; more get 503 with
 *       {@code Retry-After};</li>
 *   <li>the whole body is then read without blocking a thread ({@link EagerContentHandler}: a client sending it
 *       slowly holds a connection, not a thread, until the idle timeout or the minimum data rate ends it), and
 *       only then is the request handed to the application, which reads it from memory.</li>
 * </ol>
 */
public final class PublicBodyGate extends Handler.Wrapper {
    /** One guarded route. {@code precheck} answers the problem to refuse with, or null to go on. */
    public record Route(long maxBodyBytes, int maxConcurrent, Function<Request, ApiProblem> precheck) {
        public Route {
            if (maxBodyBytes < 1 || maxConcurrent < 1) {
                throw new IllegalArgumentException("maxBodyBytes and maxConcurrent must be >= 1");
            }
            precheck = precheck == null ? r -> null : precheck;
        }
    }

    private final Map<String, Route> routes;
    private final Map<String, AtomicInteger> inProgress;
    private final CoreProblems problems;
    private final EagerContentHandler eager;
    private final long maxLoaded;

    /** @param routes the guarded POST routes by exact path */
    public PublicBodyGate(Map<String, Route> routes, CoreProblems problems) {
        this.routes = Map.copyOf(routes);
        this.inProgress = routes.keySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(p -> p,
                p -> new AtomicInteger()));
        this.problems = problems;
        long largest = routes.values().stream().mapToLong(Route::maxBodyBytes).max().orElse(1);
        // what is held while loading counts some framing per chunk on top of the content: leave room for it. The
        // application enforces each route's exact limit on the loaded body (and answers 413 once the client has
        // sent it all, so the client reads the answer); only a body declared larger than what is ever loaded is
        // refused here without reading it
        this.maxLoaded = largest + largest / 4 + 8192;
        this.eager = new EagerContentHandler(new EagerContentHandler.RetainedContentLoaderFactory(maxLoaded, -1, true));
        routes.keySet().forEach(eager::includePath);
        eager.includeMethod("POST");
        addBean(eager, true);
    }

    @Override
    public void setHandler(Handler handler) {
        super.setHandler(handler);
        eager.setHandler(handler);
    }

    @Override
    public void setServer(org.eclipse.jetty.server.Server server) {
        super.setServer(server);
        eager.setServer(server);
    }

    /** Requests of {@code path} in progress now. */
    public int inProgress(String path) {
        AtomicInteger n = inProgress.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Route route = routes.get(path);
        if (route == null || !"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        ApiProblem early = route.precheck().apply(request);
        if (early != null) {
            return problems.write(request, response, callback, early);
        }
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > maxLoaded) {
            return problems.write(request, response, callback, ApiProblem.tooLarge(route.maxBodyBytes()));
        }
        AtomicInteger count = inProgress.get(path);
        if (count.incrementAndGet() > route.maxConcurrent()) {
            count.decrementAndGet();
            return problems.write(request, response, callback, ApiProblem.of(503, "busy", "Too many requests in progress",
                    "at most " + route.maxConcurrent() + " requests to " + path + " are handled at once; retry shortly")
                    .withHeader("Retry-After", "1"));
        }
        Releasing release = new Releasing(callback, count);
        try {
            if (eager.handle(request, response, release)) {
                return true;
            }
            release.free();
            return false;
        } catch (Throwable t) {
            release.free();
            throw t;
        }
    }

    /** The request's callback, giving the route's slot back (once) when the request completes either way. */
    private static final class Releasing implements Callback {
        private final Callback callback;
        private final AtomicInteger count;
        private final java.util.concurrent.atomic.AtomicBoolean freed = new java.util.concurrent.atomic.AtomicBoolean();

        Releasing(Callback callback, AtomicInteger count) {
            this.callback = callback;
            this.count = count;
        }

        void free() {
            if (freed.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        }

        @Override
        public void succeeded() {
            free();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            free();
            callback.failed(x);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }
}
