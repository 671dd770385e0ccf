package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.csv.DeliveryCsv;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.request.Checks;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.adapter.http.view.CampaignJson;
import io.minicrm.adapter.http.view.DeliveryJson;
import io.minicrm.application.CrmServices;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.SegmentId;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns: create (sending at once unless a draft or scheduled), list (newest first; paged, or whole), read
 * with statistics, send (idempotent), cancel, delivery log (JSON or CSV).
 */
final class CampaignRoutes {
    private final CrmServices services;
    private final Web web;
    private final WholeLists whole;

    CampaignRoutes(CrmServices services, Web web) {
        this.services = services;
        this.web = web;
        this.whole = new WholeLists(web);
    }

    void register(RouteTable routes) {
        routes.post("/api/campaigns", Access.USER, this::create);
        routes.get("/api/campaigns", Access.USER, this::list);
        routes.get("/api/campaigns/{id}", Access.USER, this::get);
        routes.post("/api/campaigns/{id}/cancel", Access.USER, this::cancel);
        routes.get("/api/campaigns/{id}/deliveries", Access.USER, this::deliveries);
        routes.post("/api/send", Access.USER, this::send);
    }

    private void create(Context ctx) {
        Requests.CreateCampaign req = web.bodies().json(ctx, Requests.CreateCampaign.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        checks.required("/name", req.name());
        String segmentId = checks.id("/segmentId", req.segmentId());
        checks.required("/message", req.message());
        Instant scheduledAt = checks.instant("/scheduledAt", req.scheduledAt());
        boolean draft = Boolean.TRUE.equals(req.draft());
        if (draft && req.scheduledAt() != null) {
            checks.add("/draft", "a campaign is either a draft or scheduled: leave out draft or scheduledAt");
        }
        checks.done();
        Campaign c = services.campaigns().create(new CampaignService.NewCampaign(req.name(), SegmentId.of(segmentId),
                req.message(), scheduledAt, !draft, Attributes.principal(ctx).label()));
        ctx.header("Location", "/api/campaigns/" + c.id().value());
        web.json(ctx, 201, CampaignJson.from(c));
    }

    private void list(Context ctx) {
        if (WholeLists.wanted(ctx)) {
            whole.array(ctx, services.campaigns()::list, page -> page.stream().map(CampaignJson::from).toList());
            return;
        }
        var page = web.paged(web.paging().request(ctx), services.campaigns()::list);
        web.json(ctx, 200, web.paging().respond(ctx, page, CampaignJson::from));
    }

    private void get(Context ctx) {
        CampaignId id = Web.pathId(ctx, "id", CampaignId::of);
        web.json(ctx, 200, CampaignJson.from(services.campaigns().get(id)));
    }

    /**
     * {@code {campaignId}} -> 202 {@code {campaignId, status: "sending", startedNow: true}} when this request
     * started it; 200 with its current status (and {@code startedNow: false}) when it was already sending or
     * finished, so a repeated request is harmless.
     */
    private void send(Context ctx) {
        Requests.Send req = web.bodies().json(ctx, Requests.Send.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        String id = checks.id("/campaignId", req.campaignId());
        checks.done();
        CampaignService.Sending s = services.campaigns().send(CampaignId.of(id));
        Campaign c = s.campaign();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", c.id().value());
        body.put("status", c.status().wire());
        body.put("startedNow", s.startedNow());
        body.put("startedAt", c.startedAt());
        if (c.statusReason() != null) {
            body.put("statusReason", c.statusReason());
        }
        ctx.header("Location", "/api/campaigns/" + c.id().value());
        web.json(ctx, s.startedNow() ? 202 : 200, body);
    }

    private void cancel(Context ctx) {
        CampaignId id = Web.pathId(ctx, "id", CampaignId::of);
        services.campaigns().cancel(id);
        web.json(ctx, 200, CampaignJson.from(services.campaigns().get(id)));
    }

    private void deliveries(Context ctx) throws IOException {
        CampaignId id = Web.pathId(ctx, "id", CampaignId::of);
        Optional<DeliveryStatus> status = Optional.ofNullable(ctx.queryParam("status")).map(s ->
                DeliveryStatus.fromWire(s).orElseThrow(() -> ApiProblem.badRequest("?status",
                        "expected one of pending, sent, failed, skipped, cancelled")));
        String format = Optional.ofNullable(ctx.queryParam("format")).orElse("json");
        if (format.equals("csv")) {
            exportCsv(ctx, id, status);
            return;
        }
        if (!format.equals("json")) {
            throw ApiProblem.badRequest("?format", "expected json or csv");
        }
        var page = web.paged(web.paging().request(ctx), p -> services.campaigns().deliveries(id, status, p));
        web.json(ctx, 200, web.paging().respond(ctx, page, DeliveryJson::from));
    }

    /** The whole delivery log (of one status, if given), streamed page by page. */
    private void exportCsv(Context ctx, CampaignId id, Optional<DeliveryStatus> status) throws IOException {
        Page<Delivery> page = services.campaigns().deliveries(id, status, PageRequest.first(PageRequest.MAX_LIMIT));
        ctx.status(200).contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"campaign-" + id.value() + "-deliveries.csv\"");
        OutputStream out = ctx.outputStream();
        try (DeliveryCsv csv = new DeliveryCsv(out)) {
            while (true) {
                for (Delivery d : page.items()) {
                    csv.write(d);
                }
                csv.flush();
                if (!page.hasMore()) {
                    break;
                }
                page = services.campaigns().deliveries(id, status, new PageRequest(page.nextCursor(), PageRequest.MAX_LIMIT));
            }
        }
    }
}
