package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.request.Checks;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.adapter.http.view.CampaignJson;
import io.minicrm.adapter.http.view.CustomerJson;
import io.minicrm.adapter.http.view.SegmentJson;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.segment.CreateSegmentWithCampaign;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.RuleReaders;
import io.minicrm.domain.shared.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segments: create (optionally with a campaign), preview, list (legacy shape; paged, or whole), read one, members. */
final class SegmentRoutes {
    private final HttpUseCases services;
    private final Web web;
    private final WholeLists whole;

    SegmentRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
        this.whole = new WholeLists(web);
    }

    void register(RouteTable routes) {
        routes.heavyPost("/api/segments", Access.USER, this::create);
        routes.heavyPost("/api/segments/preview", Access.USER, this::preview);
        routes.get("/api/segments", Access.USER, this::list);
        routes.get("/api/segments/{id}", Access.USER, this::get);
        routes.get("/api/segments/{id}/customers", Access.USER, this::members);
    }

    /** Reads rules in any spelling; problems are located under {@code /rules}. */
    static Rule rule(Object tree) {
        try {
            return RuleReaders.readAny(tree);
        } catch (InvalidRuleException e) {
            throw e.under("/rules");
        } catch (ValidationException e) {
            throw e.under("/rules");
        }
    }

    private void create(Context ctx) {
        Requests.CreateSegment req = web.bodies().json(ctx, Requests.CreateSegment.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        checks.required("/name", req.name());
        checks.required("/rules", req.rules());
        Requests.SegmentCampaign c = req.campaign();
        Optional<CreateSegmentWithCampaign.CampaignDraft> campaign = Optional.empty();
        if (c != null) {
            // checked with the segment's problems, so one answer names them all
            campaign = Optional.of(new CreateSegmentWithCampaign.CampaignDraft(c.name(), c.message(),
                    checks.instant("/campaign/scheduledAt", c.scheduledAt())));
            checks.addAll(services.segmentWithCampaign().problems(campaign.get()));
        }
        Rule rule = null;
        if (req.rules() != null) {
            try {
                rule = rule(req.rules());
            } catch (ValidationException e) {
                checks.addAll(e.problems());
            }
        }
        checks.done();
        String by = Attributes.principal(ctx).label();
        CreateSegmentWithCampaign.Created created = services.segmentWithCampaign().create(
                new SegmentService.NewSegment(req.name(), req.description(), rule, by), campaign);
        Segment segment = created.segment();
        CampaignJson campaignJson = created.campaign().map(CampaignJson::from).orElse(null);
        ctx.header("Location", "/api/segments/" + segment.id().value());
        web.json(ctx, 201, SegmentJson.from(segment, campaignJson));
    }

    private void preview(Context ctx) {
        Requests.Preview req = web.bodies().json(ctx, Requests.Preview.class, web.settings().maxBodyBytes());
        if (req.rules() == null) {
            throw new ValidationException("/rules", "is required");
        }
        SegmentService.Preview p = services.segments().preview(rule(req.rules()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", p.count());
        body.put("reachable", p.reachable());
        body.put("sample", p.sample().stream().map(CustomerJson::from).toList());
        web.json(ctx, 200, body);
    }

    /**
     * The old frontend's shape: {@code {success, count, segments}} ({@code count}: segments on this page); without
     * {@code limit} and {@code cursor}, every segment.
     */
    private void list(Context ctx) {
        if (WholeLists.wanted(ctx)) {
            whole.object(ctx, Map.of("success", true), "segments", services.segments()::list,
                    page -> page.stream().map(SegmentJson::from).toList(), n -> {
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("count", n);
                        after.put("total", n);
                        after.put("nextCursor", null);
                        return after;
                    });
            return;
        }
        var page = web.paged(web.paging().request(ctx), services.segments()::list);
        List<SegmentJson> segments = web.paging().respond(ctx, page, SegmentJson::from);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("count", segments.size());
        body.put("total", services.segments().count());
        body.put("segments", segments);
        body.put("nextCursor", page.hasMore() ? Paging.encode(page.nextCursor()) : null);
        web.json(ctx, 200, body);
    }

    private void get(Context ctx) {
        SegmentId id = Web.pathId(ctx, "id", SegmentId::of);
        web.json(ctx, 200, SegmentJson.from(services.segments().get(id)));
    }

    /** The segment's customers, newest first; without {@code limit} and {@code cursor}, all of them. */
    private void members(Context ctx) {
        SegmentId id = Web.pathId(ctx, "id", SegmentId::of);
        if (WholeLists.wanted(ctx)) {
            services.segments().find(id); // 404 before the answer starts
            whole.array(ctx, p -> services.segments().members(id, p), page -> page.stream().map(CustomerJson::from).toList());
            return;
        }
        var page = web.paged(web.paging().request(ctx), p -> services.segments().members(id, p));
        web.json(ctx, 200, web.paging().respond(ctx, page, CustomerJson::from));
    }
}
