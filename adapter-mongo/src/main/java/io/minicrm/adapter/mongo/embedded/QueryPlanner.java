package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the collections of both backends answer differently from the stock ones, in one place: each
 * collection keeps the {@link IdOrder} up to date and hands its three query steps here, with the stock
 * step to fall back to.
 *
 * @param <P> the backend's position of a document
 */
final class QueryPlanner<P> {
    /** The server's query step: filter, sort, skip, limit, project. */
    interface Step {
        QueryResult run(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection);
    }

    /** The same over given candidate documents. */
    interface StreamStep {
        QueryResult run(Stream<Document> documents, Document query, Document orderBy, int skip, int limit, int batchSize,
                        Document projection);
    }

    /** Where a collection finds documents by {@code _id} and walks them in {@code _id} order. */
    interface IdAccess {
        /** The documents a query naming its {@code _id}s can match ({@link IdOrder#byId}), or null. */
        Stream<Document> byId(Document query);

        /** Candidate documents for the query in {@code _id} order (the caller filters them). */
        Stream<Document> walk(Document query, boolean ascending);
    }

    private final IdOrder<P> idOrder;
    private final IdAccess ids;

    /** For a backend whose storage is not ordered by {@code _id}: keeps an {@link IdOrder} beside it. */
    QueryPlanner(Function<P, Document> lookup) {
        this.idOrder = new IdOrder<>();
        this.ids = new IdAccess() {
            @Override
            public Stream<Document> byId(Document query) {
                return idOrder.byId(query, lookup);
            }

            @Override
            public Stream<Document> walk(Document query, boolean ascending) {
                return idOrder.walk(query, ascending, lookup);
            }
        };
    }

    /** For a backend whose storage is itself ordered by {@code _id}. */
    QueryPlanner(IdAccess ids) {
        this.idOrder = null;
        this.ids = ids;
    }

    void added(Document document, P position) {
        if (idOrder != null) {
            idOrder.added(document, position);
        }
    }

    void removed(Document document, P position) {
        if (idOrder != null) {
            idOrder.removed(document, position);
        }
    }

    /**
     * A query naming its {@code _id}s reads just those documents, whatever else it filters on; others go to
     * {@code stock} (the server's index lookup or scan).
     */
    QueryResult query(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection,
                      Step stock, StreamStep fromStream) {
        Stream<Document> byId = ids.byId(query);
        if (byId == null) {
            return stock.run(query, orderBy, skip, limit, batchSize, projection);
        }
        return fromStream.run(byId, IdOrder.withoutId(query), orderBy, skip, limit, batchSize, projection);
    }

    /** The scan for queries no index answers: sorted by {@code _id}, it walks the id order instead. */
    QueryResult scan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection,
                     Step stock, StreamStep stockFromStream) {
        Boolean ascending = IdOrder.ascending(orderBy);
        if (ascending == null) {
            return stock.run(query, orderBy, skip, limit, batchSize, projection);
        }
        return stockFromStream.run(ids.walk(query, ascending), query, null, skip, limit, batchSize,
                projection);
    }

    /** Sorted with a limit: a bounded top-k of the matches instead of sorting them all. */
    QueryResult fromStream(Stream<Document> documents, Document query, Document orderBy, int skip, int limit,
                           int batchSize, Document projection, BiPredicate<Document, Document> matches,
                           StreamStep stock) {
        if (!boundedSortApplies(orderBy, limit)) {
            return stock.run(documents, query, orderBy, skip, limit, batchSize, projection);
        }
        Stream<Document> best = TopK.select(documents.filter(d -> matches.test(d, query)), orderBy,
                TopK.window(skip, limit)).stream();
        return stock.run(best, query, null, skip, limit, batchSize, projection);
    }

    /** A real sort (not {@code $natural}, no {@code $meta}) with a positive limit. */
    private static boolean boundedSortApplies(Document orderBy, int limit) {
        if (limit <= 0 || orderBy == null || orderBy.isEmpty() || orderBy.containsKey("$natural")) {
            return false;
        }
        for (Object direction : orderBy.values()) {
            if (!(direction instanceof Number)) {
                return false; // e.g. {$meta: "textScore"}: left to the server
            }
        }
        return true;
    }
}
