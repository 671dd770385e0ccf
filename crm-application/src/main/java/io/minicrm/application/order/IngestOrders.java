package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.order.CustomerRef;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderRequest;
import io.minicrm.domain.shared.DomainException;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ingests orders, idempotent by order id: validates every row, resolves its customer (an unknown
 * customer is a row error), stores the order once, and applies it to the customer's aggregates exactly
 * once. The same order sent again changes nothing; sent again as cancelled or refunded it is taken back
 * out of the aggregates; sent again with a different amount or customer it is a row error.
 *
 * <p>An order that would take its customer's total spent past the limit of an amount is a row error too,
 * found before anything is written (the customers' current totals plus the earlier rows of the same
 * request). Should a concurrent ingestion fill the room in between, applying fails and the order just
 * inserted is removed again, so a rejected row leaves nothing behind.
 */
public final class IngestOrders {
    public static final int MAX_ROWS = 10_000;

    private final CustomerRepository customers;
    private final OrderRepository orders;
    private final OrderApplier applier;
    private final IdGenerator ids;
    private final Clock clock;
    private final Metrics metrics;
    private final String currency;

    public IngestOrders(CustomerRepository customers, OrderRepository orders, IdGenerator ids, Clock clock,
                        Metrics metrics, String currency) {
        this.customers = customers;
        this.orders = orders;
        this.applier = new OrderApplier(customers, orders, clock);
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
        this.currency = currency;
    }

    /** The store's currency: every order must be in it. */
    public String currency() {
        return currency;
    }

    /**
     * Ingests these orders (index = position in the list). An order in another currency than the
     * store's is rejected at {@code /currency}.
     * @throws ValidationException when the list is empty or longer than {@value #MAX_ROWS}
     */
    public BulkResult ingest(List<OrderRequest> orders) {
        List<OrderBatch.Row> valid = new ArrayList<>(orders.size());
        List<RowError> rejected = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            OrderRequest o = orders.get(i);
            if (o.currency().equals(currency)) {
                valid.add(new OrderBatch.Row(i, o));
            } else {
                rejected.add(new RowError(i, List.of(new Problem("/currency",
                        "this store keeps amounts in " + currency + "; got " + o.currency()))));
            }
        }
        return ingest(new OrderBatch(0, orders.size(), valid, rejected));
    }

    /**
     * Ingests the batch's valid rows; its rejected rows are reported as they are. The result's ids are
     * aligned with the batch's rows (null where rejected).
     * @throws ValidationException when the batch has no rows or more than {@value #MAX_ROWS}
     */
    public BulkResult ingest(OrderBatch v) {
        if (v.total() == 0) {
            throw new ValidationException("", "no rows: send one object or a non-empty array");
        }
        if (v.total() > MAX_ROWS) {
            throw new ValidationException("", "at most " + MAX_ROWS + " rows per request; got " + v.total());
        }
        List<RowError> rejected = new ArrayList<>(v.rejected());
        Map<CustomerId, CustomerId> knownIds = existingIds(v.valid());
        Map<Email, CustomerId> byEmail = customers.idsByEmail(emails(v.valid()));
        Headroom headroom = new Headroom(customers, v.valid(), knownIds, byEmail);
        String[] idByIndex = new String[v.total()];
        int inserted = 0;
        int unchanged = 0;
        int updated = 0;
        Instant now = clock.instant();
        for (OrderBatch.Row row : v.valid()) {
            OrderRequest req = row.request();
            CustomerId customer = req.customer() instanceof CustomerRef.ById byId ? knownIds.get(byId.id())
                    : byEmail.get(((CustomerRef.ByEmail) req.customer()).email());
            if (customer == null) {
                String path = req.customer() instanceof CustomerRef.ById ? "/customerId" : "/customerEmail";
                rejected.add(new RowError(row.index(), List.of(new Problem(path, "no such customer; ingest the customer first"))));
                continue;
            }
            OrderId id = req.id() != null ? req.id() : OrderId.of("gen-" + ids.newId());
            Order incoming = req.toOrder(id, customer, now);
            try {
                headroom.take(incoming);
                Outcome o;
                try {
                    o = store(incoming);
                } catch (RuntimeException e) {
                    headroom.release(incoming);
                    throw e;
                }
                switch (o) {
                    case INSERTED -> inserted++;
                    case UPDATED -> updated++;
                    case UNCHANGED -> unchanged++;
                }
                idByIndex[row.index() - v.firstIndex()] = id.value();
            } catch (ValidationException e) {
                rejected.add(new RowError(row.index(), e.problems()));
            } catch (DomainException e) {
                rejected.add(new RowError(row.index(), List.of(new Problem("/orderId", e.getMessage()))));
            }
        }
        rejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
        int accepted = inserted + updated + unchanged;
        metrics.count("crm.ingest.rows", accepted, "kind", "orders", "outcome", "accepted");
        metrics.count("crm.ingest.rows", rejected.size(), "kind", "orders", "outcome", "rejected");
        return new BulkResult(accepted, rejected, inserted, updated, unchanged, Arrays.asList(idByIndex));
    }

    private enum Outcome { INSERTED, UPDATED, UNCHANGED }

    private Outcome store(Order incoming) {
        for (int attempt = 0; attempt < 10; attempt++) {
            OrderRepository.Stored stored = orders.insertIfAbsent(incoming);
            if (stored.inserted()) {
                try {
                    applier.apply(stored.order());
                } catch (ValidationException refused) {
                    // a concurrent ingestion took the room the check saw: take the order back out, write nothing
                    orders.discard(stored.order());
                    throw refused;
                }
                return Outcome.INSERTED;
            }
            Order next = stored.order().reconcile(incoming);
            if (next.equals(stored.order())) {
                if (!stored.applied()) {
                    applier.apply(stored.order());
                }
                return Outcome.UNCHANGED;
            }
            if (orders.replaceStatus(stored.order(), next)) {
                applier.apply(next);
                return Outcome.UPDATED;
            }
            // the stored status changed meanwhile: read again
        }
        throw new DomainException("order-contended", "order " + incoming.id() + " is being changed concurrently; retry");
    }

    private Map<CustomerId, CustomerId> existingIds(List<OrderBatch.Row> rows) {
        Set<CustomerId> wanted = new HashSet<>();
        for (OrderBatch.Row r : rows) {
            if (r.request().customer() instanceof CustomerRef.ById byId) {
                wanted.add(byId.id());
            }
        }
        Map<CustomerId, CustomerId> out = new java.util.HashMap<>();
        customers.findByIds(wanted).keySet().forEach(id -> out.put(id, id));
        return out;
    }

    private static Collection<Email> emails(List<OrderBatch.Row> rows) {
        Set<Email> out = new HashSet<>();
        for (OrderBatch.Row r : rows) {
            if (r.request().customer() instanceof CustomerRef.ByEmail e) {
                out.add(e.email());
            }
        }
        return out;
    }
}
