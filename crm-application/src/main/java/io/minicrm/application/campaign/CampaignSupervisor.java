package io.minicrm.application.campaign;

import io.minicrm.application.cluster.LeaseArbiter;
import io.minicrm.application.delivery.AudienceWriter;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.delivery.DeliverySweeper;
import io.minicrm.application.order.OrderReconciler;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps campaigns moving, on every instance, safely in parallel. It is the scheduler of the campaigns'
 * background jobs; each job is a class of its own and derives everything from the store, so a restart, or
 * another instance, picks up where a crashed one stopped:
 * <ul>
 *   <li>{@link LaunchDueCampaigns}: launches scheduled campaigns when due (once, whichever instance wins);</li>
 *   <li>{@link WriteAudiences}: writes the delivery rows of sending campaigns and queues their dispatch jobs (one
 *       instance per campaign, under a lease, taken over at once when its holder dies), on a pool of two threads;</li>
 *   <li>{@link DeliverySweeper}: queues due rows (retries, lost jobs, missing receipts), every fifth tick when
 *       running on its own threads;</li>
 *   <li>{@link CompleteCampaigns}: recounts counters from the rows and completes a campaign when nothing is
 *       pending;</li>
 *   <li>{@link OrderReconciler}: re-applies orders an interrupted ingestion left unapplied, every 30 seconds;</li>
 *   <li>{@link ReleaseLeasesOfPreviousRun}: once, before {@link #start()}, where the queue died with the last run.</li>
 * </ul>
 * The rows queued here are sent by {@link io.minicrm.application.delivery.DispatchWorker}, a queue consumer.
 * {@link #tick()} runs one pass synchronously (tests, embedding without threads); {@link #start()} runs it every
 * {@code supervisorInterval} on a thread of its own.
 */
public final class CampaignSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CampaignSupervisor.class.getName());
    /** Ticks between sweeps when the supervisor runs on its own thread. */
    static final int SWEEP_EVERY = 5;
    private static final int SWEEP_BATCH = 1000;
    private static final Duration ORDER_SWEEP_EVERY = Duration.ofSeconds(30);

    private final CampaignRepository campaigns;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final LaunchDueCampaigns launchDue;
    private final WriteAudiences writeAudiences;
    private final DeliverySweeper sweeper;
    private final CompleteCampaigns complete;
    private final OrderReconciler orders;
    private final ReleaseLeasesOfPreviousRun releaseLeases;
    /** Campaigns whose audience a pool thread is writing now. */
    private final Set<CampaignId> writing = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set while {@link #close()} stops the threads: long loops give up. */
    private volatile boolean closing;
    /** Set by {@link #abandon()}: stop as a crash would, keeping the leases held. */
    private volatile boolean abandoned;
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService writers;
    private Instant lastOrderSweep = Instant.EPOCH;
    private long lastSweepNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public CampaignSupervisor(CampaignRepository campaigns, DeliveryLogRepository deliveries, LeaseArbiter leases,
                              AudienceWriter audience, DeliverySweeper sweeper, OrderReconciler orders,
                              DeliverySettings settings, Clock clock, Metrics metrics,
                              CampaignStatusListener statusListener) {
        Objects.requireNonNull(statusListener, "statusListener");
        this.campaigns = campaigns;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.launchDue = new LaunchDueCampaigns(campaigns, statusListener, metrics);
        this.writeAudiences = new WriteAudiences(leases, audience, () -> closing, () -> abandoned);
        this.sweeper = sweeper;
        this.complete = new CompleteCampaigns(campaigns, deliveries, settings.reconcileInterval(), clock, metrics,
                statusListener);
        this.orders = orders;
        this.releaseLeases = new ReleaseLeasesOfPreviousRun(campaigns, deliveries, clock);
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "campaign-supervisor"));
        writers = Executors.newFixedThreadPool(2, r -> daemon(r, "audience-writer"));
        long ms = settings.supervisorInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::safeTick, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs a tick soon (after a launch), instead of waiting for the next one. */
    public void nudge() {
        ScheduledExecutorService t = ticker;
        if (running.get() && t != null) {
            try {
                t.execute(this::safeTick);
            } catch (RejectedExecutionException ignored) {
                // shutting down
            }
        }
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "supervisor tick failed (will retry): " + e.toString());
            metrics.count("crm.supervisor.errors", 1);
        }
    }

    /** One pass of every job; public so tests can drive it without threads. */
    public void tick() {
        Instant now = clock.instant();
        launchDue.run(now);
        List<Campaign> sending = campaigns.findByStatus(CampaignStatus.SENDING, 200);
        for (Campaign c : sending) {
            if (!c.audienceComplete()) {
                writeAudience(c);
            }
        }
        complete.run(sending, now);
        // Sweeping reads every due row of every campaign; a store without an index for it (the embedded
        // server) scans the whole log, so when running on its own the supervisor sweeps every
        // SWEEP_EVERY ticks, not on each. Retries wait at most that much longer than their backoff.
        long nowNanos = System.nanoTime();
        if (ticker == null || nowNanos - lastSweepNanos >= SWEEP_EVERY * settings.supervisorInterval().toNanos()) {
            lastSweepNanos = nowNanos;
            while (!closing && sweeper.sweep(SWEEP_BATCH) == SWEEP_BATCH) {
                // a full batch: there may be more due rows
            }
        }
        if (Duration.between(lastOrderSweep, now).compareTo(ORDER_SWEEP_EVERY) >= 0) {
            lastOrderSweep = now;
            orders.runOnce(500);
        }
    }

    /**
     * For an instance that is the only one on its store and whose queue died with its previous run (the
     * embedded store locks its directory to one process; the in-process queue is in memory): the leases its
     * rows hold were taken by that previous run, for jobs that no longer exist. Releases them now, so the
     * sweeper queues those rows at once instead of after their lease (up to the queue grace or the receipt
     * timeout later). A row that had been handed to the vendor is sent again under the same idempotency key:
     * the vendor does not send it twice and reports its outcome again. Call before {@link #start()}.
     *
     * @return how many rows were released
     */
    public int releaseLeasesOfPreviousRun() {
        return releaseLeases.run();
    }

    /** Writes the audience on the pool (one task per campaign at a time), or here when no threads run. */
    private void writeAudience(Campaign c) {
        ExecutorService pool = writers;
        if (!running.get() || pool == null) {
            writeAudiences.write(c); // driven synchronously (tests, embedding without threads)
            return;
        }
        if (!writing.add(c.id())) {
            return;
        }
        try {
            pool.execute(() -> {
                boolean done = false;
                try {
                    writeAudiences.write(c);
                    done = true;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "writing the audience of campaign " + c.id() + " failed (will resume): " + e.toString());
                    metrics.count("crm.supervisor.errors", 1);
                } finally {
                    writing.remove(c.id());
                }
                if (done) {
                    nudge(); // check completion at once; after a failure wait for the next tick
                }
            });
        } catch (RejectedExecutionException e) {
            writing.remove(c.id()); // shutting down
        }
    }

    /**
     * Stops as a crash would (tests of crash safety): unlike {@link #close()}, nothing waits for the threads to
     * stop, and the leases this instance holds are not given back, so the other instances must take them over.
     */
    public synchronized void abandon() {
        abandoned = true;
        if (!running.getAndSet(false)) {
            return;
        }
        closing = true; // the threads stop at their next step; nobody waits for them, as after a crash
        ticker.shutdownNow();
        writers.shutdownNow();
    }

    @Override
    public synchronized void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        closing = true;
        ticker.shutdown();
        writers.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            writers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closing = false; // from now on tick() may be driven synchronously again
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
