package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.view.CampaignJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.ops.CrmOverview;
import java.util.LinkedHashMap;
import java.util.Map;

/** The CRM at a glance (a dashboard's numbers): how many of each, and the campaigns sending now. */
final class OverviewRoutes {
    static final int MAX_SENDING = 20;

    private final HttpUseCases services;
    private final Web web;

    OverviewRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
    }

    void register(RouteTable routes) {
        routes.get("/api/overview", Access.USER, this::overview);
    }

    private void overview(Context ctx) {
        CrmOverview.Snapshot s = services.overview().snapshot(MAX_SENDING);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customers", s.customers());
        body.put("orders", s.orders());
        body.put("segments", s.segments());
        body.put("campaigns", s.campaigns());
        body.put("sending", s.sending().stream().map(CampaignJson::from).toList());
        web.json(ctx, 200, body);
    }
}
