package io.minicrm.adapter.http.web;

import io.javalin.http.Context;
import io.minicrm.adapter.http.json.JsonSupport;
import io.minicrm.adapter.http.problem.ApiProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reads request bodies within a byte limit (a declared {@code Content-Length} over the limit is refused
 * before reading; a body that turns out longer fails when the limit is crossed) and with the expected
 * media type (else 415).
 */
public final class Bodies {
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv";

    private final JsonSupport json;

    public Bodies(JsonSupport json) {
        this.json = json;
    }

    /** The body as a plain tree (JSON, at most {@code limit} bytes). */
    public Object jsonTree(Context ctx, long limit) {
        requireMediaType(ctx, JSON);
        return json.readTree(stream(ctx, limit));
    }

    /** The body bound to a request type (JSON, at most {@code limit} bytes). */
    public <T> T json(Context ctx, Class<T> type, long limit) {
        requireMediaType(ctx, JSON);
        return json.read(bytes(ctx, limit), type);
    }

    /** The raw body bytes (at most {@code limit}). */
    public byte[] bytes(Context ctx, long limit) {
        try (InputStream in = stream(ctx, limit)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiProblem.bodyIncomplete(e);
        }
    }

    /** The body as a stream that fails with 413 past {@code limit} bytes. */
    public InputStream stream(Context ctx, long limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            throw ApiProblem.tooLarge(limit);
        }
        try {
            return new LimitedInputStream(ctx.req().getInputStream(), limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 415 unless the request's media type is {@code expected} (JSON also accepts {@code application/*+json}). */
    public static void requireMediaType(Context ctx, String expected) {
        String type = mediaType(ctx.header("Content-Type"));
        boolean ok = type.equals(expected)
                || (expected.equals(JSON) && type.startsWith("application/") && type.endsWith("+json"));
        if (!ok) {
            throw ApiProblem.unsupportedMediaType(expected, ctx.header("Content-Type"));
        }
    }

    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }
}
