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
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.shared.DomainException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps campaigns moving, on every instance, safely in parallel:
 * launches scheduled campaigns when due (compare-and-set: once, whichever instance wins); writes the
 * delivery rows of sending campaigns (one instance per campaign, under a lease, taken over at once when its
 * holder dies); queues due rows
 * (retries, lost jobs, missing receipts); recounts counters from the rows and completes a campaign when
 * nothing is pending; re-applies orders an interrupted ingestion left unapplied.
 * Everything it does is derived from the store, so a restart, or another instance, picks up where a
 * crashed one stopped.
 */
public final class CampaignSupervisor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CampaignSupervisor.class.getName());

    private final CampaignRepository campaigns;
    private final DeliveryLogRepository deliveries;
    private final LeaseArbiter leases;
    private final AudienceWriter audience;
    private final DeliverySweeper sweeper;
    private final OrderReconciler orders;
    private final DeliverySettings settings;
    private final Clock clock;
    private final Metrics metrics;
    private final CampaignStatusListener statusListener;
    private final Map<CampaignId, Instant> lastReconcile = new ConcurrentHashMap<>();
    private final Set<CampaignId> building = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set while {@link #close()} stops the threads: long loops give up. */
    private volatile boolean closing;
    /** Set by {@link #abandon()}: stop as a crash would, keeping the leases held. */
    private volatile boolean abandoned;
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService builders;
    private Instant lastOrderSweep = Instant.EPOCH;
    private long lastSweepNanos = System.nanoTime() - Long.MAX_VALUE / 2;
    /** Ticks between sweeps when the supervisor runs on its own thread. */
    static final int SWEEP_EVERY = 5;

    public CampaignSupervisor(CampaignRepository campaigns, DeliveryLogRepository deliveries, LeaseArbiter leases,
                              AudienceWriter audience, DeliverySweeper sweeper, OrderReconciler orders,
                              DeliverySettings settings, Clock clock, Metrics metrics,
                              CampaignStatusListener statusListener) {
        this.campaigns = campaigns;
        this.deliveries = deliveries;
        this.leases = leases;
        this.audience = audience;
        this.sweeper = sweeper;
        this.orders = orders;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.statusListener = java.util.Objects.requireNonNull(statusListener, "statusListener");
    }

    public synchronized void start() {
        if (running.getAndSet(true)) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "campaign-supervisor"));
        builders = Executors.newFixedThreadPool(2, r -> daemon(r, "audience-writer"));
        long ms = settings.supervisorInterval().toMillis();
        ticker.scheduleWithFixedDelay(this::safeTick, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Runs a tick soon (after a launch), instead of waiting for the next one. */
    public void nudge() {
        ScheduledExecutorService t = ticker;
        if (running.get() && t != null) {
            try {
                t.execute(this::safeTick);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
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

    /** One pass over everything; public so tests can drive it without threads. */
    public void tick() {
        Instant now = clock.instant();
        for (Campaign due : campaigns.findDue(now, 50)) {
            try {
                campaigns.update(due.id(), c -> c.launch(now)).ifPresent(statusListener::statusChanged);
                LOG.log(Level.INFO, "launched scheduled campaign " + due.id() + " (" + due.name() + ")");
                metrics.count("crm.campaigns.launched", 1);
            } catch (DomainException e) {
                // another instance launched it, or it was cancelled
            }
        }
        Set<CampaignId> sending = new java.util.HashSet<>();
        for (Campaign c : campaigns.findByStatus(CampaignStatus.SENDING, 200)) {
            sending.add(c.id());
            if (!c.audienceComplete()) {
                startAudience(c);
            } else {
                maybeComplete(c, now);
            }
        }
        lastReconcile.keySet().retainAll(sending);
        // Sweeping reads every due row of every campaign; a store without an index for it (the embedded
        // server) scans the whole log, so when running on its own the supervisor sweeps every
        // SWEEP_EVERY ticks, not on each. Retries wait at most that much longer than their backoff.
        long nowNanos = System.nanoTime();
        if (ticker == null || nowNanos - lastSweepNanos >= SWEEP_EVERY * settings.supervisorInterval().toNanos()) {
            lastSweepNanos = nowNanos;
            while (!closing && sweeper.sweep(1000) == 1000) {
                // a full batch: there may be more due rows
            }
        }
        if (Duration.between(lastOrderSweep, now).compareTo(Duration.ofSeconds(30)) >= 0) {
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
        Instant now = clock.instant();
        int released = 0;
        for (Campaign c : campaigns.findByStatus(CampaignStatus.SENDING, 200)) {
            DeliveryId after = null;
            while (true) {
                List<Delivery> page = deliveries.findPending(c.id(), after, 1000);
                if (page.isEmpty()) {
                    break;
                }
                List<Delivery> held = new ArrayList<>();
                for (Delivery d : page) {
                    if (d.leaseUntil() != null && d.leaseUntil().isAfter(now)) {
                        held.add(d.released(d.nextAttemptAt().isAfter(now) ? d.nextAttemptAt() : now));
                    }
                }
                released += deliveries.compareAndSetAll(held).size();
                after = page.get(page.size() - 1).id();
                if (page.size() < 1000) {
                    break;
                }
            }
        }
        if (released > 0) {
            LOG.log(Level.INFO, "released " + released + " delivery rows held by the previous run; they are queued again now");
        }
        return released;
    }

    private void startAudience(Campaign c) {
        ExecutorService pool = builders;
        if (!running.get() || pool == null) {
            buildAudience(c); // driven synchronously (tests, embedding without threads)
            return;
        }
        if (!building.add(c.id())) {
            return;
        }
        try {
            pool.execute(() -> {
                boolean done = false;
                try {
                    buildAudience(c);
                    done = true;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "writing the audience of campaign " + c.id() + " failed (will resume): " + e.toString());
                    metrics.count("crm.supervisor.errors", 1);
                } finally {
                    building.remove(c.id());
                }
                if (done) {
                    nudge(); // check completion at once; after a failure wait for the next tick
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            building.remove(c.id()); // shutting down
        }
    }

    private void buildAudience(Campaign c) {
        String lease = "audience:" + c.id().value();
        if (!leases.acquire(lease)) {
            return;
        }
        try {
            audience.run(c, () -> !closing && leases.acquire(lease));
        } finally {
            if (!abandoned) {
                leases.release(lease);
            }
        }
    }

    /**
     * Completes a sending campaign whose rows are all written and final. Its counters are then replaced by
     * the recount (which also repairs any counter change lost in a crash); while it sends they are only
     * added to, never overwritten, so a change in flight is never lost or counted twice.
     */
    private void maybeComplete(Campaign c, Instant now) {
        Instant last = lastReconcile.getOrDefault(c.id(), Instant.EPOCH);
        boolean looksDone = c.counts().pending() <= 0;
        if (!looksDone && Duration.between(last, now).compareTo(settings.reconcileInterval()) < 0) {
            return;
        }
        lastReconcile.put(c.id(), now);
        DeliveryCounts recount = deliveries.countByStatus(c.id());
        if (!c.isFinishedGiven(recount)) {
            return;
        }
        boolean[] completedHere = {false};
        Optional<SendWindow> sent = deliveries.sendWindow(c.id());
        Instant firstSent = sent.map(SendWindow::first).orElse(null);
        Instant lastSent = sent.map(SendWindow::last).orElse(null);
        try {
            Optional<Campaign> updated = campaigns.update(c.id(), x -> {
                completedHere[0] = x.isFinishedGiven(recount);
                return completedHere[0] ? x.complete(recount, clock.instant()).withSendTimes(firstSent, lastSent) : x;
            });
            if (completedHere[0]) {
                updated.ifPresent(statusListener::statusChanged);
            }
        } catch (DomainException e) {
            return; // changed state meanwhile
        }
        if (completedHere[0]) {
            lastReconcile.remove(c.id());
            LOG.log(Level.INFO, "campaign " + c.id() + " completed: " + recount.sent() + " sent, " + recount.failed() + " failed of " + recount.audience());
            metrics.count("crm.campaigns.completed", 1);
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
        builders.shutdownNow();
    }

    @Override
    public synchronized void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        closing = true;
        ticker.shutdown();
        builders.shutdown();
        try {
            ticker.awaitTermination(10, TimeUnit.SECONDS);
            builders.awaitTermination(10, TimeUnit.SECONDS);
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
