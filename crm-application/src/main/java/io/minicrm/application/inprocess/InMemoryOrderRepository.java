package io.minicrm.application.inprocess;

import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders in memory. Thread-safe. */
public final class InMemoryOrderRepository implements OrderRepository {
    private record Entry(Order order, boolean applied, long seq, Quarantined quarantine) {
        Entry(Order order, boolean applied, long seq) {
            this(order, applied, seq, null);
        }
    }

    private final Map<OrderId, Entry> orders = new HashMap<>();
    private long seq;

    @Override
    public synchronized Stored insertIfAbsent(Order order) {
        Entry e = orders.get(order.id());
        if (e != null) {
            return new Stored(e.order(), false, e.applied());
        }
        orders.put(order.id(), new Entry(order, false, ++seq));
        return new Stored(order, true, false);
    }

    @Override
    public synchronized boolean replaceStatus(Order expected, Order next) {
        Entry e = orders.get(expected.id());
        if (e == null || e.order().status() != expected.status()) {
            return false;
        }
        orders.put(expected.id(), new Entry(next, false, e.seq()));
        return true;
    }

    @Override
    public synchronized void markApplied(Order order) {
        Entry e = orders.get(order.id());
        if (e != null && e.order().status() == order.status()) {
            orders.put(order.id(), new Entry(e.order(), true, e.seq()));
        }
    }

    @Override
    public synchronized List<Order> findUnapplied(Instant before, int limit) {
        return orders.values().stream()
                .filter(e -> !e.applied() && e.quarantine() == null && e.order().receivedAt().isBefore(before))
                .sorted(Comparator.comparingLong(Entry::seq)).limit(limit).map(Entry::order).toList();
    }

    @Override
    public synchronized boolean discard(Order order) {
        Entry e = orders.get(order.id());
        if (e == null || e.applied() || e.order().status() != order.status()) {
            return false;
        }
        orders.remove(order.id());
        return true;
    }

    @Override
    public synchronized void quarantine(Order order, String reason, Instant at) {
        Entry e = orders.get(order.id());
        if (e != null && !e.applied() && e.order().status() == order.status()) {
            orders.put(order.id(), new Entry(e.order(), false, e.seq(), new Quarantined(e.order(), reason, at)));
        }
    }

    @Override
    public synchronized List<Quarantined> findQuarantined(int limit) {
        return orders.values().stream().filter(e -> e.quarantine() != null)
                .sorted(Comparator.comparingLong(Entry::seq)).limit(limit).map(Entry::quarantine).toList();
    }

    @Override
    public synchronized Optional<Order> findById(OrderId id) {
        return Optional.ofNullable(orders.get(id)).map(Entry::order);
    }

    @Override
    public synchronized Page<Order> list(Optional<CustomerId> customer, PageRequest page) {
        long before = page.cursor() == null ? Long.MAX_VALUE : Cursors.requireSequence(page.cursor());
        List<Entry> sorted = orders.values().stream()
                .filter(e -> customer.isEmpty() || e.order().customerId().equals(customer.get()))
                .filter(e -> e.seq() < before)
                .sorted(Comparator.comparingLong(Entry::seq).reversed())
                .limit(page.limit() + 1L).toList();
        List<Order> items = new ArrayList<>();
        for (int i = 0; i < Math.min(page.limit(), sorted.size()); i++) {
            items.add(sorted.get(i).order());
        }
        String next = sorted.size() > page.limit() ? Long.toString(sorted.get(page.limit() - 1).seq()) : null;
        return new Page<>(items, next);
    }

    @Override
    public synchronized long countAll() {
        return orders.size();
    }
}
