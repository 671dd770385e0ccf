package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.adapter.http.view.BulkJson;
import io.minicrm.application.ingest.IngestionService;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of the ingestion routes. An array: 200 with {@code {accepted, rejected: [{index, errors}]}}
 * (partial success included), or 422 when no row at all was accepted. A single object: 200 when written,
 * 400 with its problems when not. Queued (USE_PUBSUB): 202 with the tracking id.
 */
final class IngestAnswers {
    private IngestAnswers() {
    }

    /** The rows of a JSON ingestion body: one object or a non-empty array. */
    static List<?> rows(Object tree, boolean arrayOnly, String what) {
        List<?> rows;
        if (tree instanceof List<?> list) {
            rows = list;
        } else if (!arrayOnly && tree instanceof Map<?, ?>) {
            rows = List.of(tree);
        } else {
            throw ApiProblem.badRequest("", arrayOnly ? "expected an array of " + what
                    : "expected one " + what.replaceAll("s$", "") + " object or an array of " + what);
        }
        if (rows.isEmpty()) {
            throw ApiProblem.badRequest("", "no rows: send one object or a non-empty array");
        }
        return rows;
    }

    static void written(Web web, Context ctx, BulkResult r, boolean single) {
        if (single && !r.rejected().isEmpty()) {
            throw new ValidationException(r.rejected().get(0).errors());
        }
        if (!single && r.accepted() == 0 && !r.rejected().isEmpty()) {
            throw noneAccepted(r.rejected());
        }
        web.json(ctx, 200, BulkJson.from(r));
    }

    static void queued(Web web, Context ctx, IngestionService.Submitted s, boolean single) {
        if (single && !s.rejected().isEmpty()) {
            throw new ValidationException(s.rejected().get(0).errors());
        }
        if (!single && s.accepted() == 0 && !s.rejected().isEmpty()) {
            throw noneAccepted(s.rejected());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("status", "queued");
        body.put("accepted", s.accepted());
        body.put("rejected", s.rejected());
        body.put("location", "/api/ingestions/" + s.id());
        ctx.header("Location", "/api/ingestions/" + s.id());
        web.json(ctx, 202, body);
    }

    static ApiProblem noneAccepted(List<RowError> rejected) {
        List<Problem> flat = new ArrayList<>();
        long more = 0;
        for (RowError e : rejected) {
            for (Problem p : e.errors()) {
                if (flat.size() < ValidationException.MAX_PROBLEMS - 1) {
                    flat.add(p.under("/" + e.index()));
                } else {
                    more++;
                }
            }
        }
        if (more > 0) {
            flat.add(Problem.andMore(more));
        }
        return ApiProblem.of(422, "no-row-accepted", "No row was accepted",
                "every one of the " + rejected.size() + " rows was rejected; nothing was written")
                .withErrors(flat).withExtension("accepted", 0).withExtension("rejected",
                        rejected.size() > 1000 ? rejected.subList(0, 1000) : rejected);
    }
}
