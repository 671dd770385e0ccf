package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.view.CampaignJson;
import io.minicrm.application.testing.CrmServices;
import io.minicrm.application.campaign.CampaignView;
import io.minicrm.domain.campaign.CampaignStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The CRM at a glance (a dashboard's numbers): how many of each, and the campaigns sending now. */
final class OverviewRoutes {
    static final int MAX_SENDING = 20;

    private final CrmServices services;
    private final Web web;

    OverviewRoutes(CrmServices services, Web web) {
        this.services = services;
        this.web = web;
    }

    void register(RouteTable routes) {
        routes.get("/api/overview", Access.USER, this::overview);
    }

    private void overview(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customers", services.customers().count());
        body.put("orders", services.ports().orders().countAll());
        body.put("segments", services.segments().count());
        body.put("campaigns", services.campaigns().count());
        body.put("sending", services.ports().campaigns().findByStatus(CampaignStatus.SENDING, MAX_SENDING).stream()
                .map(c -> CampaignJson.from(new CampaignView(c, c.counts(), Optional.empty()))).toList());
        web.json(ctx, 200, body);
    }
}
