package io.minicrm.application.order;

import io.minicrm.application.port.CustomerRepository;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.order.CustomerRef;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.shared.ValidationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much each customer of one order request may still be counted before the total spent reaches the
 * limit of an amount: the stored totals, read once, less what the earlier rows of the request took. Lets
 * {@link IngestOrders} reject an order before writing anything.
 */
final class Headroom {
    private final Map<CustomerId, Customer> customers;
    private final Map<CustomerId, Long> taken = new HashMap<>();
    private final Map<CustomerId, Set<String>> counted = new HashMap<>();

    Headroom(CustomerRepository repository, List<OrderBatch.Row> rows, Map<CustomerId, CustomerId> knownIds,
             Map<Email, CustomerId> byEmail) {
        Set<CustomerId> ids = new HashSet<>();
        for (OrderBatch.Row r : rows) {
            if (r.request().status() != OrderStatus.COMPLETED) {
                continue;
            }
            CustomerId id = r.request().customer() instanceof CustomerRef.ById byId ? knownIds.get(byId.id())
                    : byEmail.get(((CustomerRef.ByEmail) r.request().customer()).email());
            if (id != null) {
                ids.add(id);
            }
        }
        this.customers = ids.isEmpty() ? Map.of() : repository.findByIds(ids);
    }

    /**
     * Takes room for a completed order not yet counted for its customer.
     * @throws ValidationException ({@code /amount}) when there is not enough left
     */
    void take(Order order) {
        Customer c = customers.get(order.customerId());
        if (c == null || order.status() != OrderStatus.COMPLETED || c.hasCounted(order.id().value())
                || !counted.computeIfAbsent(c.id(), k -> new HashSet<>()).add(order.id().value())) {
            return;
        }
        long already = taken.getOrDefault(c.id(), 0L);
        if (order.amount().minor() > c.headroom().minor() - already) {
            counted.get(c.id()).remove(order.id().value());
            throw new ValidationException("/amount", "counting " + order.amount() + " would take the total spent of "
                    + "customer " + c.id() + " past " + Money.MAX_MAJOR_TEXT + " (it is " + c.totalSpent().toPlainString()
                    + (already > 0 ? ", plus " + Money.ofMinor(already) + " from earlier rows of this request" : "")
                    + "); nothing was written");
        }
        taken.put(c.id(), already + order.amount().minor());
    }

    /** Gives back what {@link #take} took for an order that was not stored after all. */
    void release(Order order) {
        Set<String> ids = counted.get(order.customerId());
        if (ids != null && ids.remove(order.id().value())) {
            taken.merge(order.customerId(), -order.amount().minor(), Long::sum);
        }
    }
}
