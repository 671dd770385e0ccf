package io.minicrm.adapter.mongo.support;

import com.mongodb.MongoException;
import com.mongodb.ServerCursor;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCursor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.BsonDocument;

/**
 * Keyset paging that keeps the server cursor open between pages. A caller reading page after page of
 * one query ("the ids after X, in id order") gets each next page from the cursor that served the
 * previous one, instead of a new query per page. On MongoDB that saves an index seek per page; on the
 * embedded server, which has no usable index for such queries, it turns a full scan and sort per page
 * into one for the whole stream.
 *
 * <p>A cursor is kept only between pages: at most {@value #MAX_OPEN} of them, each closed after
 * {@code idle} without use, when its query is complete, or on {@link #close()}. Client memory stays at
 * one batch per open cursor. A continued cursor that fails (e.g. the server timed it out) is dropped
 * and the page is read with a fresh query, so results never depend on the cache.
 */
public final class Continuations implements AutoCloseable {
    public static final int MAX_OPEN = 16;

    private record Key(String query, String after) {
    }

    private static final class Open {
        final MongoCursor<BsonDocument> cursor;
        final long since;

        Open(MongoCursor<BsonDocument> cursor, long since) {
            this.cursor = cursor;
            this.since = since;
        }
    }

    private final long idleNanos;
    private final boolean keepOpen;
    private final LinkedHashMap<Key, Open> open = new LinkedHashMap<>();
    private final AtomicLong restarts = new AtomicLong();
    private boolean closed;

    /** Keeps cursors open between pages, each closed after {@code idle} without use. */
    public Continuations(long idle, TimeUnit unit) {
        this(idle, unit, true);
    }

    private Continuations(long idle, TimeUnit unit, boolean keepOpen) {
        this.idleNanos = unit.toNanos(idle);
        this.keepOpen = keepOpen;
    }

    /**
     * Every page a fresh query with a limit, no cursor kept: for a server whose open cursor holds
     * every remaining result (the embedded server materialises a query's results), where a kept cursor
     * costs server memory in proportion to the stream, while a fresh keyset query costs an index seek
     * ({@link io.minicrm.adapter.mongo.EmbeddedMongo}'s server walks its {@code _id} order from the bound).
     */
    public static Continuations freshQueries() {
        return new Continuations(0, TimeUnit.MILLISECONDS, false);
    }

    /**
     * Up to {@code limit} documents of a query after the key {@code after} (null: from the start).
     *
     * @param queryKey identifies the query (its filter, sort and projection)
     * @param query    makes the query for documents strictly after a key (null: all), in key order
     * @param keyOf    the paging key of a document (unique, in the query's sort order)
     */
    public List<BsonDocument> page(String queryKey, String after, int limit,
                                            Function<String, FindIterable<BsonDocument>> query,
                                            Function<BsonDocument, String> keyOf) {
        return page(queryKey, after, limit, query, keyOf, d -> true);
    }

    /**
     * As {@link #page(String, String, int, Function, Function)}, skipping documents that no longer pass
     * {@code stillMatches}: a continued cursor returns documents as they are when the batch is read,
     * which may no longer fit the query (e.g. a status changed since the query began).
     */
    public List<BsonDocument> page(String queryKey, String after, int limit,
                                            Function<String, FindIterable<BsonDocument>> query,
                                            Function<BsonDocument, String> keyOf,
                                            Predicate<BsonDocument> stillMatches) {
        if (!keepOpen) {
            List<BsonDocument> out = new ArrayList<>(Math.min(limit, 1024));
            try (MongoCursor<BsonDocument> fresh = query.apply(after).limit(limit)
                    .batchSize(Math.max(2, Math.min(limit, 10_000))).iterator()) {
                read(fresh, limit, out, stillMatches);
            }
            return out;
        }
        MongoCursor<BsonDocument> cursor = take(new Key(queryKey, after));
        List<BsonDocument> out = new ArrayList<>(Math.min(limit, 1024));
        if (cursor != null) {
            try {
                read(cursor, limit, out, stillMatches);
            } catch (MongoException e) {
                restarts.incrementAndGet();
                closeQuietly(cursor);
                cursor = null;
                out.clear();
            }
        }
        if (cursor == null) {
            cursor = query.apply(after).batchSize(Math.max(2, Math.min(limit, 10_000))).iterator();
            try {
                read(cursor, limit, out, stillMatches);
            } catch (RuntimeException e) {
                closeQuietly(cursor);
                throw e;
            }
        }
        if (out.size() < limit) {
            closeQuietly(cursor); // the query is complete
        } else {
            put(new Key(queryKey, keyOf.apply(out.get(out.size() - 1))), cursor);
        }
        return out;
    }

    private static void read(MongoCursor<BsonDocument> cursor, int limit, List<BsonDocument> out,
                             Predicate<BsonDocument> stillMatches) {
        while (out.size() < limit && cursor.hasNext()) {
            BsonDocument d = cursor.next();
            if (stillMatches.test(d)) {
                out.add(d);
            }
        }
    }

    private MongoCursor<BsonDocument> take(Key key) {
        List<MongoCursor<BsonDocument>> idle;
        Open o;
        synchronized (this) {
            idle = expired();
            o = open.remove(key);
        }
        idle.forEach(Continuations::closeQuietly);
        return o == null ? null : o.cursor;
    }

    private void put(Key key, MongoCursor<BsonDocument> cursor) {
        List<MongoCursor<BsonDocument>> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                toClose.add(cursor);
            } else {
                Open previous = open.put(key, new Open(cursor, System.nanoTime()));
                if (previous != null) {
                    toClose.add(previous.cursor);
                }
                Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
                while (open.size() > MAX_OPEN && it.hasNext()) {
                    toClose.add(it.next().getValue().cursor);
                    it.remove();
                }
            }
        }
        toClose.forEach(Continuations::closeQuietly);
    }

    /** Number of cursors kept open (tests, metrics). */
    public synchronized int openCursors() {
        return open.size();
    }

    /** How many times a kept cursor failed and the page was read with a fresh query. */
    public long restarts() {
        return restarts.get();
    }

    /** The server-side cursors kept open (tests: to kill them behind the cache's back). */
    public synchronized List<ServerCursor> serverCursors() {
        List<ServerCursor> out = new ArrayList<>();
        for (Open o : open.values()) {
            ServerCursor c = o.cursor.getServerCursor();
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** Removes the cursors idle for too long; the caller closes them (outside the lock). */
    private List<MongoCursor<BsonDocument>> expired() {
        List<MongoCursor<BsonDocument>> out = new ArrayList<>();
        long now = System.nanoTime();
        Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Open o = it.next().getValue();
            if (now - o.since > idleNanos) {
                out.add(o.cursor);
                it.remove();
            }
        }
        return out;
    }

    @Override
    public void close() {
        List<Open> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(o -> closeQuietly(o.cursor));
    }

    private static void closeQuietly(MongoCursor<?> cursor) {
        try {
            cursor.close();
        } catch (RuntimeException ignored) {
            // the server may already have dropped it
        }
    }
}
