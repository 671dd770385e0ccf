package io.minicrm.adapter.http.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.http.Context;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Whole lists for clients that page on their own side, as the old frontend does: a list request without
 * {@code limit} and {@code cursor} answers every item as one JSON array, read from the store a page of
 * {@link PageRequest#MAX_LIMIT} at a time and written before the next is read, so the server holds one
 * page however long the list is. A store failure half-way ends the answer without its closing bracket:
 * the client sees a broken body, never a complete-looking list with items missing.
 */
final class WholeLists {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WholeLists.class);

    private final ObjectWriter writer;

    WholeLists(Web web) {
        this.writer = web.json().mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    }

    /** Whether the request asks for every item: neither {@code limit} nor {@code cursor} (else it is paged). */
    static boolean wanted(Context ctx) {
        return ctx.queryParam("limit") == null && ctx.queryParam("cursor") == null;
    }

    /**
     * Answers 200 with every item of {@code query}, each page mapped by {@code mapPage} (which may look up
     * what the page's items refer to, once per page).
     */
    <T> void array(Context ctx, Function<PageRequest, Page<T>> query, Function<List<T>, List<?>> mapPage) {
        ctx.status(200).contentType(Web.JSON_TYPE);
        try (JsonGenerator g = writer.getFactory().createGenerator(ctx.outputStream())) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // a failed list must not end as a valid one
            items(g, query, mapPage);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Answers 200 with an object holding every item in its field {@code arrayField}, after the fields
     * {@code before} and followed by the fields {@code after} gives for the number of items.
     */
    <T> void object(Context ctx, Map<String, ?> before, String arrayField, Function<PageRequest, Page<T>> query,
                    Function<List<T>, List<?>> mapPage, LongFunction<Map<String, ?>> after) {
        ctx.status(200).contentType(Web.JSON_TYPE);
        try (JsonGenerator g = writer.getFactory().createGenerator(ctx.outputStream())) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            g.writeStartObject();
            fields(g, before);
            g.writeFieldName(arrayField);
            long n = items(g, query, mapPage);
            fields(g, after.apply(n));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fields(JsonGenerator g, Map<String, ?> fields) throws IOException {
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            g.writeFieldName(f.getKey());
            writer.writeValue(g, f.getValue());
        }
    }

    /** Writes the items as an array at the generator's position; returns how many there were. */
    private <T> long items(JsonGenerator g, Function<PageRequest, Page<T>> query, Function<List<T>, List<?>> mapPage)
            throws IOException {
        g.writeStartArray();
        long written = 0;
        Page<T> page = query.apply(PageRequest.first(PageRequest.MAX_LIMIT));
        while (true) {
            for (Object item : mapPage.apply(page.items())) {
                writer.writeValue(g, item);
                written++;
            }
            g.flush();
            if (!page.hasMore()) {
                break;
            }
            try {
                page = query.apply(new PageRequest(page.nextCursor(), PageRequest.MAX_LIMIT));
            } catch (RuntimeException e) {
                LOG.warn("a whole list ended after {} items: {}", written, e.toString());
                throw e;
            }
        }
        g.writeEndArray();
        return written;
    }
}
