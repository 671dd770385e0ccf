package io.minicrm.bootstrap;

import io.minicrm.application.BackgroundWork;
import io.minicrm.application.ai.AiService;
import io.minicrm.application.auth.SignIn;
import io.minicrm.application.campaign.CampaignActivity;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.campaign.CampaignSupervisor;
import io.minicrm.application.campaign.CampaignWatch;
import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.cluster.Heartbeat;
import io.minicrm.application.cluster.InstanceOverview;
import io.minicrm.application.cluster.LeaseArbiter;
import io.minicrm.application.customer.CustomerQueries;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.delivery.AudienceWriter;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.delivery.DeliverySweeper;
import io.minicrm.application.delivery.DispatchWorker;
import io.minicrm.application.delivery.ReceiptApplier;
import io.minicrm.application.delivery.ReceiptIntake;
import io.minicrm.application.ingest.IngestionService;
import io.minicrm.application.ops.CrmOverview;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderQueries;
import io.minicrm.application.order.OrderReconciler;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.segment.CreateSegmentWithCampaign;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.support.RateLimiter;
import io.minicrm.application.support.SendPermits;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.shared.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * The object graph of Mini CRM: every use case built from the chosen ports, with the background work that
 * keeps campaigns and queues moving. This is the one place where the application is assembled (the embedded
 * {@link MiniCrm} and the standalone server both come through here); it hands each adapter only the use cases
 * it calls.
 */
final class Assembly {
    /** What the use cases are tuned with. */
    record Settings(DeliverySettings delivery, String currency, Set<String> allowedDomains, String instanceId,
                    Duration orderGrace, Duration watchCheck) {
    }

    final IngestCustomers ingestCustomers;
    final IngestOrders ingestOrders;
    final CustomerQueries customers;
    final OrderQueries orders;
    final OrderReconciler orderReconciler;
    final SegmentService segments;
    final CreateSegmentWithCampaign segmentWithCampaign;
    final CampaignService campaigns;
    final CampaignActivity campaignActivity;
    final CampaignWatch watch;
    final ReceiptIntake receipts;
    final ReceiptApplier receiptApplier;
    final CampaignSupervisor supervisor;
    final IngestionService ingestion;
    final AiService ai;
    final SignIn signIn;
    final QueueHealth queueHealth;
    final CrmOverview overview;
    final Cluster cluster;
    final InstanceOverview instances;
    final BackgroundWork background;

    /**
     * @param cluster how this instance works with others: the registry it announces itself in, the vendor rate
     *                limit they share, the timings, and its load, which {@code ports.metrics()} must already
     *                report to ({@link io.minicrm.application.cluster.InstanceLoad#tap}), as must the queue
     */
    Assembly(Ports ports, Settings settings, Cluster cluster, Clock clock, IdGenerator ids) {
        Ports.Stores s = ports.stores();
        DeliverySettings d = settings.delivery();
        var metrics = ports.metrics();
        ingestCustomers = new IngestCustomers(s.customers(), ids, clock, metrics);
        ingestOrders = new IngestOrders(s.customers(), s.orders(), ids, clock, metrics, settings.currency());
        customers = new CustomerQueries(s.customers(), clock);
        orders = new OrderQueries(s.orders());
        orderReconciler = new OrderReconciler(s.customers(), s.orders(), clock, settings.orderGrace());
        segments = new SegmentService(s.segments(), s.customers(), ids, clock);
        campaignActivity = new CampaignActivity(s.campaigns(), s.customers(), s.deliveries(), clock);
        watch = new CampaignWatch(s.campaigns(), settings.watchCheck());
        receiptApplier = new ReceiptApplier(s.deliveries(), s.campaigns(), d.retry(), clock, metrics);
        receipts = new ReceiptIntake(ports.queue(), metrics, receiptApplier);   // applied at once when the queue is not durable
        this.cluster = cluster;
        // this instance's own rate, and the vendor rate every instance shares (none unless asked for)
        DispatchWorker dispatcher = new DispatchWorker(s.deliveries(), s.campaigns(), s.customers(),
                cluster.load().meter(ports.vendor()), SendPermits.of(
                new RateLimiter(d.sendRatePerSecond(), Math.max(d.dispatchBatch(), d.sendRatePerSecond() / 10)),
                cluster.vendorRate()), d, clock, metrics);
        AudienceWriter writer = new AudienceWriter(s.campaigns(), s.segments(), s.customers(), s.deliveries(),
                ports.queue(), d, clock, metrics, watch);
        DeliverySweeper sweeper = new DeliverySweeper(s.deliveries(), ports.queue(), d, clock, metrics);
        LeaseArbiter leases = new LeaseArbiter(s.leases(), cluster.registry(), cluster.settings(), clock, metrics,
                settings.instanceId());
        supervisor = new CampaignSupervisor(s.campaigns(), s.deliveries(), leases, writer, sweeper, orderReconciler, d,
                clock, metrics, watch);
        // a launch here starts the supervisor at once (not at its next tick); every change reaches the watch
        CampaignStatusListener launched = c -> {
            watch.statusChanged(c);
            if (c.status() == CampaignStatus.SENDING) {
                supervisor.nudge();
            }
        };
        campaigns = new CampaignService(s.campaigns(), s.segments(), s.deliveries(), ids, clock, metrics, launched);
        segmentWithCampaign = new CreateSegmentWithCampaign(segments, campaigns, clock);
        ingestion = new IngestionService(ports.queue(), s.ingestions(), ingestCustomers, ingestOrders, ports.codec(), ids,
                clock);
        ai = new AiService(ports.ai(), segments, campaigns, s.campaigns());
        signIn = new SignIn(ports.identity(), s.users(), ids, clock, settings.allowedDomains());
        queueHealth = new QueueHealth(ports.queue());
        overview = new CrmOverview(s.customers(), s.orders(), s.segments(), s.campaigns());
        instances = new InstanceOverview(cluster.registry(), s.leases(), ports.queue(), clock, settings.instanceId());
        java.time.Instant startedAt = clock.instant();
        Heartbeat heartbeat = new Heartbeat(cluster.registry(), cluster.settings(), settings.instanceId(),
                () -> cluster.load().report(settings.instanceId(), startedAt));
        background = new BackgroundWork(ports.queue(), d, dispatcher, receiptApplier, ingestion, supervisor, heartbeat,
                cluster.settings().reclaimIdle());
    }
}
