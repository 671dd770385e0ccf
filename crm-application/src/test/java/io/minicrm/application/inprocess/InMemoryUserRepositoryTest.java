package io.minicrm.application.inprocess;

import io.minicrm.application.contract.UserRepositoryContract;
import io.minicrm.application.port.UserRepository;

class InMemoryUserRepositoryTest extends UserRepositoryContract {
    @Override
    protected UserRepository newRepository() {
        return new InMemoryUserRepository();
    }
}
