package io.minicrm.bootstrap;

import io.minicrm.application.inprocess.InMemoryCampaignRepository;
import io.minicrm.application.inprocess.InMemoryCustomerRepository;
import io.minicrm.application.inprocess.InMemoryDeliveryLogRepository;
import io.minicrm.application.inprocess.InMemoryIngestionRepository;
import io.minicrm.application.inprocess.InMemoryLeaseRepository;
import io.minicrm.application.inprocess.InMemoryOrderRepository;
import io.minicrm.application.inprocess.InMemorySegmentRepository;
import io.minicrm.application.inprocess.InMemoryUserRepository;

/** The application's in-process repositories: nothing outside the JVM, nothing kept after it. */
final class InProcessStore implements StoreParts {
    private final Ports.Stores stores = new Ports.Stores(new InMemoryCustomerRepository(), new InMemoryOrderRepository(),
            new InMemorySegmentRepository(), new InMemoryCampaignRepository(), new InMemoryDeliveryLogRepository(),
            new InMemoryUserRepository(), new InMemoryLeaseRepository(), new InMemoryIngestionRepository());

    @Override
    public Ports.Stores stores() {
        return stores;
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public String describe() {
        return "in-process, in memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
