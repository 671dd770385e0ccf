package io.minicrm.adapter.vendorsim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minicrm.adapter.vendorsim.VendorProtocol.DeliveryReceipt;
import io.minicrm.adapter.vendorsim.VendorProtocol.ReceiptBatch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds receipts until they are due, gathers the due ones for a flush window, reorders some of them, and
 * posts them signed to the receipt URL; a failed callback puts its receipts back with exponential backoff
 * and jitter until they are older than the max age.
 */
final class ReceiptDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptDispatcher.class);

    private final SimulatorSettings.CallbackPolicy policy;
    private final double outOfOrderRate;
    private final ReceiptSigner signer;
    private final Clock clock;
    private final ObjectMapper json = VendorProtocol.lenientMapper();
    private final DelayQueue<Due> queue = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final Random random;
    private final HttpClient client;
    private final ExecutorService posters;
    private final Semaphore postSlots;
    private final Thread flusher;
    private volatile URI target;
    private volatile boolean running = true;

    final AtomicLong scheduled = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong callbacks = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong pending = new AtomicLong();

    ReceiptDispatcher(SimulatorSettings settings, Clock clock) {
        this.policy = settings.callbacks();
        this.outOfOrderRate = settings.outcomes().outOfOrderRate();
        this.signer = new ReceiptSigner(settings.webhookSecret());
        this.clock = clock;
        this.target = settings.receiptUrl();
        this.random = new Random(settings.seed());
        AtomicInteger n = new AtomicInteger();
        this.posters = Executors.newFixedThreadPool(policy.concurrency(), r -> {
            Thread t = new Thread(r, "vendor-sim-callback-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.timeout())
                .build();
        this.postSlots = new Semaphore(policy.concurrency());
        this.flusher = new Thread(this::flushLoop, "vendor-sim-receipts");
        this.flusher.setDaemon(true);
    }

    void start() {
        flusher.start();
    }

    void target(URI url) {
        this.target = url;
    }

    void schedule(DeliveryReceipt receipt, Duration delay) {
        long due = System.nanoTime() + delay.toNanos();
        scheduled.incrementAndGet();
        pending.incrementAndGet();
        queue.add(new Due(receipt, due, due, 0, sequence.incrementAndGet()));
    }

    private void flushLoop() {
        while (running) {
            try {
                Due first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Due> batch = gather(first);
                reorder(batch);
                postSlots.acquire();
                try {
                    posters.execute(() -> {
                        try {
                            post(batch);
                        } finally {
                            postSlots.release();
                        }
                    });
                } catch (RuntimeException e) {
                    postSlots.release();
                    throw e;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.error("receipt flusher failed", e);
                }
            }
        }
    }

    /** The first due receipt plus whatever else falls due within the flush window, up to the batch size. */
    private List<Due> gather(Due first) throws InterruptedException {
        List<Due> batch = new ArrayList<>();
        batch.add(first);
        long windowEnd = System.nanoTime() + policy.flushWindow().toNanos();
        while (batch.size() < policy.maxBatch()) {
            queue.drainTo(batch, policy.maxBatch() - batch.size());
            long left = windowEnd - System.nanoTime();
            if (batch.size() >= policy.maxBatch() || left <= 0) {
                break;
            }
            Due next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    /** Moves a share of the receipts to random places within the batch. */
    private void reorder(List<Due> batch) {
        if (outOfOrderRate <= 0 || batch.size() < 2) {
            return;
        }
        List<Due> stay = new ArrayList<>(batch.size());
        List<Due> moved = new ArrayList<>();
        synchronized (random) {
            for (Due d : batch) {
                (random.nextDouble() < outOfOrderRate ? moved : stay).add(d);
            }
            for (Due d : moved) {
                stay.add(random.nextInt(stay.size() + 1), d);
            }
        }
        batch.clear();
        batch.addAll(stay);
    }

    private void post(List<Due> batch) {
        URI url = target;
        if (url == null) {
            failed(batch, "no receipt URL configured");
            return;
        }
        byte[] body;
        try {
            body = batch.size() == 1 ? json.writeValueAsBytes(batch.get(0).receipt)
                    : json.writeValueAsBytes(new ReceiptBatch(batch.stream().map(d -> d.receipt).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode receipts", e);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(policy.timeout())
                .header("Content-Type", "application/json")
                .header(VendorProtocol.SIGNATURE_HEADER, signer.header(clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        callbacks.incrementAndGet();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                delivered.addAndGet(batch.size());
                pending.addAndGet(-batch.size());
            } else {
                failed(batch, "receipt URL answered " + response.statusCode());
            }
        } catch (IOException e) {
            failed(batch, "receipt URL unreachable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(List<Due> batch, String why) {
        failures.incrementAndGet();
        LOG.debug("receipt callback of {} failed, will retry: {}", batch.size(), why);
        long now = System.nanoTime();
        int given = 0;
        for (Due d : batch) {
            if (now - d.firstDueNanos > policy.maxAge().toNanos()) {
                given++;
                continue;
            }
            queue.add(new Due(d.receipt, now + backoff(d.tries), d.firstDueNanos, d.tries + 1,
                    sequence.incrementAndGet()));
        }
        if (given > 0) {
            dropped.addAndGet(given);
            pending.addAndGet(-given);
            LOG.warn("dropped {} receipts undelivered for {}: {}", given, policy.maxAge(), why);
        }
    }

    private long backoff(int tries) {
        long base = policy.initialBackoff().toNanos() << Math.min(tries, 30);
        long capped = base <= 0 ? policy.maxBackoff().toNanos() : Math.min(base, policy.maxBackoff().toNanos());
        double jitter;
        synchronized (random) {
            jitter = 0.75 + random.nextDouble() * 0.5;
        }
        return (long) (capped * jitter);
    }

    @Override
    public void close() {
        running = false;
        flusher.interrupt();
        posters.shutdownNow();
        try {
            flusher.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A receipt waiting to be due. Ties on the due time keep scheduling order. */
    private static final class Due implements Delayed {
        final DeliveryReceipt receipt;
        final long dueNanos;
        final long firstDueNanos;
        final int tries;
        final long seq;

        Due(DeliveryReceipt receipt, long dueNanos, long firstDueNanos, int tries, long seq) {
            this.receipt = receipt;
            this.dueNanos = dueNanos;
            this.firstDueNanos = firstDueNanos;
            this.tries = tries;
            this.seq = seq;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Due other = (Due) o;
            int c = Long.compare(dueNanos, other.dueNanos);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }
    }
}
