package io.minicrm.adapter.http.problem;

import io.minicrm.adapter.http.json.JsonSupport;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed request line, headers too large, the
 * 503 of a request arriving while the server stops) as RFC 9457 problems too, with an {@code X-Request-Id};
 * never an HTML page, never a stack trace.
 */
public final class ServerErrorHandler extends ErrorHandler {
    private final JsonSupport json;

    public ServerErrorHandler(JsonSupport json) {
        this.json = json;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        FatalErrors.report(cause);
        String id = UUID.randomUUID().toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemResponder.CONTENT_TYPE);
        response.getHeaders().put("X-Request-Id", id);
        response.write(true, ByteBuffer.wrap(body(code, request.getHttpURI().getPath(), id)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String id = UUID.randomUUID().toString();
        fields.put(HttpHeader.CONTENT_TYPE, ProblemResponder.CONTENT_TYPE);
        fields.put("X-Request-Id", id);
        return ByteBuffer.wrap(body(status, null, id));
    }

    private byte[] body(int status, String path, String requestId) {
        String title = HttpStatus.getMessage(status);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("type", ApiProblem.TYPE_PREFIX + title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", ""));
        p.put("title", title);
        p.put("status", status);
        p.put("detail", status == 503 ? "the server is stopping; retry on another instance" : title);
        p.put("instance", path);
        p.put("requestId", requestId);
        p.put("errors", List.of());
        return json.write(p);
    }
}
