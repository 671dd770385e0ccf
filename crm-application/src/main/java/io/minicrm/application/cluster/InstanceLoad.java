package io.minicrm.application.cluster;

import io.minicrm.application.port.InstanceReport;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.VendorGateway;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How busy this instance is, for its heartbeat report and its metrics: messages being sent now, messages the
 * vendor accepted per second (over the last {@value #WINDOW_SECONDS} seconds) and in all, and queue entries taken
 * over from other consumers. It learns them by tapping the {@link Metrics} the use cases and the queue report to
 * ({@code crm.vendor.messages}, {@code queue.reclaimed}) and by metering the vendor gateway.
 */
public final class InstanceLoad {
    static final int WINDOW_SECONDS = 10;
    static final String SENT = "crm.vendor.messages";
    static final String RECLAIMED = "queue.reclaimed";

    private final LongSupplier nanos;
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong reclaimed = new AtomicLong();
    /** Messages sent per second of the sliding window, ring-indexed by second. */
    private final long[] perSecond = new long[WINDOW_SECONDS + 1];
    private final long[] secondOf = new long[WINDOW_SECONDS + 1];
    private final long startNanos;

    public InstanceLoad() {
        this(System::nanoTime);
    }

    InstanceLoad(LongSupplier nanos) {
        this.nanos = nanos;
        this.startNanos = nanos.getAsLong();
    }

    /** {@code delegate}, also counting what this instance sent and reclaimed. */
    public Metrics tap(Metrics delegate) {
        Metrics target = delegate == null ? Metrics.NONE : delegate;
        return (name, amount, tags) -> {
            target.count(name, amount, tags);
            if (SENT.equals(name)) {
                sent(amount);
            } else if (RECLAIMED.equals(name)) {
                reclaimed.addAndGet(amount);
            }
        };
    }

    /** {@code vendor}, counting the messages in flight through it. */
    public VendorGateway meter(VendorGateway vendor) {
        return new VendorGateway() {
            @Override
            public List<SendResult> send(List<OutboundMessage> batch) {
                inFlight.addAndGet(batch.size());
                try {
                    return vendor.send(batch);
                } finally {
                    inFlight.addAndGet(-batch.size());
                }
            }
        };
    }

    private synchronized void sent(long amount) {
        sent.addAndGet(amount);
        long second = second();
        int slot = (int) (second % perSecond.length);
        if (secondOf[slot] != second) {
            secondOf[slot] = second;
            perSecond[slot] = 0;
        }
        perSecond[slot] += amount;
    }

    /** Messages accepted per second over the last full {@value #WINDOW_SECONDS} seconds (fewer just after start). */
    public synchronized double sendsPerSecond() {
        long now = second();
        long total = 0;
        for (int i = 0; i < perSecond.length; i++) {
            if (secondOf[i] < now && secondOf[i] >= now - WINDOW_SECONDS) {
                total += perSecond[i];
            }
        }
        long seconds = Math.min(WINDOW_SECONDS, now);
        return seconds <= 0 ? 0 : (double) total / seconds;
    }

    public long inFlight() {
        return inFlight.get();
    }

    public long sent() {
        return sent.get();
    }

    public long reclaimed() {
        return reclaimed.get();
    }

    /** The heartbeat report of {@code instanceId}. */
    public InstanceReport report(String instanceId, Instant startedAt) {
        return new InstanceReport(instanceId, startedAt, Math.max(0, inFlight()), sendsPerSecond(), sent(), reclaimed());
    }

    private long second() {
        return TimeUnit.NANOSECONDS.toSeconds(nanos.getAsLong() - startNanos);
    }
}
