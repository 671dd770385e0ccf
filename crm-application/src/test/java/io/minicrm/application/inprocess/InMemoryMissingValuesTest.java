package io.minicrm.application.inprocess;

import io.minicrm.application.contract.MissingValuesContract;
import io.minicrm.application.port.CustomerRepository;

/** Missing values through ingestion and preview, on the in-memory evaluator. */
class InMemoryMissingValuesTest extends MissingValuesContract {
    @Override
    protected CustomerRepository newRepository() {
        return new InMemoryCustomerRepository();
    }
}
