package io.minicrm.adapter.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.Location;
import io.minicrm.adapter.http.auth.Authenticator;
import io.minicrm.adapter.http.auth.ReceiptSignature;
import io.minicrm.adapter.http.auth.SessionTokens;
import io.minicrm.adapter.http.auth.SignInCodes;
import io.minicrm.adapter.http.guard.PublicBodyGate;
import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.problem.CoreProblems;
import io.minicrm.adapter.http.problem.ProblemResponder;
import io.minicrm.adapter.http.problem.ServerErrorHandler;
import io.minicrm.adapter.http.web.ConsoleRoutes;
import io.minicrm.adapter.http.web.ErrorHandling;
import io.minicrm.adapter.http.web.Pipeline;
import io.minicrm.adapter.http.web.Routes;
import io.minicrm.application.support.KeyedRateLimiter;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;

/**
 * The Mini CRM REST API on Javalin: every route of {@code docs/api.md} over the use cases it is given
 * ({@link HttpUseCases}), with authentication, RFC 9457 problems, request ids, CORS, paging, body limits,
 * per-caller AI rate limits, an OpenAPI document ({@code /openapi.json}) and Swagger UI ({@code /docs}).
 *
 * <pre>{@code
 * HttpApi api = new HttpApi(useCases, httpSettings, hooks);
 * int port = api.start(0);   // 0: any free port
 * ...
 * api.stop();                // stops accepting, lets in-flight requests finish (HttpSettings.stopTimeout)
 * }</pre>
 *
 * The background work behind the use cases is started and stopped by the caller, not here. An instance serves once:
 * after {@link #stop()} it cannot be started again.
 */
public final class HttpApi {
    /** A registered route: HTTP method and path template (e.g. {@code GET /api/campaigns/{id}}). */
    public record Route(String method, String path) {
    }

    private static final Set<HandlerType> HTTP_METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);

    /** While stopping: how long an idle connection (or a stalled upload) is kept. */
    static final long SHUTDOWN_IDLE_TIMEOUT_MS = 1000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpApi.class);

    private final HttpUseCases services;
    private final HttpSettings settings;
    private final HttpHooks hooks;
    private final JsonSupport json;
    private final SessionTokens sessions;
    private final SignInCodes signInCodes;
    private final Authenticator authenticator;
    private final ReceiptSignature receiptSignature;
    private final KeyedRateLimiter aiLimiter;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private Javalin app;
    private boolean used;

    public HttpApi(HttpUseCases services, HttpSettings settings, HttpHooks hooks) {
        this(services, settings, hooks, Clock.systemUTC());
    }

    /** @param clock time of session tokens, receipt signatures and the AI daily cap */
    public HttpApi(HttpUseCases services, HttpSettings settings, HttpHooks hooks, Clock clock) {
        this.services = Objects.requireNonNull(services, "services");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.hooks = hooks == null ? HttpHooks.none() : hooks;
        Objects.requireNonNull(clock, "clock");
        this.json = new JsonSupport(Math.max(settings.maxBulkBodyBytes(), settings.maxImportBodyBytes()));
        this.sessions = new SessionTokens(settings.sessionSecret(), settings.sessionTtl(), clock);
        this.signInCodes = new SignInCodes(clock);
        this.authenticator = new Authenticator(settings.apiKeys(), settings.adminToken(), settings.localMode(),
                settings.allowedDomains(), sessions, services.signIn());
        this.receiptSignature = new ReceiptSignature(settings.vendorWebhookSecret(), settings.receiptTolerance(), clock);
        this.aiLimiter = new KeyedRateLimiter(settings.aiRequestsPerMinute(), settings.aiDailyCap(), clock);
    }

    /**
     * Starts serving on every interface.
     * @param port the port, or 0 for a free one
     * @return the port it listens on
     */
    public int start(int port) {
        return start(null, port);
    }

    /**
     * Starts serving.
     * @param host the address to bind to ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0} or null: every
     *             interface)
     * @param port the port, or 0 for a free one
     * @return the port it listens on
     */
    public synchronized int start(String host, int port) {
        if (used) {
            throw new IllegalStateException("an HttpApi serves once; create a new one");
        }
        used = true;
        app = Javalin.create(cfg -> configure(cfg, host, port));
        app.start();
        return app.port();
    }

    /** The port it listens on. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /**
     * Stops gracefully: {@code /ready} turns 503, the server stops accepting connections, requests in
     * flight finish (up to {@link HttpSettings#stopTimeout()}; idle keep-alive connections, and uploads that
     * stall for more than a second, are closed), then it shuts down. Never throws: a stop that times out is
     * logged and completed.
     */
    public synchronized void stop() {
        if (app == null || stopping.getAndSet(true)) {
            return;
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("the HTTP server did not stop gracefully within {}: {}", settings.stopTimeout(), e.toString());
        }
    }

    /**
     * A one-time code that signs the local admin in ({@code POST /api/auth/code}); the web console reads it
     * from a link {@code <base>/#code=<code>}. Valid once, for {@link SignInCodes#TTL}.
     * @throws IllegalStateException when there is no local admin (no admin token configured)
     */
    public String issueSignInCode() {
        if (settings.adminToken() == null) {
            throw new IllegalStateException("no local admin: sign-in codes need an admin token");
        }
        return signInCodes.issue();
    }

    /** The HTTP routes as Javalin has them registered (method and path template), sorted. */
    public synchronized List<Route> routes() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> HTTP_METHODS.contains(e.method))
                .map(e -> new Route(e.method.name(), e.path))
                .distinct()
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }

    /**
     * The gate of the public routes with a body: receipts (signature header checked before the body is read,
     * small body, callbacks in progress capped) and Google sign-in (small body, capped).
     */
    private PublicBodyGate publicBodyGate(Safeguards guards) {
        PublicBodyGate.Route receipts = new PublicBodyGate.Route(guards.maxReceiptBodyBytes(),
                guards.maxReceiptConnections(), request -> {
                    try {
                        receiptSignature.precheck(request.getHeaders().get(ReceiptSignature.HEADER));
                        return null;
                    } catch (ReceiptSignature.InvalidSignatureException e) {
                        return ApiProblem.of(401, "invalid-signature", "Invalid vendor signature", e.getMessage());
                    }
                });
        PublicBodyGate.Route signIn = new PublicBodyGate.Route(Safeguards.MAX_SIGN_IN_BODY_BYTES,
                guards.maxReceiptConnections(), null);
        return new PublicBodyGate(java.util.Map.of("/api/receipt", receipts, "/api/auth/google", signIn),
                new CoreProblems(json));
    }

    private void configure(JavalinConfig cfg, String host, int port) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.prefer405over404 = true;
        cfg.http.maxRequestSize = settings.maxBodyBytes();
        Safeguards guards = settings.safeguards();
        cfg.jetty.modifyServer(server -> {
            server.setStopTimeout(settings.stopTimeout().toMillis());
            // inserted innermost first: MinimumDataRate -> PublicBodyGate -> SameOriginRequests -> Graceful -> the application
            server.insertHandler(new GracefulHandler());
            server.insertHandler(new SameOriginRequests());   // the console's own requests are not cross-origin
            server.insertHandler(publicBodyGate(guards));
            if (guards.minRequestDataRate() > 0) {
                server.insertHandler(new MinimumDataRateHandler(guards.minRequestDataRate(), 0));
            }
            server.setErrorHandler(new ServerErrorHandler(json));
        });
        cfg.jetty.addConnector((server, httpConfiguration) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration));
            connector.setPort(port);
            if (host != null) {
                connector.setHost(host);
            }
            // a connection with nothing to read or write for this long is closed: idle or stalled clients hold nothing
            connector.setIdleTimeout(guards.idleTimeout().toMillis());
            // while stopping, idle keep-alive connections close after this; so does a request whose body stalls longer
            connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
            return connector;
        });
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add(files -> {   // the web console's scripts and styles (its page is GET /)
            files.hostedPath = ConsoleRoutes.HOSTED_PATH;
            files.directory = ConsoleRoutes.ASSETS;
            files.location = Location.CLASSPATH;
            files.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
        cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
            if (settings.corsOrigins().contains("*")) {
                rule.anyHost(); // any origin, never with credentials (browsers refuse that, and it would be unsafe)
            } else if (!settings.corsOrigins().isEmpty()) {
                List<String> origins = settings.corsOrigins();
                rule.allowHost(origins.get(0), origins.subList(1, origins.size()).toArray(String[]::new));
                // the configured origins may send credentials, as the old frontend's sign-in does (withCredentials)
                rule.allowCredentials = true;
            }
            for (String h : List.of("X-Request-Id", "Link", "X-Next-Cursor", "Retry-After", "Location", "X-AI-Source")) {
                rule.exposeHeader(h);
            }
        }));
        Pipeline pipeline = new Pipeline(hooks.observer());
        cfg.routes.before(pipeline::before);
        cfg.routes.after(pipeline::after);
        new ErrorHandling(new ProblemResponder(json)).register(cfg.routes);
        new Routes(services, settings, hooks, json, sessions, signInCodes, authenticator, receiptSignature, aiLimiter, stopping::get)
                .register(cfg.routes);
    }
}
