package io.minicrm.adapter.openai;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryCustomerRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InMemoryIngestionRepository;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.inprocess.InMemoryOrderRepository;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.inprocess.InMemoryUserRepository;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.inprocess.JdkTreeCodec;
import io.minicrm.application.inprocess.StaticIdentityVerifier;
import io.minicrm.application.port.AiAssistant;
import io.minicrm.application.port.Metrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The application wired with its in-process adapters and the given assistant (nothing started). */
final class InProcessCrm {
    private InProcessCrm() {
    }

    static CrmServices with(AiAssistant ai) {
        Clock clock = Clock.systemUTC();
        CrmServices crm = new CrmServices(new CrmServices.Ports(new InMemoryCustomerRepository(), new InMemoryOrderRepository(),
                new InMemorySegmentRepository(), new InMemoryCampaignRepository(), new InMemoryDeliveryLogRepository(),
                new InMemoryUserRepository(), new InMemoryLeaseRepository(), new InMemoryIngestionRepository(),
                new InProcessWorkQueue(), new InProcessVendor(InProcessVendor.Settings.defaults(), clock), ai,
                new StaticIdentityVerifier(), new JdkTreeCodec(), Metrics.NONE), CrmServices.Settings.defaults(), clock);
        crm.ingestCustomers().ingest(Rows.customers(List.of(
                Map.of("email", "asha@example.com", "name", "Asha Rao", "city", "Pune", "totalSpent", 20000),
                Map.of("email", "ravi@example.com", "name", "Ravi K", "city", "Mumbai", "totalSpent", 500),
                Map.of("email", "meera@example.com", "name", "Meera S", "city", "Pune", "totalSpent", 15000))));
        return crm;
    }
}
