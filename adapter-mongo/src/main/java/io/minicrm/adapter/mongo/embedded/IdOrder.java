package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The documents of one collection in {@code _id} order: what a MongoDB {@code _id} index gives a query
 * sorted by {@code _id}, which mongo-java-server otherwise answers by sorting every matching document.
 * With it, the first page of a listing ({@code sort(_id: -1).limit(51)}) reads 51 documents, and a
 * stream of ids in order reads them without a sort.
 *
 * <p>Keys are ordered by the server's own {@link ValueComparator}, so the order is exactly the one the
 * server's sort produces. The walk yields candidates only; the caller still applies the query to every
 * document, so a bound taken from the query ({@code _id: {$lt: "..."}}) narrows where the walk starts
 * but never decides what matches. The collection's writes and queries hold the collection's lock; the
 * map is concurrent anyway so that no path the server might take outside that lock can corrupt it.
 *
 * @param <P> the backend's position of a document
 */
final class IdOrder<P> {
    private static final String ID = "_id";

    /**
     * The server's ascending value order, with a shortcut for two strings (nearly every id): the
     * server compares those with {@link String#compareTo} after its type checks, which cost several
     * times the comparison itself on a lookup's ~20 comparisons.
     */
    static final Comparator<Object> ORDER = (a, b) -> a instanceof String x && b instanceof String y
            ? x.compareTo(y) : ValueComparator.asc().compare(a, b);

    private final NavigableMap<Object, P> positions = new ConcurrentSkipListMap<>(ORDER);
    /** The string ids again, hashed: a point lookup in the ordered map misses the cache ~20 times. */
    private final Map<String, P> byString = new ConcurrentHashMap<>();

    /** {@code TRUE} for {@code {_id: 1}}, {@code FALSE} for {@code {_id: -1}}, else null (not an id-order sort). */
    static Boolean ascending(Document orderBy) {
        if (orderBy == null || orderBy.size() != 1 || !(orderBy.get(ID) instanceof Number n)) {
            return null;
        }
        return n.intValue() > 0;
    }

    void added(Document document, P position) {
        Object id = document.get(ID);
        if (id != null) {
            positions.put(id, position);
            if (id instanceof String key) {
                byString.put(key, position);
            }
        }
    }

    void removed(Document document, P position) {
        if (document != null && document.get(ID) != null) {
            positions.remove(document.get(ID), position);
            if (document.get(ID) instanceof String key) {
                byString.remove(key, position);
            }
        }
    }

    int size() {
        return positions.size();
    }

    /**
     * The documents a query that names its {@code _id}s — {@code {_id: "x", ...}} or
     * {@code {_id: {$in: ["x", "y"]}, ...}} with string ids — can match, looked up in the map, or null
     * when the query does not name them that way. They are exactly the documents with those ids, so the
     * caller applies only the rest of the query ({@link #withoutId}): the server's matcher would compare
     * each document's id with every id of the {@code $in} list again. MongoDB answers
     * such filters from its {@code _id} index; the stock server does only when the filter names exactly
     * an index's fields, and scans the collection otherwise (e.g. a compare-and-set
     * {@code {_id: "x", version: 3}}).
     */
    Stream<Document> byId(Document query, Function<P, Document> lookup) {
        Object id = query == null ? null : query.get(ID);
        if (id instanceof String single) {
            return Stream.ofNullable(find(single, lookup));
        }
        if (id instanceof Document operator && operator.size() == 1 && operator.get("$in") instanceof Collection<?> ids
                && ids.stream().allMatch(String.class::isInstance)) {
            return ids.stream().distinct().map(i -> find((String) i, lookup)).filter(Objects::nonNull);
        }
        return null;
    }

    /** {@code query} without its {@code _id} condition. */
    static Document withoutId(Document query) {
        Document rest = new Document();
        for (Map.Entry<String, Object> e : query.entrySet()) {
            if (!ID.equals(e.getKey())) {
                rest.put(e.getKey(), e.getValue());
            }
        }
        return rest;
    }

    private Document find(String id, Function<P, Document> lookup) {
        P position = byString.get(id);
        return position == null ? null : current(Map.entry(id, position), lookup);
    }

    /** Candidate documents for {@code query} in {@code _id} order (the caller filters them). */
    Stream<Document> walk(Document query, boolean ascending, Function<P, Document> lookup) {
        NavigableMap<Object, P> view = narrowed(query);
        if (!ascending) {
            view = view.descendingMap();
        }
        return view.entrySet().stream().map(e -> current(e, lookup)).filter(Objects::nonNull);
    }

    /** The document still at the entry's position with the entry's id, else null (a stale entry). */
    private static <P> Document current(Map.Entry<Object, P> entry, Function<P, Document> lookup) {
        Document d = lookup.apply(entry.getValue());
        if (d == null || d.get(ID) == null || ORDER.compare(d.get(ID), entry.getKey()) != 0) {
            return null;
        }
        return d;
    }

    /** The part of the map a top-level {@code _id: {$lt|$lte|$gt|$gte: "string"}} can match, else all. */
    private NavigableMap<Object, P> narrowed(Document query) {
        Bound bound = Bound.of(query);
        if (bound == null) {
            return positions;
        }
        return bound.upper() ? positions.headMap(bound.value(), bound.inclusive())
                : positions.tailMap(bound.value(), bound.inclusive());
    }

    /** A top-level {@code _id: {$lt|$lte|$gt|$gte: "string"}} of a query: where an {@code _id} walk can start or stop. */
    record Bound(String value, boolean upper, boolean inclusive) {
        /** The query's bound, or null (none, or of another type: those bracket differently, so the walk covers all). */
        static Bound of(Document query) {
            if (query == null || !(query.get(ID) instanceof Document range) || range.size() != 1) {
                return null;
            }
            Map.Entry<String, Object> bound = range.entrySet().iterator().next();
            if (!(bound.getValue() instanceof String value)) {
                return null;
            }
            return switch (bound.getKey()) {
                case "$lt" -> new Bound(value, true, false);
                case "$lte" -> new Bound(value, true, true);
                case "$gt" -> new Bound(value, false, false);
                case "$gte" -> new Bound(value, false, true);
                default -> null;
            };
        }

        /** Whether {@code id} lies within the bound. */
        boolean admits(Object id) {
            int c = ORDER.compare(id, value);
            return upper ? (inclusive ? c <= 0 : c < 0) : (inclusive ? c >= 0 : c > 0);
        }
    }
}
