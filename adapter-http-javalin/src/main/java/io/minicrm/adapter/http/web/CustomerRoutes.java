package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.csv.CsvImport;
import io.minicrm.adapter.http.csv.CsvRows;
import io.minicrm.adapter.http.view.CustomerJson;
import io.minicrm.adapter.http.view.CustomerMessageJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.customer.CustomerBatch;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.ingest.Ingestion;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.delivery.Delivery;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** Customers: ingest (one, many, CSV), list (paged, or whole), search, read one. */
final class CustomerRoutes {
    /** Columns of the customer CSV import, besides {@code attributes.<key>}. */
    static final Set<String> CSV_COLUMNS = Set.of("email", "name", "phone", "city", "tags", "visits", "lastActiveAt",
            "optedOut", "totalSpent", "totalOrders", "orderCount", "firstPurchaseDate", "firstOrderAt",
            "lastPurchaseDate", "lastOrderAt");

    private final HttpUseCases services;
    private final Web web;
    private final WholeLists whole;

    CustomerRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
        this.whole = new WholeLists(web);
    }

    void register(RouteTable routes) {
        routes.heavyPost("/api/customers", Access.USER, ctx -> ingest(ctx, false));
        routes.heavyPost("/api/customers/bulk", Access.USER, ctx -> ingest(ctx, true));
        routes.heavyPost("/api/customers/import", Access.USER, this::importCsv);
        routes.get("/api/customers", Access.USER, this::list);
        routes.get("/api/customers/{id}", Access.USER, this::get);
        routes.get("/api/customers/{id}/messages", Access.USER, this::messages);
    }

    private void ingest(Context ctx, boolean arrayOnly) {
        Object tree = web.bodies().jsonTree(ctx, web.settings().maxBulkBodyBytes());
        List<?> rows = IngestAnswers.rows(tree, arrayOnly, "customers");
        boolean single = !(tree instanceof List<?>);
        if (web.settings().queuedIngestion()) {
            IngestAnswers.queued(web, ctx, services.ingestion().submit(Ingestion.Kind.CUSTOMERS, rows, false), single);
        } else {
            IngestAnswers.written(web, ctx, services.ingestCustomers().ingest(
                    CustomerBatch.read(rows, CustomerProfileReader.json(), 0)), single);
        }
    }

    private void importCsv(Context ctx) {
        Bodies.requireMediaType(ctx, Bodies.CSV);
        IngestCustomers ingest = services.ingestCustomers();
        try (InputStream in = web.bodies().stream(ctx, web.settings().maxImportBodyBytes());
             CsvRows csv = new CsvRows(in, CSV_COLUMNS, true)) {
            CsvImport.Report report = CsvImport.run(csv,
                    (rows, first) -> ingest.ingest(CustomerBatch.read(rows, CustomerProfileReader.text(), first)));
            web.json(ctx, 200, report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Paged with {@code limit}/{@code cursor}; without either, every customer (as the old frontend reads them). */
    private void list(Context ctx) {
        if (ctx.queryParam("q") != null) {
            search(ctx);
            return;
        }
        if (WholeLists.wanted(ctx)) {
            whole.array(ctx, services.customers()::list, page -> page.stream().map(CustomerJson::from).toList());
            return;
        }
        var page = web.paged(web.paging().request(ctx), services.customers()::list);
        web.json(ctx, 200, web.paging().respond(ctx, page, CustomerJson::from));
    }

    /** {@code ?q=}: e-mail or name contains the text, newest first, paged. */
    private void search(Context ctx) {
        String q = ctx.queryParam("q");
        var page = web.paged(web.paging().request(ctx), p -> services.customers().search(q, p));
        web.json(ctx, 200, web.paging().respond(ctx, page, CustomerJson::from));
    }

    /** The customer's delivery rows across campaigns, newest first, each with its campaign's name. */
    private void messages(Context ctx) {
        CustomerId id = Web.pathId(ctx, "id", CustomerId::of);
        var page = web.paged(web.paging().request(ctx), p -> services.campaignActivity().messagesOf(id, p));
        var names = services.campaignActivity().campaigns(page.items().stream().map(Delivery::campaignId).distinct().toList());
        web.json(ctx, 200, web.paging().respond(ctx, page, d -> CustomerMessageJson.from(d, names.get(d.campaignId()))));
    }

    private void get(Context ctx) {
        CustomerId id = Web.pathId(ctx, "id", CustomerId::of);
        web.json(ctx, 200, CustomerJson.from(services.customers().get(id)));
    }
}
