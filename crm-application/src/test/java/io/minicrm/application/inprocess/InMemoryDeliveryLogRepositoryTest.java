package io.minicrm.application.inprocess;

import io.minicrm.application.contract.DeliveryLogRepositoryContract;
import io.minicrm.application.port.DeliveryLogRepository;

class InMemoryDeliveryLogRepositoryTest extends DeliveryLogRepositoryContract {
    @Override
    protected DeliveryLogRepository newRepository() {
        return new InMemoryDeliveryLogRepository();
    }
}
