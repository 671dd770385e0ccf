package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.csv.CsvImport;
import io.minicrm.adapter.http.csv.CsvRows;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.view.OrderJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderBatch;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.shared.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Orders: ingest (one, many, CSV; idempotent by order id or {@code Idempotency-Key}), list (paged, or whole) with
 * their customers.
 */
final class OrderRoutes {
    /** Columns of the order CSV import (line items are not importable from CSV). */
    static final Set<String> CSV_COLUMNS = Set.of("orderId", "customerId", "customerEmail", "amount", "currency",
            "status", "orderedAt");

    private final HttpUseCases services;
    private final Web web;
    private final WholeLists whole;

    OrderRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
        this.whole = new WholeLists(web);
    }

    void register(RouteTable routes) {
        routes.heavyPost("/api/orders", Access.USER, this::ingest);
        routes.heavyPost("/api/orders/import", Access.USER, this::importCsv);
        routes.get("/api/orders", Access.USER, this::list);
    }

    private void ingest(Context ctx) {
        Object tree = web.bodies().jsonTree(ctx, web.settings().maxBulkBodyBytes());
        List<?> rows = IngestAnswers.rows(tree, false, "orders");
        boolean single = !(tree instanceof List<?>);
        String key = ctx.header("Idempotency-Key");
        if (web.settings().queuedIngestion()) {
            if (single && key != null && rows.get(0) instanceof Map<?, ?> m && m.get("orderId") == null) {
                Map<Object, Object> withKey = new LinkedHashMap<>(m);
                withKey.put("orderId", key);
                rows = List.of(withKey);
            }
            IngestAnswers.queued(web, ctx, services.ingestion().submit(Ingestion.Kind.ORDERS, rows, false), single);
        } else {
            IngestAnswers.written(web, ctx, services.ingestOrders().ingest(OrderBatch.read(rows,
                    OrderRequestReader.json(services.ingestOrders().currency()), 0, key)), single);
        }
    }

    private void importCsv(Context ctx) {
        Bodies.requireMediaType(ctx, Bodies.CSV);
        IngestOrders ingest = services.ingestOrders();
        try (InputStream in = web.bodies().stream(ctx, web.settings().maxImportBodyBytes());
             CsvRows csv = new CsvRows(in, CSV_COLUMNS, false)) {
            CsvImport.Report report = CsvImport.run(csv,
                    (rows, first) -> ingest.ingest(OrderBatch.read(rows, OrderRequestReader.text(ingest.currency()), first, null)));
            web.json(ctx, 200, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void list(Context ctx) {
        String customer = ctx.queryParam("customerId");
        if (customer != null && !Ids.isValid(customer)) {
            throw ApiProblem.badRequest("?customerId", "not a valid id");
        }
        Optional<CustomerId> filter = Optional.ofNullable(customer).map(CustomerId::of);
        if (WholeLists.wanted(ctx)) {
            whole.array(ctx, p -> services.orders().list(filter, p), this::withCustomers);
            return;
        }
        var page = web.paged(web.paging().request(ctx), p -> services.orders().list(filter, p));
        web.paging().link(ctx, page);
        web.json(ctx, 200, withCustomers(page.items()));
    }

    /** The orders with their customers populated, read in one lookup per page. */
    private List<OrderJson> withCustomers(List<Order> orders) {
        Set<CustomerId> ids = new HashSet<>();
        orders.forEach(o -> ids.add(o.customerId()));
        Map<CustomerId, Customer> customers = services.customers().byIds(ids);
        return orders.stream().map(o -> OrderJson.from(o, customers.get(o.customerId()))).toList();
    }
}
