package io.minicrm.application.testing;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.shared.IdGenerator;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A customer store that forwards every call; tests override a method to inject a fault. */
public class ForwardingCustomerRepository implements CustomerRepository {
    protected final CustomerRepository delegate;

    public ForwardingCustomerRepository(CustomerRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public UpsertResult upsertAll(List<CustomerProfile> profiles, IdGenerator ids, Instant now) {
        return delegate.upsertAll(profiles, ids, now);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return delegate.findById(id);
    }

    @Override
    public Optional<Customer> findByEmail(Email email) {
        return delegate.findByEmail(email);
    }

    @Override
    public Map<CustomerId, Customer> findByIds(Collection<CustomerId> ids) {
        return delegate.findByIds(ids);
    }

    @Override
    public Map<Email, CustomerId> idsByEmail(Collection<Email> emails) {
        return delegate.idsByEmail(emails);
    }

    @Override
    public Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
        return delegate.update(id, change);
    }

    @Override
    public Page<Customer> list(PageRequest page) {
        return delegate.list(page);
    }

    @Override
    public long countAll() {
        return delegate.countAll();
    }

    @Override
    public long count(Rule rule, Instant now) {
        return delegate.count(rule, now);
    }

    @Override
    public List<Customer> sample(Rule rule, Instant now, int n) {
        return delegate.sample(rule, now, n);
    }

    @Override
    public RulePreview preview(Rule rule, Instant now, int sampleSize) {
        return delegate.preview(rule, now, sampleSize);
    }

    @Override
    public Page<Customer> matching(Rule rule, Instant now, PageRequest page) {
        return delegate.matching(rule, now, page);
    }

    @Override
    public List<CustomerId> matchingIds(Rule rule, Instant now, CustomerId after, int limit) {
        return delegate.matchingIds(rule, now, after, limit);
    }
}
