package io.minicrm.application.customer;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.shared.NotFoundException;
import java.util.Collection;
import java.util.Map;

/** Reading customers. */
public final class CustomerQueries {
    private final CustomerRepository customers;

    public CustomerQueries(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer get(CustomerId id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id.value()));
    }

    /** The customers that exist among {@code ids}, in one read (e.g. the customers of a page of orders). */
    public Map<CustomerId, Customer> byIds(Collection<CustomerId> ids) {
        return ids.isEmpty() ? Map.of() : customers.findByIds(ids);
    }

    /** Newest first. */
    public Page<Customer> list(PageRequest page) {
        return customers.list(page);
    }

    public long count() {
        return customers.countAll();
    }
}
