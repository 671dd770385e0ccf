package io.minicrm.adapter.http.web;

/** Who may call a route. */
public enum Access {
    /** Anyone (sign-in, vendor receipts with their own signature, health, docs). */
    PUBLIC,
    /** A signed-in user, a Google account, an API key or the local admin. */
    USER,
    /** As {@link #USER}, and counted against the caller's AI rate limit. */
    AI,
    /**
     * Operators only: the local admin, an admin user, or an API key (machine clients such as monitoring).
     * Signed-in members get 403: operations data (e.g. dead letters) holds other people's queued rows.
     */
    OPERATOR,
    /**
     * Metrics: as {@link #OPERATOR}, or the dedicated metrics token as a bearer token (what Prometheus sends),
     * so a scraper needs no operator credentials.
     */
    METRICS
}
