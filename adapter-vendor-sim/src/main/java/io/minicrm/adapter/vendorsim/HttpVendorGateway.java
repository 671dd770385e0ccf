package io.minicrm.adapter.vendorsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.vendorsim.VendorProtocol.Message;
import io.minicrm.adapter.vendorsim.VendorProtocol.Recipient;
import io.minicrm.adapter.vendorsim.VendorProtocol.Result;
import io.minicrm.adapter.vendorsim.VendorProtocol.SendRequest;
import io.minicrm.adapter.vendorsim.VendorProtocol.SendResponse;
import io.minicrm.application.port.VendorGateway;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VendorGateway} over HTTP ({@link VendorProtocol}): posts each batch as JSON with every message's
 * idempotency key, at most {@link GatewaySettings#maxBatchSize()} messages per request (a larger batch is
 * split and its parts go out in parallel) and at most {@link GatewaySettings#maxConcurrentRequests()}
 * requests in flight over all callers. Unreachable vendor, timeout, {@code 429}/{@code 5xx}, or an answer
 * that is not one well-formed result per message in order: {@link VendorUnavailableException}, and the
 * application sends the batch again later under the same keys (the vendor does not send a key twice).
 * Thread-safe.
 */
public final class HttpVendorGateway implements VendorGateway, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpVendorGateway.class);
    private static final long GRACE_MILLIS = 250;

    private final GatewaySettings settings;
    private final HttpClient client;
    private final ExecutorService executor;
    private final Semaphore slots;
    private final ObjectMapper json = VendorProtocol.lenientMapper();

    public HttpVendorGateway(GatewaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "vendor-gateway-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .executor(executor)
                .build();
        this.slots = new Semaphore(settings.maxConcurrentRequests(), true);
    }

    public GatewaySettings settings() {
        return settings;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.isEmpty()) {
            return List.of();
        }
        // When a part fails, the parts already on their way finish on their own (and then free their slots): the
        // vendor may have taken them, which is fine, since the application sends the whole batch again under the
        // same keys.
        List<Call> calls = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += settings.maxBatchSize()) {
            calls.add(start(batch.subList(from, Math.min(batch.size(), from + settings.maxBatchSize()))));
        }
        List<SendResult> results = new ArrayList<>(batch.size());
        for (Call call : calls) {
            results.addAll(call.await());
        }
        return results;
    }

    private Call start(List<OutboundMessage> part) {
        byte[] body = encode(part);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.messagesEndpoint())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.apiKey() != null) {
            request.header(VendorProtocol.API_KEY_HEADER, settings.apiKey());
        }
        Slot slot = acquire();
        CompletableFuture<HttpResponse<byte[]>> response;
        try {
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            slot.release();
            throw unavailable("could not send the request: " + e.getMessage(), e);
        }
        // The client's own timeout ends a request whose answer does not start in time; this hard deadline also
        // ends one whose body stalls. The slot is freed when the exchange has ended, not when a caller gives up.
        response.orTimeout(settings.requestTimeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> slot.release());
        return new Call(part, response);
    }

    private Slot acquire() {
        try {
            if (!slots.tryAcquire(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw unavailable("all " + settings.maxConcurrentRequests() + " request slots stayed busy for "
                        + settings.requestTimeout(), null);
            }
            return new Slot();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for a request slot", e);
        }
    }

    private byte[] encode(List<OutboundMessage> part) {
        List<Message> messages = new ArrayList<>(part.size());
        for (OutboundMessage m : part) {
            messages.add(new Message(m.idempotencyKey(), m.deliveryId().value(), m.attempt(),
                    m.campaignId() == null ? null : m.campaignId().value(), new Recipient(m.toEmail(), m.toPhone()),
                    m.text()));
        }
        try {
            return json.writeValueAsBytes(new SendRequest(messages));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a send request", e);
        }
    }

    private List<SendResult> decode(List<OutboundMessage> part, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
            throw unavailable("vendor answered " + status + " (try later)", null);
        }
        if (status == 401 || status == 403) {
            LOG.error("vendor refused our credentials ({}): check VENDOR_API_KEY", status);
            throw unavailable("vendor refused our credentials (" + status + ")", null);
        }
        if (status == 408) {
            throw unavailable("vendor answered 408 (try later)", null);
        }
        if (status >= 400 && status <= 499) {
            // the request itself was refused: sending it again as it is cannot succeed (the dispatcher splits it)
            LOG.warn("vendor refused a request of {} messages with {}: {}", part.size(), status, snippet(response.body()));
            throw new VendorGateway.RequestRefusedException("vendor refused the request with " + status + ": "
                    + snippet(response.body()));
        }
        if (status < 200 || status > 299) {
            LOG.error("vendor answered {}: {}", status, snippet(response.body()));
            throw unavailable("vendor answered " + status + ": " + snippet(response.body()), null);
        }
        SendResponse answer;
        try {
            answer = json.readValue(response.body(), SendResponse.class);
        } catch (IOException e) {
            throw unavailable("vendor answer is not a results document: " + snippet(response.body()), e);
        }
        if (answer == null || answer.results() == null) {
            throw unavailable("vendor answer has no results: " + snippet(response.body()), null);
        }
        if (answer.results().size() != part.size()) {
            throw unavailable("vendor answered " + answer.results().size() + " results for " + part.size()
                    + " messages", null);
        }
        List<SendResult> out = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            out.add(toResult(i, part.get(i).idempotencyKey(), answer.results().get(i)));
        }
        return out;
    }

    private static SendResult toResult(int i, String key, Result r) {
        if (r == null || !key.equals(r.idempotencyKey())) {
            throw unavailable("results[" + i + "] is not the result for idempotency key " + key, null);
        }
        if (VendorProtocol.ACCEPTED.equals(r.status())) {
            if (r.vendorMessageId() == null || r.vendorMessageId().isBlank()) {
                throw unavailable("results[" + i + "] is accepted without a vendorMessageId", null);
            }
            return new Accepted(r.vendorMessageId());
        }
        if (VendorProtocol.REJECTED.equals(r.status())) {
            String reason = r.reason() == null || r.reason().isBlank() ? "rejected by vendor" : r.reason();
            return new Rejected(reason, Boolean.TRUE.equals(r.retryable()));
        }
        throw unavailable("results[" + i + "] has unknown status '" + r.status() + "'", null);
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return body.length > 200 ? s + "..." : s;
    }

    private static VendorUnavailableException unavailable(String message, Throwable cause) {
        return new VendorUnavailableException(message, cause);
    }

    /** Stops the gateway's threads; calls in progress fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** A request slot, given back exactly once. */
    private final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        void release() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }
    }

    /** One request in flight for part of a batch. */
    private final class Call {
        private final List<OutboundMessage> part;
        private final CompletableFuture<HttpResponse<byte[]>> response;

        Call(List<OutboundMessage> part, CompletableFuture<HttpResponse<byte[]>> response) {
            this.part = part;
            this.response = response;
        }

        List<SendResult> await() {
            try {
                return decode(part, response.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("interrupted while waiting for the vendor", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof HttpTimeoutException) {
                    throw unavailable("vendor timed out: " + cause.getMessage(), cause);
                }
                if (cause instanceof TimeoutException) {
                    throw unavailable("vendor timed out: no complete answer within " + settings.requestTimeout(), cause);
                }
                if (cause instanceof ConnectException) {
                    throw unavailable("vendor unreachable at " + settings.messagesEndpoint(), cause);
                }
                throw unavailable("vendor call failed: " + cause, cause);
            }
        }
    }
}
