package io.minicrm.application.inprocess;

import io.minicrm.application.contract.OrderRepositoryContract;
import io.minicrm.application.port.OrderRepository;

class InMemoryOrderRepositoryTest extends OrderRepositoryContract {
    @Override
    protected OrderRepository newRepository() {
        return new InMemoryOrderRepository();
    }
}
