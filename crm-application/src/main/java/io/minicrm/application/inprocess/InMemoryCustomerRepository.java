package io.minicrm.application.inprocess;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Customers in memory, rules evaluated with the domain's compiled evaluator. Thread-safe. */
public final class InMemoryCustomerRepository implements CustomerRepository {
    private final ConcurrentSkipListMap<CustomerId, Customer> byId = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<Email, CustomerId> byEmail = new ConcurrentHashMap<>();

    @Override
    public synchronized UpsertResult upsertAll(List<CustomerProfile> profiles, IdGenerator ids, Instant now) {
        List<CustomerId> out = new ArrayList<>(profiles.size());
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        Map<Integer, ValidationException> refused = new HashMap<>();
        for (CustomerProfile p : profiles) {
            CustomerId existing = byEmail.get(p.email());
            if (existing == null) {
                Customer c = Customer.create(CustomerId.of(ids.newId()), p, now);
                byId.put(c.id(), c);
                byEmail.put(c.email(), c.id());
                out.add(c.id());
                inserted++;
            } else {
                Customer before = byId.get(existing);
                Customer after;
                try {
                    after = before.withProfile(p, now);
                } catch (ValidationException e) {
                    refused.put(out.size(), e);
                    out.add(null);
                    continue;
                }
                if (after == before) {
                    unchanged++;
                } else {
                    byId.put(existing, after);
                    updated++;
                }
                out.add(existing);
            }
        }
        return new UpsertResult(out, inserted, updated, unchanged, refused);
    }

    @Override
    public Optional<Customer> findById(CustomerId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<Customer> findByEmail(Email email) {
        CustomerId id = byEmail.get(email);
        return id == null ? Optional.empty() : findById(id);
    }

    @Override
    public Map<CustomerId, Customer> findByIds(Collection<CustomerId> ids) {
        Map<CustomerId, Customer> out = new HashMap<>();
        for (CustomerId id : ids) {
            Customer c = byId.get(id);
            if (c != null) {
                out.put(id, c);
            }
        }
        return out;
    }

    @Override
    public Map<Email, CustomerId> idsByEmail(Collection<Email> emails) {
        Map<Email, CustomerId> out = new HashMap<>();
        for (Email e : emails) {
            CustomerId id = byEmail.get(e);
            if (id != null) {
                out.put(e, id);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<Customer> update(CustomerId id, UnaryOperator<Customer> change) {
        Customer c = byId.get(id);
        if (c == null) {
            return Optional.empty();
        }
        Customer next = change.apply(c);
        byId.put(id, next);
        return Optional.of(next);
    }

    @Override
    public Page<Customer> list(PageRequest page) {
        return newestFirst(c -> true, page);
    }

    @Override
    public long countAll() {
        return byId.size();
    }

    @Override
    public long count(Rule rule, Instant now) {
        Predicate<Customer> m = matcher(rule, now);
        long n = 0;
        for (Customer c : byId.values()) {
            if (m.test(c)) {
                n++;
            }
        }
        return n;
    }

    @Override
    public List<Customer> sample(Rule rule, Instant now, int n) {
        if (n <= 0) {
            return List.of();
        }
        return newestFirst(matcher(rule, now), PageRequest.first(Math.max(1, Math.min(n, PageRequest.MAX_LIMIT)))).items();
    }

    /** One walk from the newest customer: counts every match and keeps the first {@code sampleSize}. */
    @Override
    public RulePreview preview(Rule rule, Instant now, int sampleSize) {
        Predicate<Customer> m = matcher(rule, now);
        long count = 0;
        long reachable = 0;
        List<Customer> sample = new ArrayList<>(Math.max(0, Math.min(sampleSize, PageRequest.MAX_LIMIT)));
        for (Customer c : byId.descendingMap().values()) {
            if (m.test(c)) {
                count++;
                if (!c.optedOut()) {
                    reachable++;
                }
                if (sample.size() < sampleSize) {
                    sample.add(c);
                }
            }
        }
        return new RulePreview(count, reachable, sample);
    }

    @Override
    public Page<Customer> matching(Rule rule, Instant now, PageRequest page) {
        return newestFirst(matcher(rule, now), page);
    }

    @Override
    public List<CustomerId> matchingIds(Rule rule, Instant now, CustomerId after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Predicate<Customer> m = matcher(rule, now);
        NavigableMap<CustomerId, Customer> tail = after == null ? byId : byId.tailMap(after, false);
        List<CustomerId> out = new ArrayList<>();
        for (Customer c : tail.values()) {
            if (m.test(c)) {
                out.add(c.id());
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    private Page<Customer> newestFirst(Predicate<Customer> filter, PageRequest page) {
        return NewestFirst.page(byId, CustomerId::of, c -> c.id().value(), filter, page);
    }

    private static Predicate<Customer> matcher(Rule rule, Instant now) {
        return CompiledRule.compile(rule, Clock.fixed(now, ZoneOffset.UTC)).matcherAt(now);
    }
}
