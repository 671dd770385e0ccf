package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.HttpSettings;
import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.ValidationException;
import java.util.function.Function;

/** What every route class uses: JSON, bodies, paging, settings, and small response helpers. */
public record Web(JsonSupport json, Bodies bodies, Paging paging, HttpSettings settings) {
    public static final String JSON_TYPE = "application/json";

    /** Answers {@code status} with {@code body} as JSON. */
    public void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType(JSON_TYPE).result(json.write(body));
    }

    /** Runs a paged query; a cursor the store cannot use is a 400, not a 500. */
    public <T> Page<T> paged(PageRequest request, Function<PageRequest, Page<T>> query) {
        try {
            return query.apply(request);
        } catch (ValidationException | IllegalArgumentException e) {
            if (request.cursor() != null) {
                throw Paging.badCursor();
            }
            throw e;
        }
    }

    /** A path parameter that must be an id; 400 naming {@code {name}} otherwise. */
    public static <T> T pathId(Context ctx, String name, Function<String, T> of) {
        String raw = ctx.pathParam(name);
        if (!Ids.isValid(raw)) {
            throw ApiProblem.badRequest("{" + name + "}", "not a valid id");
        }
        return of.apply(raw);
    }
}
