package io.minicrm.application.testing;

import io.minicrm.application.BackgroundWork;
import io.minicrm.application.campaign.CampaignWatch;
import io.minicrm.application.ops.CrmOverview;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.application.port.CampaignStatusListener;
import io.minicrm.application.segment.CreateSegmentWithCampaign;

import io.minicrm.application.ai.AiService;
import io.minicrm.application.auth.SignIn;
import io.minicrm.application.campaign.CampaignActivity;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.campaign.CampaignSupervisor;
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
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderQueries;
import io.minicrm.application.order.OrderReconciler;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.IdentityVerifier;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.application.port.TreeCodec;
import io.minicrm.application.port.UserRepository;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.support.RateLimiter;
import io.minicrm.application.support.SendPermits;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.shared.IdGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Test fixture: every use case of Mini CRM wired from a set of ports, for the tests of the application and
 * of the adapters (which must not depend on bootstrap, where the real assembly, {@code MiniCrm}, lives).
 * {@link #start()} runs the background work, {@link #close()} stops it.
 */
public final class CrmServices implements AutoCloseable {

    /** The adapters. */
    public record Ports(CustomerRepository customers, OrderRepository orders, SegmentRepository segments,
                        CampaignRepository campaigns, DeliveryLogRepository deliveries, UserRepository users,
                        LeaseRepository leases, IngestionRepository ingestions, WorkQueue queue, VendorGateway vendor,
                        AiAssistant ai, IdentityVerifier identity, TreeCodec codec, Metrics metrics) {
        public Ports {
            Objects.requireNonNull(customers, "customers");
            Objects.requireNonNull(orders, "orders");
            Objects.requireNonNull(segments, "segments");
            Objects.requireNonNull(campaigns, "campaigns");
            Objects.requireNonNull(deliveries, "deliveries");
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(leases, "leases");
            Objects.requireNonNull(ingestions, "ingestions");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(ai, "ai");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(codec, "codec");
            metrics = metrics == null ? Metrics.NONE : metrics;
        }
    }

    /**
     * @param instanceId     names this instance (consumer names, leases)
     * @param currency       the store's currency (ISO code)
     * @param allowedDomains who may sign in (empty: any verified account)
     * @param orderGrace     how old an unapplied order must be before the reconciler re-applies it
     */
    public record Settings(DeliverySettings delivery, String currency, Set<String> allowedDomains, String instanceId,
                           Duration orderGrace) {
        public static Settings defaults() {
            return new Settings(DeliverySettings.defaults(), "INR", Set.of(), "local", Duration.ofMinutes(1));
        }

        public Settings withDelivery(DeliverySettings d) {
            return new Settings(d, currency, allowedDomains, instanceId, orderGrace);
        }

        public Settings withInstance(String id) {
            return new Settings(delivery, currency, allowedDomains, id, orderGrace);
        }

        public Settings withAllowedDomains(Set<String> domains) {
            return new Settings(delivery, currency, domains, instanceId, orderGrace);
        }

        public Settings withOrderGrace(Duration grace) {
            return new Settings(delivery, currency, allowedDomains, instanceId, grace);
        }
    }

    private final Ports ports;
    private final Settings settings;
    private final IdGenerator ids;
    private final IngestCustomers ingestCustomers;
    private final IngestOrders ingestOrders;
    private final CustomerQueries customerQueries;
    private final CampaignActivity campaignActivity;
    private final OrderQueries orderQueries;
    private final OrderReconciler orderReconciler;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final ReceiptIntake receiptIntake;
    private final ReceiptApplier receiptApplier;
    private final DispatchWorker dispatchWorker;
    private final CampaignSupervisor supervisor;
    private final IngestionService ingestion;
    private final AiService ai;
    private final SignIn signIn;
    private final Cluster cluster;
    private final Heartbeat heartbeat;
    private final InstanceOverview instances;
    private final CampaignWatch watch;
    private final CreateSegmentWithCampaign segmentWithCampaign;
    private final QueueHealth queueHealth;
    private final CrmOverview overview;
    private final BackgroundWork background;

    public CrmServices(Ports ports, Settings settings, Clock clock) {
        this(ports, settings, clock, new TimeOrderedIds(clock));
    }

    public CrmServices(Ports ports, Settings settings, Clock clock, IdGenerator ids) {
        this(ports, settings, clock, ids, Cluster.standalone(clock));
    }

    /** With {@code cluster}: how this instance works together with others (registry, shared vendor rate, timings). */
    public CrmServices(Ports ports, Settings settings, Clock clock, IdGenerator ids, Cluster cluster) {
        this.ports = ports;
        this.settings = settings;
        this.ids = ids;
        this.cluster = cluster;
        Metrics metrics = cluster.load().tap(ports.metrics());
        DeliverySettings d = settings.delivery();
        this.ingestCustomers = new IngestCustomers(ports.customers(), ids, clock, metrics);
        this.ingestOrders = new IngestOrders(ports.customers(), ports.orders(), ids, clock, metrics, settings.currency());
        this.customerQueries = new CustomerQueries(ports.customers(), clock);
        this.campaignActivity = new CampaignActivity(ports.campaigns(), ports.customers(), ports.deliveries(), clock);
        this.orderQueries = new OrderQueries(ports.orders());
        this.orderReconciler = new OrderReconciler(ports.customers(), ports.orders(), clock, settings.orderGrace());
        this.segments = new SegmentService(ports.segments(), ports.customers(), ids, clock);
        this.watch = new CampaignWatch(ports.campaigns(), Duration.ofMillis(200));
        CampaignSupervisor[] supervisorRef = new CampaignSupervisor[1];
        CampaignStatusListener nudge = c -> {
            watch.statusChanged(c);
            if (c.status() == io.minicrm.domain.campaign.CampaignStatus.SENDING && supervisorRef[0] != null) {
                supervisorRef[0].nudge();
            }
        };
        this.campaigns = new CampaignService(ports.campaigns(), ports.segments(), ports.deliveries(), ids, clock, metrics,
                nudge);
        this.receiptApplier = new ReceiptApplier(ports.deliveries(), ports.campaigns(), d.retry(), clock, metrics);
        this.receiptIntake = new ReceiptIntake(ports.queue(), metrics, receiptApplier);
        this.dispatchWorker = new DispatchWorker(ports.deliveries(), ports.campaigns(), ports.customers(),
                cluster.load().meter(ports.vendor()), SendPermits.of(
                new RateLimiter(d.sendRatePerSecond(), Math.max(d.dispatchBatch(), d.sendRatePerSecond() / 10)),
                cluster.vendorRate()), d, clock, metrics);
        AudienceWriter writer = new AudienceWriter(ports.campaigns(), ports.segments(), ports.customers(),
                ports.deliveries(), ports.queue(), d, clock, metrics, watch);
        DeliverySweeper sweeper = new DeliverySweeper(ports.deliveries(), ports.queue(), d, clock, metrics);
        LeaseArbiter leases = new LeaseArbiter(ports.leases(), cluster.registry(), cluster.settings(), clock, metrics,
                settings.instanceId());
        this.supervisor = new CampaignSupervisor(ports.campaigns(), ports.deliveries(), leases, writer, sweeper,
                orderReconciler, d, clock, metrics, watch);
        supervisorRef[0] = supervisor;
        java.time.Instant startedAt = clock.instant();
        this.heartbeat = new Heartbeat(cluster.registry(), cluster.settings(), settings.instanceId(),
                () -> cluster.load().report(settings.instanceId(), startedAt));
        this.instances = new InstanceOverview(cluster.registry(), ports.leases(), ports.queue(), clock, settings.instanceId());
        this.ingestion = new IngestionService(ports.queue(), ports.ingestions(), ingestCustomers, ingestOrders,
                ports.codec(), ids, clock);
        this.ai = new AiService(ports.ai(), segments, campaigns, ports.campaigns());
        this.signIn = new SignIn(ports.identity(), ports.users(), ids, clock, settings.allowedDomains());
        this.segmentWithCampaign = new CreateSegmentWithCampaign(segments, campaigns, clock);
        this.queueHealth = new QueueHealth(ports.queue());
        this.overview = new CrmOverview(ports.customers(), ports.orders(), ports.segments(), ports.campaigns());
        this.background = new BackgroundWork(ports.queue(), d, dispatchWorker, receiptApplier, ingestion, supervisor, heartbeat,
                cluster.settings().reclaimIdle());
    }

    /** Announces this instance (heartbeats), then starts the consumers and the supervisor. */
    public void start() {
        background.start();
    }

    /** Stops taking new work, lets in-flight batches finish, stops the supervisor. */
    @Override
    public void close() {
        background.close();
        watch.close();
    }

    /**
     * Stops as a crash would (tests of crash safety): no more heartbeats and no goodbye, leases kept, so the
     * other instances notice only when the heartbeats stop. Abort the queue first, so nothing in hand is
     * acknowledged.
     */
    public void halt() {
        background.halt();
    }

    /** How this instance works together with others. */
    public Cluster cluster() {
        return cluster;
    }

    /** The operators' view of every instance (heartbeats, load, what each holds). */
    public InstanceOverview instances() {
        return instances;
    }

    public CampaignWatch watch() {
        return watch;
    }

    public CreateSegmentWithCampaign segmentWithCampaign() {
        return segmentWithCampaign;
    }

    public QueueHealth queueHealth() {
        return queueHealth;
    }

    public CrmOverview overview() {
        return overview;
    }

    public Ports ports() {
        return ports;
    }

    public Settings settings() {
        return settings;
    }

    public IdGenerator ids() {
        return ids;
    }

    public IngestCustomers ingestCustomers() {
        return ingestCustomers;
    }

    public IngestOrders ingestOrders() {
        return ingestOrders;
    }

    public CustomerQueries customers() {
        return customerQueries;
    }

    public CampaignActivity campaignActivity() {
        return campaignActivity;
    }

    public OrderQueries orders() {
        return orderQueries;
    }

    public OrderReconciler orderReconciler() {
        return orderReconciler;
    }

    public SegmentService segments() {
        return segments;
    }

    public CampaignService campaigns() {
        return campaigns;
    }

    public ReceiptIntake receipts() {
        return receiptIntake;
    }

    public ReceiptApplier receiptApplier() {
        return receiptApplier;
    }

    public DispatchWorker dispatchWorker() {
        return dispatchWorker;
    }

    public CampaignSupervisor supervisor() {
        return supervisor;
    }

    public IngestionService ingestion() {
        return ingestion;
    }

    public AiService ai() {
        return ai;
    }

    public SignIn signIn() {
        return signIn;
    }
}
