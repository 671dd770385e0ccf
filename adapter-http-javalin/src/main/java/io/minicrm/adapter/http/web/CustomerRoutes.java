package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.csv.CsvImport;
import io.minicrm.adapter.http.csv.CsvRows;
import io.minicrm.adapter.http.view.CustomerJson;
import io.minicrm.application.CrmServices;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.ingest.Ingestion;
import io.minicrm.domain.customer.CustomerId;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

/** Customers: ingest (one, many, CSV), list, read one. */
final class CustomerRoutes {
    /** Columns of the customer CSV import, besides {@code attributes.<key>}. */
    static final Set<String> CSV_COLUMNS = Set.of("email", "name", "phone", "city", "tags", "visits", "lastActiveAt",
            "optedOut", "totalSpent", "totalOrders", "orderCount", "firstPurchaseDate", "firstOrderAt",
            "lastPurchaseDate", "lastOrderAt");

    private final CrmServices services;
    private final Web web;

    CustomerRoutes(CrmServices services, Web web) {
        this.services = services;
        this.web = web;
    }

    void register(RouteTable routes) {
        routes.heavyPost("/api/customers", Access.USER, ctx -> ingest(ctx, false));
        routes.heavyPost("/api/customers/bulk", Access.USER, ctx -> ingest(ctx, true));
        routes.heavyPost("/api/customers/import", Access.USER, this::importCsv);
        routes.get("/api/customers", Access.USER, this::list);
        routes.get("/api/customers/{id}", Access.USER, this::get);
    }

    private void ingest(Context ctx, boolean arrayOnly) {
        Object tree = web.bodies().jsonTree(ctx, web.settings().maxBulkBodyBytes());
        List<?> rows = IngestAnswers.rows(tree, arrayOnly, "customers");
        boolean single = !(tree instanceof List<?>);
        if (web.settings().queuedIngestion()) {
            IngestAnswers.queued(web, ctx, services.ingestion().submit(Ingestion.Kind.CUSTOMERS, rows, false), single);
        } else {
            IngestAnswers.written(web, ctx, services.ingestCustomers().ingest(rows), single);
        }
    }

    private void importCsv(Context ctx) {
        Bodies.requireMediaType(ctx, Bodies.CSV);
        IngestCustomers ingest = services.ingestCustomers();
        try (InputStream in = web.bodies().stream(ctx, web.settings().maxImportBodyBytes());
             CsvRows csv = new CsvRows(in, CSV_COLUMNS, true)) {
            CsvImport.Report report = CsvImport.run(csv,
                    (rows, first) -> ingest.write(ingest.validate(rows, true, first)));
            web.json(ctx, 200, report);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void list(Context ctx) {
        var page = web.paged(web.paging().request(ctx), services.customers()::list);
        web.json(ctx, 200, web.paging().respond(ctx, page, CustomerJson::from));
    }

    private void get(Context ctx) {
        CustomerId id = Web.pathId(ctx, "id", CustomerId::of);
        web.json(ctx, 200, CustomerJson.from(services.customers().get(id)));
    }
}
