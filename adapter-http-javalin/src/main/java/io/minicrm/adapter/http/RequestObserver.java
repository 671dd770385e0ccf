package io.minicrm.adapter.http;

/**
 * Told about every finished HTTP request, for request metrics. {@code routeTemplate} is the matched
 * route as registered (e.g. {@code /api/campaigns/{id}}), or {@code "unmatched"} for requests no route
 * took (404/405/preflight), so the label set stays bounded whatever clients send.
 */
@FunctionalInterface
public interface RequestObserver {
    RequestObserver NONE = (method, routeTemplate, status, nanos) -> { };

    void observe(String method, String routeTemplate, int status, long nanos);
}
