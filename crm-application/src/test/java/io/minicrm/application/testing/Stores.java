package io.minicrm.application.testing;

import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryCustomerRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InMemoryIngestionRepository;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.inprocess.InMemoryOrderRepository;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.inprocess.InMemoryUserRepository;
import io.minicrm.application.inprocess.JdkTreeCodec;
import io.minicrm.application.inprocess.StaticIdentityVerifier;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.port.WorkQueue;

/**
 * The in-memory stores of one "installation": they outlive a {@link CrmServices} instance, so a test can
 * stop the services (a crash) and build new ones over the same data (a restart).
 */
public record Stores(InMemoryCustomerRepository customers, InMemoryOrderRepository orders,
                     InMemorySegmentRepository segments, InMemoryCampaignRepository campaigns,
                     InMemoryDeliveryLogRepository deliveries, InMemoryUserRepository users,
                     InMemoryLeaseRepository leases, InMemoryIngestionRepository ingestions) {

    public static Stores fresh() {
        return new Stores(new InMemoryCustomerRepository(), new InMemoryOrderRepository(), new InMemorySegmentRepository(),
                new InMemoryCampaignRepository(), new InMemoryDeliveryLogRepository(), new InMemoryUserRepository(),
                new InMemoryLeaseRepository(), new InMemoryIngestionRepository());
    }

    /** Ports over these stores; {@code customers} may wrap {@link #customers()} (fault injection). */
    public CrmServices.Ports ports(CustomerRepository customers, WorkQueue queue, VendorGateway vendor, AiAssistant ai,
                                   Metrics metrics) {
        return ports(customers, campaigns, queue, vendor, ai, metrics);
    }

    /** Ports over these stores; {@code customers} and {@code campaigns} may wrap the stores' own (instrumentation). */
    public CrmServices.Ports ports(CustomerRepository customers, CampaignRepository campaigns, WorkQueue queue,
                                   VendorGateway vendor, AiAssistant ai, Metrics metrics) {
        return new CrmServices.Ports(customers, orders, segments, campaigns, deliveries, users, leases, ingestions, queue,
                vendor, ai == null ? FakeAi.unavailable() : ai, new StaticIdentityVerifier(), new JdkTreeCodec(), metrics);
    }
}
