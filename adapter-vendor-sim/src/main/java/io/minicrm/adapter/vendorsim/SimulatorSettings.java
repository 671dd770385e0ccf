package io.minicrm.adapter.vendorsim;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link VendorSimulator}.
 *
 * @param webhookSecret secret that signs receipts (the API's {@code VENDOR_WEBHOOK_SECRET}), not blank
 * @param receiptUrl    where receipts are posted (our {@code POST /api/receipt}); may be null and set later
 *                      with {@link VendorSimulator#setReceiptUrl}
 * @param apiKey        when not null, senders must present it as {@code X-Api-Key}
 * @param seed          seed of every random choice; outcomes are a function of (seed, idempotency key)
 * @param outcomes      how messages turn out and how receipts misbehave
 * @param answerDelay   how long the send endpoint takes to answer (uniform in the range)
 * @param receiptDelay  how long after the send a receipt is due (uniform in the range)
 * @param callbacks     how receipts are posted and retried
 * @param limits        server threads and request size limits
 */
public record SimulatorSettings(String webhookSecret, URI receiptUrl, String apiKey, long seed, OutcomeMix outcomes,
                                DelayRange answerDelay, DelayRange receiptDelay, CallbackPolicy callbacks,
                                Limits limits) {

    public SimulatorSettings {
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        if (webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhookSecret must not be blank");
        }
        if (receiptUrl != null && !isHttpUrl(receiptUrl)) {
            throw new IllegalArgumentException("receiptUrl must be an http(s) URL with a host: " + receiptUrl);
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(answerDelay, "answerDelay");
        Objects.requireNonNull(receiptDelay, "receiptDelay");
        Objects.requireNonNull(callbacks, "callbacks");
        Objects.requireNonNull(limits, "limits");
    }

    /** Defaults: {@link OutcomeMix#defaults()}, answers in 0-5 ms, receipts after 20-500 ms, seed 42. */
    public static SimulatorSettings defaults(String webhookSecret) {
        return new SimulatorSettings(webhookSecret, null, null, 42, OutcomeMix.defaults(),
                new DelayRange(Duration.ZERO, Duration.ofMillis(5)), new DelayRange(Duration.ofMillis(20),
                Duration.ofMillis(500)), CallbackPolicy.defaults(), Limits.defaults());
    }

    public SimulatorSettings withReceiptUrl(URI url) {
        return new SimulatorSettings(webhookSecret, url, apiKey, seed, outcomes, answerDelay, receiptDelay, callbacks, limits);
    }

    public SimulatorSettings withApiKey(String key) {
        return new SimulatorSettings(webhookSecret, receiptUrl, key, seed, outcomes, answerDelay, receiptDelay, callbacks, limits);
    }

    public SimulatorSettings withSeed(long s) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, s, outcomes, answerDelay, receiptDelay, callbacks, limits);
    }

    public SimulatorSettings withOutcomes(OutcomeMix o) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, seed, o, answerDelay, receiptDelay, callbacks, limits);
    }

    public SimulatorSettings withAnswerDelay(DelayRange d) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, seed, outcomes, d, receiptDelay, callbacks, limits);
    }

    public SimulatorSettings withReceiptDelay(DelayRange d) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, seed, outcomes, answerDelay, d, callbacks, limits);
    }

    public SimulatorSettings withCallbacks(CallbackPolicy c) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, seed, outcomes, answerDelay, receiptDelay, c, limits);
    }

    public SimulatorSettings withLimits(Limits l) {
        return new SimulatorSettings(webhookSecret, receiptUrl, apiKey, seed, outcomes, answerDelay, receiptDelay, callbacks, l);
    }

    @Override
    public String toString() {
        return "SimulatorSettings[webhookSecret=***, receiptUrl=" + receiptUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", seed=" + seed + ", outcomes=" + outcomes + ", answerDelay="
                + answerDelay + ", receiptDelay=" + receiptDelay + ", callbacks=" + callbacks + ", limits=" + limits + "]";
    }

    static boolean isHttpUrl(URI u) {
        return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
    }

    private static void requireShare(double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(name + " must be within [0, 1], got " + v);
        }
    }

    /**
     * How messages turn out and how receipts misbehave. Every share is within [0, 1].
     *
     * @param successRate    share of accepted messages that end SENT (the rest FAILED)
     * @param retryableShare share of FAILED outcomes whose reason is retryable ("carrier timeout"); the rest are
     *                       permanent ("invalid recipient")
     * @param duplicateRate  share of receipts reported a second time, a little later
     * @param outOfOrderRate share of receipts moved to a random place within their flush (1 = every flush fully
     *                       shuffled, 0 = receipts leave in due order)
     */
    public record OutcomeMix(double successRate, double retryableShare, double duplicateRate, double outOfOrderRate) {
        public OutcomeMix {
            requireShare(successRate, "successRate");
            requireShare(retryableShare, "retryableShare");
            requireShare(duplicateRate, "duplicateRate");
            requireShare(outOfOrderRate, "outOfOrderRate");
        }

        /** 90% sent; half the failures retryable; 2% duplicate receipts; 20% of receipts out of order. */
        public static OutcomeMix defaults() {
            return new OutcomeMix(0.9, 0.5, 0.02, 0.2);
        }
    }

    /**
     * A delay drawn uniformly from [min, max].
     */
    public record DelayRange(Duration min, Duration max) {
        public DelayRange {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("delay range needs 0 <= min <= max, got " + min + ".." + max);
            }
        }

        /** Always exactly {@code d}. */
        public static DelayRange fixed(Duration d) {
            return new DelayRange(d, d);
        }

        /** No delay. */
        public static DelayRange none() {
            return fixed(Duration.ZERO);
        }

        /** The delay at {@code u} in [0, 1). */
        Duration at(double u) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos((long) (u * span));
        }
    }

    /**
     * How receipts are posted.
     *
     * @param maxBatch       receipts per callback at most
     * @param flushWindow    how long the sender gathers due receipts before a callback (the window within which
     *                       receipts get reordered)
     * @param timeout        limit on one callback
     * @param initialBackoff wait before the first retry of a failed callback; doubles per retry (with jitter)
     * @param maxBackoff     longest wait between retries
     * @param maxAge         a receipt not delivered this long after it was due is dropped (and counted)
     * @param concurrency    callbacks in flight at once
     */
    public record CallbackPolicy(int maxBatch, Duration flushWindow, Duration timeout, Duration initialBackoff,
                                 Duration maxBackoff, Duration maxAge, int concurrency) {
        public CallbackPolicy {
            if (maxBatch < 1 || concurrency < 1) {
                throw new IllegalArgumentException("maxBatch and concurrency must be >= 1");
            }
            Objects.requireNonNull(flushWindow, "flushWindow");
            if (flushWindow.isNegative()) {
                throw new IllegalArgumentException("flushWindow must not be negative");
            }
            GatewaySettings.requirePositive(timeout, "timeout");
            GatewaySettings.requirePositive(initialBackoff, "initialBackoff");
            GatewaySettings.requirePositive(maxBackoff, "maxBackoff");
            GatewaySettings.requirePositive(maxAge, "maxAge");
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must be >= initialBackoff");
            }
        }

        /** 500 per callback, 20 ms window, 5 s timeout, backoff 100 ms doubling to 10 s, kept for 1 h, 2 at once. */
        public static CallbackPolicy defaults() {
            return new CallbackPolicy(500, Duration.ofMillis(20), Duration.ofSeconds(5), Duration.ofMillis(100),
                    Duration.ofSeconds(10), Duration.ofHours(1), 2);
        }

        public CallbackPolicy withBackoff(Duration initial, Duration max) {
            return new CallbackPolicy(maxBatch, flushWindow, timeout, initial, max, maxAge, concurrency);
        }

        public CallbackPolicy withBatching(int batch, Duration window, int parallel) {
            return new CallbackPolicy(batch, window, timeout, initialBackoff, maxBackoff, maxAge, parallel);
        }

        public CallbackPolicy withMaxAge(Duration age) {
            return new CallbackPolicy(maxBatch, flushWindow, timeout, initialBackoff, maxBackoff, age, concurrency);
        }
    }

    /**
     * Server limits.
     *
     * @param threads      server threads, at least 8 (a delayed answer holds none while it waits)
     * @param maxBatchSize messages per send request at most (larger: 413)
     * @param maxBodyBytes request body size at most (larger: 413)
     */
    public record Limits(int threads, int maxBatchSize, int maxBodyBytes) {
        public Limits {
            if (threads < 8) {
                throw new IllegalArgumentException("threads must be >= 8");
            }
            if (maxBatchSize < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBatchSize and maxBodyBytes must be >= 1");
            }
        }

        /** 32 threads, 1000 messages and 8 MiB per request. */
        public static Limits defaults() {
            return new Limits(32, 1000, 8 << 20);
        }
    }
}
