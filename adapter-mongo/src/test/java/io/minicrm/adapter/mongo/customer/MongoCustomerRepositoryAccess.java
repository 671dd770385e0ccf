package io.minicrm.adapter.mongo.customer;

import io.minicrm.application.port.CustomerRepository;

/** Test access to the paging cursors of a {@link MongoCustomerRepository}. */
final class MongoCustomerRepositoryAccess {
    private final MongoCustomerRepository repo;

    MongoCustomerRepositoryAccess(CustomerRepository repo) {
        this.repo = (MongoCustomerRepository) repo;
    }

    int openCursors() {
        return repo.openCursors();
    }
}
