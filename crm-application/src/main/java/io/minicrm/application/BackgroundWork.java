package io.minicrm.application;

import io.minicrm.application.campaign.CampaignSupervisor;
import io.minicrm.application.cluster.Heartbeat;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.delivery.DispatchWorker;
import io.minicrm.application.delivery.ReceiptApplier;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.ingest.IngestionService;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The work that happens between requests: the consumers of the three queues (dispatch to the vendor, apply
 * receipts, write queued ingestions), the campaign supervisor and this instance's heartbeat. {@link #start()}
 * announces the instance, then subscribes and starts them; {@link #close()} stops taking new work, lets batches
 * in flight finish, stops the supervisor and leaves the instance registry. The objects it runs are built by
 * whoever assembles the application; this only says how they are run.
 */
public final class BackgroundWork implements AutoCloseable {
    private final WorkQueue queue;
    private final DeliverySettings settings;
    private final DispatchWorker dispatcher;
    private final ReceiptApplier receipts;
    private final IngestionService ingestion;
    private final CampaignSupervisor supervisor;
    private final Heartbeat heartbeat;
    private final Duration reclaimIdle;
    private final List<WorkQueue.Subscription> subscriptions = new ArrayList<>();
    private boolean started;

    public BackgroundWork(WorkQueue queue, DeliverySettings settings, DispatchWorker dispatcher, ReceiptApplier receipts,
                          IngestionService ingestion, CampaignSupervisor supervisor, Heartbeat heartbeat,
                          Duration reclaimIdle) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.reclaimIdle = Objects.requireNonNull(reclaimIdle, "reclaimIdle");
    }

    /**
     * Starts as {@link #start()}; {@code aloneOnTheStore}: no other process can be using the store. Then, when
     * the queue died with the previous run (it is not durable), the leases that run held are released first,
     * so its unfinished work resumes at once instead of after the leases expire.
     */
    public synchronized void start(boolean aloneOnTheStore) {
        if (!started && aloneOnTheStore && !queue.isDurable()) {
            supervisor.releaseLeasesOfPreviousRun();
        }
        start();
    }

    /** Announces this instance (first heartbeat), then starts the consumers and the supervisor (once). */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        heartbeat.start();
        DeliverySettings d = settings;
        // one dispatch job per read: each consumer thread holds one job at a time, so jobs spread over the instances
        subscriptions.add(queue.subscribe(Topics.DELIVERIES, Topics.DISPATCHERS,
                new WorkQueue.ConsumerSettings(1, Duration.ofMillis(500), d.dispatchConcurrency(), DispatchWorker.MAX_DELIVERIES,
                        reclaimIdle),
                dispatcher));
        subscriptions.add(queue.subscribe(Topics.RECEIPTS, Topics.RECEIPT_APPLIERS,
                new WorkQueue.ConsumerSettings(d.receiptBatch(), Duration.ofMillis(200), 2, 10, reclaimIdle),
                receipts));
        subscriptions.add(queue.subscribe(Topics.INGEST, Topics.INGESTERS,
                new WorkQueue.ConsumerSettings(4, Duration.ofMillis(500), 2, 5, reclaimIdle), ingestion));
        supervisor.start();
    }

    /** Stops taking new work, lets in-flight batches finish, stops the supervisor. */
    @Override
    public synchronized void close() {
        if (!started) {
            return;
        }
        started = false;
        supervisor.close();
        for (WorkQueue.Subscription s : subscriptions) {
            s.close();
        }
        subscriptions.clear();
        heartbeat.close();
    }

    /**
     * Stops as a crash would (tests of crash safety): no more heartbeats and no goodbye, leases kept, so the
     * other instances notice only when the heartbeats stop. Abort a shared queue first, so nothing in hand is
     * acknowledged.
     */
    public synchronized void halt() {
        heartbeat.abort();
        if (!started) {
            return;
        }
        started = false;
        supervisor.abandon();
        for (WorkQueue.Subscription s : subscriptions) {
            s.close();
        }
        subscriptions.clear();
    }
}
