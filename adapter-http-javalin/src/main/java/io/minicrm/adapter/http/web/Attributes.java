package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.auth.Principal;

/** Request attributes the adapter sets, and typed access to them. */
public final class Attributes {
    public static final String REQUEST_ID = "minicrm.requestId";
    public static final String PRINCIPAL = "minicrm.principal";
    public static final String ROUTE = "minicrm.route";
    public static final String STARTED = "minicrm.startedNanos";
    /** MDC key of the request id. */
    public static final String MDC_REQUEST_ID = "requestId";

    private Attributes() {
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        return id == null ? "" : id;
    }

    /** The authenticated caller (only on routes that require one). */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal on a public route");
        }
        return p;
    }
}
