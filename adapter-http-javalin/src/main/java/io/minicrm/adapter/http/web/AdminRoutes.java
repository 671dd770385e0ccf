package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.view.IngestionJson;
import io.minicrm.adapter.http.view.InstancesJson;
import io.minicrm.adapter.http.view.OrderJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.ops.QueueHealth;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.shared.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tracking of queued ingestions (one by its id; the newest ones for operators); for operators, the queues' dead
 * letters (their errors without internal class names), the orders set aside because they cannot be applied, and
 * the instances.
 */
final class AdminRoutes {
    static final List<String> TOPICS = QueueHealth.TOPICS;
    static final int DEFAULT_DEAD_LETTERS = 100;

    private final HttpUseCases services;
    private final Web web;

    AdminRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
    }

    void register(RouteTable routes) {
        routes.get("/api/ingestions", Access.OPERATOR, this::recentIngestions);
        routes.get("/api/ingestions/{id}", Access.USER, this::ingestion);
        routes.get("/api/admin/dead-letters", Access.OPERATOR, this::deadLetters);
        routes.get("/api/admin/quarantined-orders", Access.OPERATOR, this::quarantinedOrders);
        routes.get("/api/admin/instances", Access.OPERATOR, this::instances);
    }

    /** Every instance (alive, or dead within the hour) with its heartbeat, load and what it holds. */
    private void instances(Context ctx) {
        web.json(ctx, 200, InstancesJson.from(services.instances().snapshot()));
    }

    /** Orders that cannot be applied to their customer (oldest first, {@code ?limit=} 1..1000, default 100). */
    private void quarantinedOrders(Context ctx) {
        int limit = limit(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (var q : services.orderReconciler().quarantined(limit)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("order", OrderJson.from(q.order(), customerOrNull(q.order().customerId())));
            item.put("reason", q.reason());
            item.put("quarantinedAt", q.at());
            out.add(item);
        }
        web.json(ctx, 200, out);
    }

    private Customer customerOrNull(CustomerId id) {
        try {
            return services.customers().get(id);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static int limit(Context ctx) {
        int limit = DEFAULT_DEAD_LETTERS;
        String rawLimit = ctx.queryParam("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiProblem.badRequest("?limit", "must be a whole number from 1 to 1000");
            }
        }
        return limit;
    }

    /**
     * The newest queued ingestions, newest first ({@code ?limit=} 1..1000, default 100), each without its
     * rejected rows ({@code rejected} is empty; {@code GET /api/ingestions/:id} has them).
     */
    private void recentIngestions(Context ctx) {
        web.json(ctx, 200, services.ingestion().recent(limit(ctx)).stream().map(IngestionJson::from).toList());
    }

    private void ingestion(Context ctx) {
        String id = Web.pathId(ctx, "id", s -> s);
        web.json(ctx, 200, IngestionJson.from(services.ingestion().get(id)));
    }

    /**
     * The most recent dead letters ({@code ?topic=} one of deliveries, receipts, ingest; default all;
     * {@code ?limit=} per topic, 1..1000, default 100). The queue port lists the most recent ones only, so
     * this list has no cursor.
     */
    private void deadLetters(Context ctx) {
        String topic = ctx.queryParam("topic");
        if (topic != null && !TOPICS.contains(topic)) {
            throw ApiProblem.badRequest("?topic", "expected one of " + String.join(", ", TOPICS));
        }
        int limit = limit(ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        for (QueueHealth.DeadLetter d : services.queueHealth().deadLetters(
                new QueueHealth.DeadLetterQuery(Optional.ofNullable(topic), limit))) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("topic", d.topic());
            item.put("id", d.id());
            item.put("deliveries", d.deliveries());
            item.put("error", d.error());
            item.put("fields", d.fields());
            out.add(item);
        }
        web.json(ctx, 200, out);
    }
}
