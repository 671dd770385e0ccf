package io.minicrm.application.inprocess;

import io.minicrm.application.port.VendorGateway;
import io.minicrm.domain.delivery.Receipt;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A messaging vendor simulated in the same process: accepts every message, decides its outcome
 * (about {@code successRate} delivered; failures partly retryable) from a seeded hash of the
 * idempotency key, and later reports receipts to a sink, in random order, some duplicated. A repeated
 * idempotency key is not sent again: it gets the original message id and its receipt is reported
 * again. If the sink fails, the receipts are retried with backoff.
 */
public final class InProcessVendor implements VendorGateway, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(InProcessVendor.class.getName());
    private static final String[] RETRYABLE = {"carrier timeout", "temporary network error", "throttled by carrier"};
    private static final String[] PERMANENT = {"invalid recipient", "recipient blocked messages", "number not reachable"};

    /**
     * @param successRate     share of messages delivered
     * @param retryableShare  share of failures that are retryable
     * @param duplicateRate   share of receipts reported twice
     * @param minDelay        earliest a receipt is reported after the send
     * @param maxDelay        latest
     * @param seed            seed of every random choice
     */
    public record Settings(double successRate, double retryableShare, double duplicateRate, Duration minDelay,
                           Duration maxDelay, long seed) {
        public static Settings defaults() {
            return new Settings(0.9, 0.5, 0.05, Duration.ofMillis(5), Duration.ofMillis(200), 42);
        }
    }

    private record Sent(String messageId, Receipt.Outcome outcome, String reason, boolean retryable) {
    }

    private static final class Pending implements Delayed {
        final Receipt receipt;
        final long dueNanos;
        final int tries;

        Pending(Receipt receipt, long dueNanos, int tries) {
            this.receipt = receipt;
            this.dueNanos = dueNanos;
            this.tries = tries;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(dueNanos, ((Pending) o).dueNanos);
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Sent> byKey = new ConcurrentHashMap<>();
    private final DelayQueue<Pending> receipts = new DelayQueue<>();
    private final Random random;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong duplicateRequests = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread flusher;
    private volatile Consumer<List<Receipt>> sink = r -> { };
    private volatile boolean available = true;

    public InProcessVendor(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.random = new Random(settings.seed());
        this.flusher = new Thread(this::flushLoop, "in-process-vendor-receipts");
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    /** Where receipts go (the application's receipt intake). */
    public void receiptsTo(Consumer<List<Receipt>> sink) {
        this.sink = sink;
    }

    /** Makes the vendor unreachable (every send fails) or reachable again. */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        if (!available) {
            throw new VendorUnavailableException("vendor simulator is switched off", null);
        }
        List<SendResult> out = new ArrayList<>(batch.size());
        for (OutboundMessage m : batch) {
            requests.incrementAndGet();
            boolean[] fresh = {false};
            Sent s = byKey.computeIfAbsent(m.idempotencyKey(), k -> {
                fresh[0] = true;
                return decide(k);
            });
            if (!fresh[0]) {
                duplicateRequests.incrementAndGet();
            }
            schedule(new Receipt(m.deliveryId(), s.messageId(), s.outcome(), s.reason(), s.retryable(), clock.instant(),
                    m.attempt()));
            out.add(new Accepted(s.messageId()));
        }
        return out;
    }

    private Sent decide(String key) {
        SplittableRandom r = new SplittableRandom(settings.seed() ^ fnv(key));
        String id = "sim-" + Long.toHexString(r.nextLong() & Long.MAX_VALUE);
        if (r.nextDouble() < settings.successRate()) {
            return new Sent(id, Receipt.Outcome.SENT, null, false);
        }
        boolean retryable = r.nextDouble() < settings.retryableShare();
        String[] reasons = retryable ? RETRYABLE : PERMANENT;
        return new Sent(id, Receipt.Outcome.FAILED, reasons[r.nextInt(reasons.length)], retryable);
    }

    private void schedule(Receipt receipt) {
        long min = settings.minDelay().toNanos();
        long span = Math.max(1, settings.maxDelay().toNanos() - min);
        double dup;
        long delay;
        synchronized (random) {
            delay = min + (long) (random.nextDouble() * span);
            dup = random.nextDouble();
        }
        receipts.add(new Pending(receipt, System.nanoTime() + delay, 0));
        if (dup < settings.duplicateRate()) {
            receipts.add(new Pending(receipt, System.nanoTime() + delay * 2 + min, 0));
        }
    }

    private void flushLoop() {
        while (running.get()) {
            try {
                Pending first = receipts.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                receipts.drainTo(batch, 499);
                synchronized (random) {
                    Collections.shuffle(batch, random);
                }
                try {
                    sink.accept(batch.stream().map(p -> p.receipt).toList());
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "receipt callback failed, retrying: " + e.toString());
                    for (Pending p : batch) {
                        long backoff = TimeUnit.MILLISECONDS.toNanos(Math.min(5000, 100L << Math.min(p.tries, 6)));
                        receipts.add(new Pending(p.receipt, System.nanoTime() + backoff, p.tries + 1));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Distinct idempotency keys sent (each message sent once whatever the retries). */
    public long uniqueMessages() {
        return byKey.size();
    }

    /** Send requests, including repeats of a known key. */
    public long requests() {
        return requests.get();
    }

    public long duplicateRequests() {
        return duplicateRequests.get();
    }

    /** Receipts not yet reported. */
    public int receiptsInFlight() {
        return receipts.size();
    }

    @Override
    public void close() {
        running.set(false);
        flusher.interrupt();
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
