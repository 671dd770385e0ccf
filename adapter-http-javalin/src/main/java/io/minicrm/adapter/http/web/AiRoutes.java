package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.request.Checks;
import io.minicrm.adapter.http.request.Requests;
import io.minicrm.adapter.http.HttpUseCases;
import io.minicrm.application.ai.AiService;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslPrinter;
import io.minicrm.domain.segment.syntax.LegacyRuleWriter;
import io.minicrm.domain.shared.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AI help (rate-limited per caller): message variants, campaign summaries, rules from a description, in
 * the current shapes and the old frontend's ({@code generate-messages} -> array of strings,
 * {@code generate-rules} -> legacy rule groups). Each answer says its source ({@code X-AI-Source}).
 */
final class AiRoutes {
    static final int DEFAULT_VARIANTS = 3;

    private final HttpUseCases services;
    private final Web web;

    AiRoutes(HttpUseCases services, Web web) {
        this.services = services;
        this.web = web;
    }

    void register(RouteTable routes) {
        routes.post("/api/ai/messages", Access.AI, this::messages);
        routes.post("/api/ai/generate-messages", Access.AI, this::legacyMessages);
        routes.post("/api/ai/summary", Access.AI, this::summary);
        routes.post("/api/ai/segment-rules", Access.AI, this::segmentRules);
        routes.post("/api/ai/generate-rules", Access.AI, this::legacyRules);
    }

    private AiService.Messages suggest(Context ctx) {
        Requests.Messages req = web.bodies().json(ctx, Requests.Messages.class, web.settings().maxBodyBytes());
        int count = req.count() == null ? DEFAULT_VARIANTS : req.count();
        // the use case checks every field (required, caps), all problems at once
        AiService.Messages m = services.ai().suggestMessages(
                new AiService.MessageRequest(req.objective(), req.tone(), count, req.audience()));
        ctx.header("X-AI-Source", m.source());
        return m;
    }

    private void messages(Context ctx) {
        AiService.Messages m = suggest(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", m.messages());
        body.put("source", m.source());
        web.json(ctx, 200, body);
    }

    private void legacyMessages(Context ctx) {
        web.json(ctx, 200, suggest(ctx).messages());
    }

    private void summary(Context ctx) {
        Requests.Summary req = web.bodies().json(ctx, Requests.Summary.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        String id = checks.id("/campaignId", req.campaignId());
        checks.done();
        AiService.Summary s = services.ai().summarise(CampaignId.of(id));
        ctx.header("X-AI-Source", s.source());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("campaignId", id);
        body.put("summary", s.text());
        body.put("facts", io.minicrm.adapter.http.view.FactsJson.from(s.facts()));
        body.put("source", s.source());
        web.json(ctx, 200, body);
    }

    private AiService.RuleSuggestion rules(Context ctx) {
        Requests.Describe req = web.bodies().json(ctx, Requests.Describe.class, web.settings().maxBodyBytes());
        Checks checks = new Checks();
        checks.required("/description", req.description());
        checks.done();
        try {
            AiService.RuleSuggestion s = services.ai().rulesFromText(req.description());
            ctx.header("X-AI-Source", s.source());
            return s;
        } catch (ValidationException e) {
            throw unprocessable("no valid rule came out of this description", e.problems());
        }
    }

    private void segmentRules(Context ctx) {
        AiService.RuleSuggestion s = rules(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rules", CanonicalRuleWriter.write(s.rule()));
        body.put("dsl", DslPrinter.print(s.rule()));
        body.put("count", s.audienceCount());
        body.put("source", s.source());
        body.put("repaired", s.repaired());
        web.json(ctx, 200, body);
    }

    /** The old frontend's rule groups; 422 when the rule has no such form (e.g. OR nested in OR). */
    private void legacyRules(Context ctx) {
        AiService.RuleSuggestion s = rules(ctx);
        List<Map<String, Object>> groups;
        try {
            groups = LegacyRuleWriter.write(s.rule());
        } catch (ValidationException e) {
            throw unprocessable("the rule for this description does not fit the legacy rule groups; use "
                    + "/api/ai/segment-rules", e.problems()).withExtension("rules", CanonicalRuleWriter.write(s.rule()))
                    .withExtension("dsl", DslPrinter.print(s.rule()));
        }
        web.json(ctx, 200, groups);
    }

    private static ApiProblem unprocessable(String detail, List<io.minicrm.domain.shared.Problem> problems) {
        return ApiProblem.of(422, "unprocessable", "Cannot be processed", detail).withErrors(problems);
    }
}
