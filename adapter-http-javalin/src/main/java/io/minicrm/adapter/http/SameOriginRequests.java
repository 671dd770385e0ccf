package io.minicrm.adapter.http;

import java.net.URI;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Browsers send {@code Origin} on same-origin module scripts and POSTs too; such a request is not a
 * cross-origin one, so the {@code Origin} header is removed before the CORS rules (which would refuse an
 * origin they do not list) see it. This lets the web console served here call its own server whatever
 * {@code CRM_CORS_ORIGINS} says; requests from any other origin are untouched.
 */
final class SameOriginRequests extends Handler.Wrapper {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (origin != null && host != null && sameOrigin(origin, host, request.getHttpURI().getScheme())) {
            HttpFields headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.ORIGIN).asImmutable();
            request = new Request.Wrapper(request) {
                @Override
                public HttpFields getHeaders() {
                    return headers;
                }
            };
        }
        return super.handle(request, response, callback);
    }

    static boolean sameOrigin(String origin, String host, String scheme) {
        try {
            URI o = URI.create(origin.strip());
            if (o.getScheme() == null || o.getHost() == null || !o.getScheme().equalsIgnoreCase(scheme == null ? "http" : scheme)) {
                return false;
            }
            int port = o.getPort() != -1 ? o.getPort() : "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
            String expected = (o.getHost() + ":" + port).toLowerCase(Locale.ROOT);
            String h = host.strip().toLowerCase(Locale.ROOT);
            if (!h.contains(":") || h.endsWith("]")) {
                h = h + ":" + ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80);
            }
            return expected.equals(h);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
