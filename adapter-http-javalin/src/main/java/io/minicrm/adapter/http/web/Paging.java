package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cursor paging of list routes: {@code ?limit=} (1..1000, default 50) and {@code ?cursor=} (opaque: the
 * store's cursor, base64url-encoded so clients treat it as a token), and an RFC 8288
 * {@code Link: <...>; rel="next"} header (plus {@code X-Next-Cursor}) when there is a next page.
 */
public final class Paging {
    public static final int DEFAULT_LIMIT = 50;
    private static final String PREFIX = "c1.";

    private final String publicBaseUrl;

    /** @param publicBaseUrl absolute base of links, or null for links relative to the server root */
    public Paging(String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The page the request asks for; 400 for a bad limit or a cursor this API did not make. */
    public PageRequest request(Context ctx) {
        String rawLimit = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.strip());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
                throw ApiProblem.badRequest("?limit", "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
            }
        }
        String cursor = ctx.queryParam("cursor");
        return new PageRequest(cursor == null || cursor.isEmpty() ? null : decode(cursor), limit);
    }

    /** Sets the paging headers and returns the page's items mapped for the answer. */
    public <T, R> List<R> respond(Context ctx, Page<T> page, Function<T, R> mapper) {
        link(ctx, page);
        return page.items().stream().map(mapper).toList();
    }

    /** Sets {@code Link} and {@code X-Next-Cursor} when there is a next page. */
    public void link(Context ctx, Page<?> page) {
        if (!page.hasMore()) {
            return;
        }
        String next = encode(page.nextCursor());
        StringBuilder url = new StringBuilder(publicBaseUrl == null ? "" : publicBaseUrl).append(ctx.path()).append('?');
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("cursor")) {
                continue;
            }
            for (String v : e.getValue()) {
                url.append(enc(e.getKey())).append('=').append(enc(v)).append('&');
            }
        }
        url.append("cursor=").append(next);
        ctx.header("Link", "<" + url + ">; rel=\"next\"");
        ctx.header("X-Next-Cursor", next);
    }

    /** The opaque form of a store cursor. */
    public static String encode(String storeCursor) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(storeCursor.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        if (!cursor.startsWith(PREFIX) || cursor.length() > 1000) {
            throw badCursor();
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor.substring(PREFIX.length())), StandardCharsets.UTF_8);
            if (s.isEmpty()) {
                throw badCursor();
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw badCursor();
        }
    }

    /** 400 for a cursor the store cannot use. */
    public static ApiProblem badCursor() {
        return ApiProblem.badRequest("?cursor", "not a cursor from this API; follow the Link header of the previous page");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
