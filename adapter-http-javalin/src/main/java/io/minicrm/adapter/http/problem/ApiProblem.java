package io.minicrm.adapter.http.problem;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer in RFC 9457 form, thrown by handlers and written by {@link ProblemResponder}:
 * status, a problem type ({@code urn:minicrm:problem:<slug>}), a title, a detail, the list of
 * {@code {path, message}} errors, extension members and extra response headers.
 */
public final class ApiProblem extends RuntimeException {
    public static final String TYPE_PREFIX = "urn:minicrm:problem:";

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem> errors;
    private final Map<String, Object> extensions;
    private final Map<String, String> headers;

    private ApiProblem(int status, String slug, String title, String detail, List<Problem> errors,
                       Map<String, Object> extensions, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
        this.headers = Map.copyOf(headers);
    }

    public static ApiProblem of(int status, String slug, String title, String detail) {
        return new ApiProblem(status, slug, title, detail, List.of(), Map.of(), Map.of());
    }

    /** 400: the request cannot be read as sent. */
    public static ApiProblem badRequest(String detail, List<Problem> errors) {
        return of(400, "invalid-request", "Invalid request", detail).withErrors(errors);
    }

    public static ApiProblem badRequest(String path, String message) {
        return badRequest(message, List.of(new Problem(path, message)));
    }

    public static ApiProblem unauthorized(String detail) {
        return of(401, "unauthorized", "Authentication required", detail)
                .withHeader("WWW-Authenticate", "Bearer realm=\"minicrm\"");
    }

    public static ApiProblem forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static ApiProblem tooLarge(long limit) {
        return of(413, "body-too-large", "Request body too large",
                "the request body is larger than the limit of " + limit + " bytes for this route")
                .withExtension("limit", limit);
    }

    public static ApiProblem unsupportedMediaType(String expected, String got) {
        return of(415, "unsupported-media-type", "Unsupported media type",
                "expected Content-Type " + expected + ", got " + (got == null || got.isBlank() ? "none" : shorten(got)));
    }

    /** 408: the body stopped arriving (the client went quiet or away) before it was complete. */
    public static ApiProblem bodyIncomplete(java.io.IOException cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : shorten(cause.getMessage());
        return of(408, "body-incomplete", "Request body incomplete", "the request body could not be read to its end: " + why);
    }

    public static ApiProblem tooManyRequests(long retryAfterSeconds) {
        return of(429, "rate-limited", "Too many requests",
                "the AI request limit for this account is reached; retry in " + retryAfterSeconds + " s")
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** These errors, at most {@link ValidationException#MAX_PROBLEMS} of them (the last says how many more). */
    public ApiProblem withErrors(List<Problem> list) {
        return new ApiProblem(status, slug, title, getMessage(), Problem.capped(list, ValidationException.MAX_PROBLEMS),
                extensions, headers);
    }

    public ApiProblem withExtension(String key, Object value) {
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(key, value);
        return new ApiProblem(status, slug, title, getMessage(), errors, ext, headers);
    }

    public ApiProblem withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ApiProblem(status, slug, title, getMessage(), errors, extensions, h);
    }

    public int status() {
        return status;
    }

    public String type() {
        return TYPE_PREFIX + slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<Problem> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Map<String, String> headers() {
        return headers;
    }

    static String shorten(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
