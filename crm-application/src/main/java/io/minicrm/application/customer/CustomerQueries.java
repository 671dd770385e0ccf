package io.minicrm.application.customer;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.shared.NotFoundException;

/** Reading customers. */
public final class CustomerQueries {
    private final CustomerRepository customers;

    public CustomerQueries(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer get(CustomerId id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id.value()));
    }

    /** Newest first. */
    public Page<Customer> list(PageRequest page) {
        return customers.list(page);
    }

    public long count() {
        return customers.countAll();
    }
}
