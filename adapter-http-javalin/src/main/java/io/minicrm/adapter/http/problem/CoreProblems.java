package io.minicrm.adapter.http.problem;

import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.domain.shared.Problem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes an {@link ApiProblem} from a Jetty handler that answers before the request reaches the application
 * (the same RFC 9457 body, with an {@code X-Request-Id}). The connection is closed after the answer when the
 * request's body was not read.
 */
public final class CoreProblems {
    private final JsonSupport json;

    public CoreProblems(JsonSupport json) {
        this.json = json;
    }

    /** Answers {@code p}; returns true (the request is handled). */
    public boolean write(Request request, Response response, Callback callback, ApiProblem p) {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", p.type());
        body.put("title", p.title());
        body.put("status", p.status());
        body.put("detail", p.detail());
        body.put("instance", Request.getPathInContext(request));
        body.put("requestId", id);
        List<Map<String, String>> errors = new ArrayList<>();
        for (Problem e : p.errors()) {
            errors.add(Map.of("path", e.path(), "message", e.message()));
        }
        body.put("errors", errors);
        p.extensions().forEach(body::putIfAbsent);
        response.setStatus(p.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponder.CONTENT_TYPE);
        response.getHeaders().put("X-Request-Id", id);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        p.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        if (request.getHeaders().contains(HttpHeader.CONTENT_LENGTH) || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            // the body is left unread: close rather than wait for it
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(json.write(body)), callback);
        return true;
    }
}
