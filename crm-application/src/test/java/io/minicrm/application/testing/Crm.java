package io.minicrm.application.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.delivery.DeliverySettings;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.delivery.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Mini CRM wired from in-process adapters for use-case tests: the stores, an in-process queue, the
 * in-process vendor whose receipts go to the services' receipt intake (and are kept for replays), and
 * {@link CrmServices}. {@link #close()} stops the services and drops whatever its own queue still held,
 * like a crash of the process; the stores (the database), the vendor (another system) and a queue passed in
 * (a shared queue server) live on.
 */
public final class Crm implements AutoCloseable {
    public final Stores stores;
    public final InProcessWorkQueue queue;
    public final InProcessVendor vendor;
    public final CrmServices services;
    public final CountingMetrics metrics = new CountingMetrics();
    public final Clock clock;
    private final boolean ownsVendor;
    private final boolean ownsQueue;
    private final List<Receipt> receipts = Collections.synchronizedList(new ArrayList<>());

    private Crm(Builder b) {
        this.stores = b.stores;
        this.clock = b.clock;
        this.ownsQueue = b.queue == null;
        // stands in for a queue server, so the use cases queue work as they do on Redis
        this.queue = b.queue != null ? b.queue : new InProcessWorkQueue(true);
        this.ownsVendor = b.vendor == null;
        this.vendor = b.vendor != null ? b.vendor : new InProcessVendor(b.vendorSettings, b.clock);
        VendorGateway gateway = b.gateway == null ? vendor : b.gateway.apply(vendor);
        CustomerRepository customers = b.customers == null ? stores.customers() : b.customers.apply(stores.customers());
        CrmServices.Settings settings = CrmServices.Settings.defaults().withDelivery(b.delivery)
                .withInstance(b.instance).withOrderGrace(b.orderGrace);
        CampaignRepository campaigns = b.campaigns == null ? stores.campaigns() : b.campaigns.apply(stores.campaigns());
        this.services = b.cluster == null
                ? new CrmServices(stores.ports(customers, campaigns, queue, gateway, b.ai, metrics), settings, b.clock)
                : new CrmServices(stores.ports(customers, campaigns, queue, gateway, b.ai, metrics), settings, b.clock,
                        new TimeOrderedIds(b.clock), b.cluster);
        vendor.receiptsTo(list -> {
            receipts.addAll(list);
            services.receipts().accept(list);
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Delivery settings with short timings for tests: retries after tens of milliseconds, quick sweeps. */
    public static DeliverySettings fastDelivery() {
        return DeliverySettings.defaults()
                .withThroughput(500, 100, 0, 2)
                .withTimings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(100),
                        Duration.ofMillis(20), Duration.ofMillis(200))
                .withRetry(new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), 0.2));
    }

    /** A vendor answering fast (receipts within 1-30 ms, 5 % duplicated). */
    public static InProcessVendor.Settings vendorSettings(double successRate, double retryableShare) {
        return new InProcessVendor.Settings(successRate, retryableShare, 0.05, Duration.ofMillis(1), Duration.ofMillis(30), 7);
    }

    public Crm start() {
        services.start();
        return this;
    }

    /** Every receipt the vendor reported so far. */
    public List<Receipt> receipts() {
        synchronized (receipts) {
            return new ArrayList<>(receipts);
        }
    }

    public Campaign campaign(CampaignId id) {
        return stores.campaigns().findById(id).orElseThrow();
    }

    public List<Delivery> rows(CampaignId id) {
        return stores.deliveries().all(id);
    }

    public Campaign awaitStatus(CampaignId id, CampaignStatus status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(25))
                .untilAsserted(() -> assertThat(campaign(id).status()).isEqualTo(status));
        return campaign(id);
    }

    public Campaign awaitCompleted(CampaignId id) {
        return awaitStatus(id, CampaignStatus.COMPLETED, Duration.ofSeconds(30));
    }

    /** Waits until the queue has nothing queued or in flight. */
    public void awaitQueueIdle() {
        try {
            assertThat(queue.awaitIdle(Duration.ofSeconds(20))).as("queue drained").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        services.close();
        if (ownsQueue) {
            queue.close();
        }
        if (ownsVendor) {
            vendor.close();
        }
    }

    /** How to build a {@link Crm}. */
    public static final class Builder {
        private Stores stores = Stores.fresh();
        private Clock clock = Clock.systemUTC();
        private DeliverySettings delivery = fastDelivery();
        private InProcessVendor.Settings vendorSettings = Crm.vendorSettings(0.9, 0.5);
        private InProcessVendor vendor;
        private InProcessWorkQueue queue;
        private UnaryOperator<CustomerRepository> customers;
        private UnaryOperator<CampaignRepository> campaigns;
        private java.util.function.Function<InProcessVendor, VendorGateway> gateway;
        private AiAssistant ai;
        private String instance = "test";
        private Duration orderGrace = Duration.ofMinutes(1);
        private Cluster cluster;

        public Builder stores(Stores s) {
            this.stores = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder delivery(DeliverySettings d) {
            this.delivery = d;
            return this;
        }

        public Builder vendorSettings(InProcessVendor.Settings s) {
            this.vendorSettings = s;
            return this;
        }

        /** Use this vendor (shared with another {@link Crm}, e.g. before and after a restart). */
        public Builder vendor(InProcessVendor v) {
            this.vendor = v;
            return this;
        }

        /** Use this queue (shared with another {@link Crm}: two instances of the application). */
        public Builder queue(InProcessWorkQueue q) {
            this.queue = q;
            return this;
        }

        /** Wraps the customer store (fault injection). */
        public Builder customers(UnaryOperator<CustomerRepository> wrap) {
            this.customers = wrap;
            return this;
        }

        /** Wraps the campaign store as the services see it (instrumentation). */
        public Builder campaigns(UnaryOperator<CampaignRepository> wrap) {
            this.campaigns = wrap;
            return this;
        }

        /** Wraps the vendor as the services see it (fault injection). */
        public Builder gateway(java.util.function.Function<InProcessVendor, VendorGateway> wrap) {
            this.gateway = wrap;
            return this;
        }

        public Builder ai(AiAssistant a) {
            this.ai = a;
            return this;
        }

        public Builder instance(String id) {
            this.instance = id;
            return this;
        }

        /** How this instance works with others (a registry shared with other {@link Crm}s, timings). */
        public Builder cluster(Cluster c) {
            this.cluster = c;
            return this;
        }

        public Builder orderGrace(Duration d) {
            this.orderGrace = d;
            return this;
        }

        public Crm build() {
            return new Crm(this);
        }
    }
}
