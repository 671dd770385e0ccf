package io.minicrm.adapter.http.problem;

import io.javalin.http.Context;
import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@link ApiProblem}s as {@code application/problem+json} (RFC 9457). */
public final class ProblemResponder {
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Set on the request once a problem has been written, so fallbacks do not write another. */
    public static final String WRITTEN = "minicrm.problem.written";
    /** Most {@code errors} entries written (a 10,000-row bulk could otherwise produce a huge answer). */
    public static final int MAX_ERRORS = 1000;

    private final JsonSupport json;

    public ProblemResponder(JsonSupport json) {
        this.json = json;
    }

    public void write(Context ctx, ApiProblem p, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", ctx.path());
        body.put("requestId", requestId);
        List<Map<String, String>> errors = new ArrayList<>();
        for (Problem e : p.errors()) {
            if (errors.size() == MAX_ERRORS) {
                body.put("errorsTruncated", true);
                break;
            }
            Map<String, String> item = new LinkedHashMap<>();
            item.put("path", e.path());
            item.put("message", e.message());
            errors.add(item);
        }
        body.put("errors", errors);
        p.extensions().forEach(body::putIfAbsent);
        p.headers().forEach(ctx::header);
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(p.status()).contentType(CONTENT_TYPE).result(json.write(body));
    }
}
