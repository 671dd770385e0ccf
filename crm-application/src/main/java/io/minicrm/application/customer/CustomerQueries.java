package io.minicrm.application.customer;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Operand;
import io.minicrm.domain.segment.Operator;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import io.minicrm.domain.shared.NotFoundException;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.Collection;
import java.util.Map;

/** Reading customers: one, a page, a search by e-mail or name. */
public final class CustomerQueries {
    /** Longest search text (a rule's string value). */
    public static final int MAX_SEARCH = 256;

    private final CustomerRepository customers;
    private final Clock clock;

    public CustomerQueries(CustomerRepository customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
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

    /**
     * Customers whose e-mail or name contains {@code text} (case-insensitive, literal text),
     * newest first, paged. Blank text is every customer.
     * @throws ValidationException (path {@code ?q}) for text longer than {@link #MAX_SEARCH}
     */
    public Page<Customer> search(String text, PageRequest page) {
        String q = text == null ? "" : text.strip();
        if (q.isEmpty()) {
            return list(page);
        }
        if (q.length() > MAX_SEARCH) {
            throw new ValidationException("?q", "must be at most " + MAX_SEARCH + " characters");
        }
        Operand.Text value = new Operand.Text(q);
        Rule rule = Rule.or(List.of(new Condition(StandardField.EMAIL, Operator.CONTAINS, value),
                new Condition(StandardField.NAME, Operator.CONTAINS, value)));
        return customers.matching(rule, clock.instant(), page);
    }

    public long count() {
        return customers.countAll();
    }
}
