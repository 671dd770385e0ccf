package io.minicrm.application.inprocess;

import io.minicrm.application.contract.IngestionRepositoryContract;
import io.minicrm.application.port.IngestionRepository;

class InMemoryIngestionRepositoryTest extends IngestionRepositoryContract {
    @Override
    protected IngestionRepository newRepository() {
        return new InMemoryIngestionRepository();
    }
}
