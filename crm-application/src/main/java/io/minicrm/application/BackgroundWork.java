package io.minicrm.application;

import io.minicrm.application.campaign.CampaignSupervisor;
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
 * receipts, write queued ingestions) and the campaign supervisor. {@link #start()} subscribes and starts them;
 * {@link #close()} stops taking new work, lets batches in flight finish and stops the supervisor. The objects
 * it runs are built by whoever assembles the application; this only says how they are run.
 */
public final class BackgroundWork implements AutoCloseable {
    private final WorkQueue queue;
    private final DeliverySettings settings;
    private final DispatchWorker dispatcher;
    private final ReceiptApplier receipts;
    private final IngestionService ingestion;
    private final CampaignSupervisor supervisor;
    private final List<WorkQueue.Subscription> subscriptions = new ArrayList<>();
    private boolean started;

    public BackgroundWork(WorkQueue queue, DeliverySettings settings, DispatchWorker dispatcher, ReceiptApplier receipts,
                          IngestionService ingestion, CampaignSupervisor supervisor) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.ingestion = Objects.requireNonNull(ingestion, "ingestion");
        this.supervisor = Objects.requireNonNull(supervisor, "supervisor");
    }

    /** Starts the consumers and the supervisor (once). */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        DeliverySettings d = settings;
        subscriptions.add(queue.subscribe(Topics.DELIVERIES, Topics.DISPATCHERS,
                new WorkQueue.ConsumerSettings(4, Duration.ofMillis(500), d.dispatchConcurrency(), DispatchWorker.MAX_DELIVERIES,
                        d.sendLease().plusSeconds(30)),
                dispatcher));
        subscriptions.add(queue.subscribe(Topics.RECEIPTS, Topics.RECEIPT_APPLIERS,
                new WorkQueue.ConsumerSettings(d.receiptBatch(), Duration.ofMillis(200), 2, 10, Duration.ofSeconds(60)),
                receipts));
        subscriptions.add(queue.subscribe(Topics.INGEST, Topics.INGESTERS,
                new WorkQueue.ConsumerSettings(4, Duration.ofMillis(500), 2, 5, Duration.ofSeconds(120)), ingestion));
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
    }
}
