package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.csv.DeliveryCsv;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.request.Checks;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.adapter.http.view.CampaignJson;
import io.minicrm.adapter.http.view.DeliveryJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.campaign.CampaignActivity;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.shared.ValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns: create (sending at once unless a draft or scheduled), list (newest first; paged, or whole), read
 * with statistics, send (idempotent), cancel, delivery log (JSON or CSV).
 */
final class CampaignRoutes {
    private final HttpUseCases services;
    private final Web web;
    private final WholeLists whole;

    CampaignRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
        this.whole = new WholeLists(web);
    }

    void register(RouteTable routes) {
        routes.post("/api/campaigns", Access.USER, this::create);
        routes.post("/api/campaigns/preview", Access.USER, this::previewMessage);
        routes.get("/api/campaigns", Access.USER, this::list);
        routes.get("/api/campaigns/{id}", Access.USER, this::get);
        routes.post("/api/campaigns/{id}/cancel", Access.USER, this::cancel);
        routes.get("/api/campaigns/{id}/deliveries", Access.USER, this::deliveries);
        routes.get("/api/campaigns/{id}/timeline", Access.USER, this::timeline);
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

    /** A message rendered for up to {@code limit} (1..20, default 5) real customers, before anything is saved. */
    private void previewMessage(Context ctx) {
        Requests.MessagePreview req = web.bodies().json(ctx, Requests.MessagePreview.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        MessageTemplate template = null;
        try {
            template = MessageTemplate.of(req.message());
        } catch (ValidationException e) {
            checks.addAll(e.under("/message").problems());
        }
        String segmentId = req.segmentId() == null ? null : checks.id("/segmentId", req.segmentId());
        if (segmentId != null && req.rules() != null) {
            checks.add("/rules", "send either segmentId or rules, not both");
        }
        int limit = req.limit() == null ? 5 : req.limit();
        if (limit < 1 || limit > 20) {
            checks.add("/limit", "must be 1 to 20");
        }
        Rule rule = null;
        if (req.rules() != null) {
            try {
                rule = SegmentRoutes.rule(req.rules());
            } catch (ValidationException e) {
                checks.addAll(e.problems());
            }
        }
        checks.done();
        PageRequest first = PageRequest.first(limit);
        List<Customer> sample = segmentId != null ? services.segments().members(SegmentId.of(segmentId), first).items()
                : rule != null ? services.segments().sample(rule, limit)
                : services.customers().list(first).items();
        MessageTemplate t = template;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("placeholders", t.placeholders());
        body.put("samples", sample.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("customerId", c.id().value());
            m.put("email", c.email().value());
            m.put("name", c.name());
            m.put("text", t.render(c));
            return m;
        }).toList());
        web.json(ctx, 200, body);
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

    /** Hand-overs and outcomes per time bucket, for a chart. */
    private void timeline(Context ctx) {
        CampaignId id = Web.pathId(ctx, "id", CampaignId::of);
        CampaignActivity.Timeline t = services.campaignActivity().timeline(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id.value());
        body.put("from", t.from());
        body.put("to", t.to());
        body.put("bucketSeconds", t.bucket().toSeconds());
        body.put("buckets", t.buckets().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", b.start());
            m.put("dispatched", b.dispatched());
            m.put("sent", b.sent());
            m.put("failed", b.failed());
            return m;
        }).toList());
        web.json(ctx, 200, body);
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
