package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 (MVStore file) backend with the {@code _id}-order walk and the bounded sort of
 * {@link BoundedSortMemoryBackend} (the id order is rebuilt from the file when a collection opens). Collections live in the same MVStore maps as the stock backend's
 * ({@code databases.<ns>} for documents, {@code meta.<ns>} for metadata), so a file written by either
 * opens with the other.
 */
public final class BoundedSortH2Backend extends H2Backend {

    public BoundedSortH2Backend(String fileName) {
        super(fileName);
    }

    /** serverStatus says {@value EmbeddedServers#ID_LOOKUP_FLAG}: filters naming {@code _id} need no extra index here. */
    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        status.put(EmbeddedServers.ID_LOOKUP_FLAG, true);
        return status;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    /** Inner, not nested: the super constructor opens collections before a field of ours could be set. */
    private final class Database extends H2Database {
        Database(String name, MVStore store, CursorRegistry cursors) {
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String ns = getFullCollectionNamespace(collectionName);
            MVStore store = getMvStore();
            MVMap<Object, Document> data = store.openMap("databases." + ns);
            MVMap<String, Object> meta = store.openMap("meta." + ns);
            return new Collection(this, collectionName, options, data, meta, cursorRegistry);
        }
    }

    private static final class Collection extends H2Collection {
        private final IdOrder<Object> idOrder = new IdOrder<>();

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            streamAllDocumentsWithPosition().forEach(d -> idOrder.added(d.getDocument(), d.getPosition()));
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object position = super.addDocumentInternal(document);
            idOrder.added(document, position);
            return position;
        }

        @Override
        protected void removeDocument(Object position) {
            Document document = getDocument(position);
            super.removeDocument(position);
            idOrder.removed(document, position);
        }

        /**
         * No running total of the collection's BSON size: the server would re-encode the old and the new
         * document on every write to keep it (about an eighth of an update's cost), and only collStats
         * reports it.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        /** A query naming its {@code _id}s reads just those documents, whatever else it filters on. */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            Stream<Document> byId = idOrder.byId(query, this::getDocument);
            if (byId == null) {
                return super.queryDocuments(query, orderBy, skip, limit, batchSize, projection);
            }
            return matchDocumentsFromStream(byId, IdOrder.withoutId(query), orderBy, skip, limit, batchSize, projection);
        }

        /** The scan for queries no index answers: sorted by {@code _id}, it walks the id order instead. */
        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            Boolean ascending = IdOrder.ascending(orderBy);
            if (ascending == null) {
                return super.matchDocuments(query, orderBy, skip, limit, batchSize, projection);
            }
            return super.matchDocumentsFromStream(idOrder.walk(query, ascending, this::getDocument), query, null,
                    skip, limit, batchSize, projection);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                       int skip, int limit, int batchSize, Document projection) {
            if (!BoundedSort.applies(orderBy, limit)) {
                return super.matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, projection);
            }
            Stream<Document> best = TopK.select(documents.filter(d -> documentMatchesQuery(d, query)), orderBy,
                    TopK.window(skip, limit)).stream();
            return super.matchDocumentsFromStream(best, query, null, skip, limit, batchSize, projection);
        }
    }
}
