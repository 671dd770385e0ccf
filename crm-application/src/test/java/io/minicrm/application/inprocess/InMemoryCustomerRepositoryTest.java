package io.minicrm.application.inprocess;

import io.minicrm.application.contract.CustomerRepositoryContract;
import io.minicrm.application.port.CustomerRepository;

class InMemoryCustomerRepositoryTest extends CustomerRepositoryContract {
    @Override
    protected CustomerRepository newRepository() {
        return new InMemoryCustomerRepository();
    }
}
