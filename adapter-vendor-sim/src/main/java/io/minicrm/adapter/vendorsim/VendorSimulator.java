package io.minicrm.adapter.vendorsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.minicrm.adapter.vendorsim.VendorProtocol.DeliveryReceipt;
import io.minicrm.adapter.vendorsim.VendorProtocol.ErrorBody;
import io.minicrm.adapter.vendorsim.VendorProtocol.Message;
import io.minicrm.adapter.vendorsim.VendorProtocol.Problem;
import io.minicrm.adapter.vendorsim.VendorProtocol.Result;
import io.minicrm.adapter.vendorsim.VendorProtocol.SendRequest;
import io.minicrm.adapter.vendorsim.VendorProtocol.SendResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A messaging vendor for development, tests and benchmarks, speaking {@link VendorProtocol} over HTTP (Javalin on
 * Jetty). It takes batches, answers each message with a vendor message id, and later posts signed receipts (SENT
 * or FAILED, decided from (seed, idempotency key)) to the receipt URL, with configurable latency, duplicates,
 * reordering and callback retries ({@link SimulatorSettings}). A repeated idempotency key is not sent again: the
 * answer carries the original message id and the original outcome is reported again.
 *
 * <pre>{@code
 * VendorSimulator sim = new VendorSimulator(SimulatorSettings.defaults(secret));
 * URI vendorUrl = sim.start(0);                        // loopback, free port
 * sim.setReceiptUrl(URI.create(api + "/api/receipt")); // once the API's port is known
 * ...
 * sim.close();
 * }</pre>
 */
public final class VendorSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VendorSimulator.class);

    private final SimulatorSettings settings;
    private final Clock clock;
    private final OutcomePlanner planner;
    private final ReceiptDispatcher receipts;
    private final ObjectMapper json = VendorProtocol.strictMapper();
    private final Map<String, Sent> byKey = new ConcurrentHashMap<>();
    private final AtomicLong messagesReceived = new AtomicLong();
    private final AtomicLong duplicateMessages = new AtomicLong();
    private final AtomicLong rejectedMessages = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong unavailableAnswers = new AtomicLong();
    private final AtomicLong duplicateReceipts = new AtomicLong();
    private final AtomicLong keyConflicts = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean available = true;
    private volatile java.util.Set<String> refused = java.util.Set.of();
    private Javalin app;
    private boolean used;
    private URI url;

    /** What was decided for a key, and how often its outcome has been reported. */
    private record Sent(String deliveryId, int attempt, OutcomePlanner.Decision decision, Instant occurredAt,
                        AtomicInteger reports) {
    }

    public VendorSimulator(SimulatorSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock stamps receipts ({@code occurredAt}) and signatures */
    public VendorSimulator(SimulatorSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.planner = new OutcomePlanner(settings.seed(), settings.outcomes(), settings.receiptDelay());
        this.receipts = new ReceiptDispatcher(settings, clock);
    }

    /** Starts on the loopback interface; {@code port} 0 picks a free port. @return the vendor's base URL */
    public URI start(int port) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Starts on {@code address}. A simulator starts once. @return the vendor's base URL */
    public synchronized URI start(InetSocketAddress address) {
        if (used) {
            throw new IllegalStateException("a VendorSimulator starts once; create a new one");
        }
        used = true;
        QueuedThreadPool threads = new QueuedThreadPool(settings.limits().threads(), Math.min(4, settings.limits().threads()));
        threads.setName("vendor-sim-http");
        threads.setDaemon(true);
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            cfg.http.maxRequestSize = settings.limits().maxBodyBytes();
            cfg.jetty.threadPool = threads;
            cfg.routes.post(VendorProtocol.MESSAGES_PATH, this::handleSend);
            cfg.routes.get(VendorProtocol.HEALTH_PATH, this::handleHealth);
            cfg.routes.get(VendorProtocol.STATS_PATH, this::handleStats);
            cfg.routes.get(VendorProtocol.LEDGER_PATH, this::handleLedger);
        });
        try {
            app.start(address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress(),
                    address.getPort());
        } catch (RuntimeException e) {
            app.stop();
            app = null;
            throw new IllegalStateException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        String host = address.getAddress() == null || address.getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : address.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        url = URI.create("http://" + host + ":" + app.port());
        receipts.start();
        LOG.info("vendor simulator listening at {} (receipts to {}, seed {})", url, settings.receiptUrl(), settings.seed());
        return url;
    }

    /** The base URL, once started. */
    public synchronized URI url() {
        if (url == null) {
            throw new IllegalStateException("not started");
        }
        return url;
    }

    /** Where receipts go from now on (receipts already due are retried to the new URL). */
    public void setReceiptUrl(URI receiptUrl) {
        Objects.requireNonNull(receiptUrl, "receiptUrl");
        if (!SimulatorSettings.isHttpUrl(receiptUrl)) {
            throw new IllegalArgumentException("receipt URL must be an http(s) URL with a host: " + receiptUrl);
        }
        receipts.target(receiptUrl);
    }

    /**
     * Makes the vendor refuse, whole, every send request holding a message to one of these e-mail addresses
     * (400, as vendors that validate a request as a unit do): a poison recipient, for robustness tests.
     */
    public void refuseRequestsTo(java.util.Set<String> emails) {
        this.refused = java.util.Set.copyOf(emails);
    }

    /** Switches the vendor down (every send answered 503) or up again. Receipts keep flowing either way. */
    public void setAvailable(boolean up) {
        this.available = up;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public SimulatorCounters counters() {
        return new SimulatorCounters(byKey.size(), messagesReceived.get(), duplicateMessages.get(),
                rejectedMessages.get(), requests.get(), unavailableAnswers.get(), peakInFlight.get(),
                receipts.scheduled.get(), duplicateReceipts.get(), receipts.delivered.get(), receipts.callbacks.get(),
                receipts.failures.get(), receipts.dropped.get(), receipts.pending.get());
    }

    /** Blocks until {@link #close()}. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Stops listening and drops receipts not yet delivered. Idempotent. */
    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
            app = null;
        }
        receipts.close();
        stopped.countDown();
    }

    private void handleSend(Context ctx) throws JsonProcessingException {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
        boolean answerLater = false;
        try {
            if (!available) {
                unavailableAnswers.incrementAndGet();
                ctx.header("Retry-After", "1");
                error(ctx, 503, "vendor temporarily unavailable", List.of());
                return;
            }
            if (!authorised(ctx.header(VendorProtocol.API_KEY_HEADER))) {
                error(ctx, 401, "missing or wrong " + VendorProtocol.API_KEY_HEADER, List.of());
                return;
            }
            SendRequest request;
            try {
                request = json.readValue(ctx.bodyAsBytes(), SendRequest.class);
            } catch (JsonProcessingException e) {
                error(ctx, 400, "malformed send request", List.of(problemOf(e)));
                return;
            } catch (IOException e) {
                error(ctx, 400, "unreadable send request", List.of(new Problem("", e.getMessage())));
                return;
            }
            List<Problem> problems = validate(request);
            if (!problems.isEmpty()) {
                error(ctx, 400, "invalid send request", problems);
                return;
            }
            java.util.Set<String> poison = refused;
            for (int i = 0; i < request.messages().size() && !poison.isEmpty(); i++) {
                Message m = request.messages().get(i);
                if (m.to() != null && m.to().email() != null && poison.contains(m.to().email())) {
                    error(ctx, 400, "invalid send request", List.of(new Problem("messages[" + i + "].to.email",
                            "this recipient is refused")));
                    return;
                }
            }
            if (request.messages().size() > settings.limits().maxBatchSize()) {
                error(ctx, 413, "at most " + settings.limits().maxBatchSize() + " messages per request", List.of());
                return;
            }
            List<Result> results = new ArrayList<>(request.messages().size());
            for (Message m : request.messages()) {
                results.add(accept(m));
            }
            requests.incrementAndGet();
            byte[] answer = json.writeValueAsBytes(new SendResponse(results));
            // registered first, answered later: a sender that times out meanwhile re-sends, and finds its keys known
            long delay = settings.answerDelay().at(ThreadLocalRandom.current().nextDouble()).toMillis();
            if (delay <= 0) {
                respond(ctx, 200, answer);
                return;
            }
            answerLater = true;
            ctx.future(() -> CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, Runnable::run))
                    .whenComplete((v, e) -> inFlight.decrementAndGet())
                    .thenRun(() -> respond(ctx, 200, answer)));
        } finally {
            if (!answerLater) {
                inFlight.decrementAndGet();
            }
        }
    }

    private Result accept(Message m) {
        messagesReceived.incrementAndGet();
        String key = m.idempotencyKey();
        boolean noRecipient = m.to() == null || (isBlank(m.to().email()) && isBlank(m.to().phone()));
        if (noRecipient || isBlank(m.text())) {
            rejectedMessages.incrementAndGet();
            return Result.rejected(key, noRecipient ? "no recipient" : "empty message text", false);
        }
        boolean[] fresh = {false};
        Sent sent = byKey.computeIfAbsent(key, k -> {
            fresh[0] = true;
            return new Sent(m.deliveryId(), m.attempt(), planner.decide(k),
                    clock.instant().plus(planner.plan(k, 0).delay()), new AtomicInteger());
        });
        if (!fresh[0]) {
            duplicateMessages.incrementAndGet();
            if (!sent.deliveryId().equals(m.deliveryId()) || sent.attempt() != m.attempt()) {
                rejectedMessages.incrementAndGet();
                keyConflicts.incrementAndGet();
                return Result.rejected(key, "idempotency key already used for another message", false);
            }
        }
        report(key, sent);
        return Result.accepted(key, sent.decision().vendorMessageId());
    }

    private void report(String key, Sent sent) {
        OutcomePlanner.Decision d = sent.decision();
        DeliveryReceipt receipt = new DeliveryReceipt(sent.deliveryId(), d.vendorMessageId(),
                d.sent() ? VendorProtocol.SENT : VendorProtocol.FAILED, d.reason(), d.sent() ? null : d.retryable(),
                sent.occurredAt().toString(), sent.attempt(), key);
        OutcomePlanner.ReportPlan plan = planner.plan(key, sent.reports().getAndIncrement());
        receipts.schedule(receipt, plan.delay());
        if (plan.duplicateDelay() != null) {
            duplicateReceipts.incrementAndGet();
            receipts.schedule(receipt, plan.duplicateDelay());
        }
    }

    private static List<Problem> validate(SendRequest request) {
        List<Problem> problems = new ArrayList<>();
        if (request == null || request.messages() == null) {
            problems.add(new Problem("messages", "required"));
            return problems;
        }
        for (int i = 0; i < request.messages().size(); i++) {
            Message m = request.messages().get(i);
            String at = "messages[" + i + "]";
            if (m == null) {
                problems.add(new Problem(at, "must be an object"));
                continue;
            }
            if (isBlank(m.idempotencyKey())) {
                problems.add(new Problem(at + ".idempotencyKey", "required"));
            }
            if (isBlank(m.deliveryId())) {
                problems.add(new Problem(at + ".deliveryId", "required"));
            }
            if (m.attempt() == null || m.attempt() < 1) {
                problems.add(new Problem(at + ".attempt", "required, >= 1"));
            }
        }
        return problems;
    }

    private static Problem problemOf(JsonProcessingException e) {
        StringBuilder path = new StringBuilder();
        if (e instanceof JsonMappingException jm) {
            for (JsonMappingException.Reference r : jm.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
        }
        return new Problem(path.toString(), e.getOriginalMessage());
    }

    private boolean authorised(String given) {
        if (settings.apiKey() == null) {
            return true;
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                settings.apiKey().getBytes(StandardCharsets.UTF_8));
    }

    private void handleHealth(Context ctx) throws JsonProcessingException {
        respond(ctx, available ? 200 : 503, json.writeValueAsBytes(Map.of("status", available ? "up" : "down")));
    }

    private void handleStats(Context ctx) throws JsonProcessingException {
        respond(ctx, 200, json.writeValueAsBytes(counters()));
    }

    /** One idempotency key as the vendor saw it: its message, its outcome, and how many send requests named it. */
    public record LedgerEntry(String idempotencyKey, String deliveryId, int attempt, String outcome, Boolean retryable,
                              String vendorMessageId, int requests) {
    }

    /** Every key seen, plus how many sends reused a key for another message (a sender's bug). */
    public record Ledger(long keyConflicts, List<LedgerEntry> entries) {
    }

    public Ledger ledger() {
        List<LedgerEntry> entries = new ArrayList<>(byKey.size());
        byKey.forEach((key, sent) -> {
            OutcomePlanner.Decision d = sent.decision();
            entries.add(new LedgerEntry(key, sent.deliveryId(), sent.attempt(), d.sent() ? VendorProtocol.SENT : VendorProtocol.FAILED,
                    d.sent() ? null : d.retryable(), d.vendorMessageId(), sent.reports().get()));
        });
        return new Ledger(keyConflicts.get(), entries);
    }

    private void handleLedger(Context ctx) throws JsonProcessingException {
        respond(ctx, 200, json.writeValueAsBytes(ledger()));
    }

    private void error(Context ctx, int status, String message, List<Problem> problems) throws JsonProcessingException {
        respond(ctx, status, json.writeValueAsBytes(new ErrorBody(message, problems)));
    }

    private static void respond(Context ctx, int status, byte[] body) {
        ctx.status(status).contentType("application/json").result(body);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
