package io.minicrm.application.inprocess;

import io.minicrm.application.contract.LeaseRepositoryContract;
import io.minicrm.application.port.LeaseRepository;

class InMemoryLeaseRepositoryTest extends LeaseRepositoryContract {
    @Override
    protected LeaseRepository newRepository() {
        return new InMemoryLeaseRepository();
    }
}
