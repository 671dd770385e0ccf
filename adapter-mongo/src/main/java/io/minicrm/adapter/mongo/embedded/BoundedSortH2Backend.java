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
        private final QueryPlanner<Object> planner = new QueryPlanner<>(this::getDocument);

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
            streamAllDocumentsWithPosition().forEach(d -> planner.added(d.getDocument(), d.getPosition()));
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object position = super.addDocumentInternal(document);
            planner.added(document, position);
            return position;
        }

        @Override
        protected void removeDocument(Object position) {
            Document document = getDocument(position);
            super.removeDocument(position);
            planner.removed(document, position);
        }

        /** No running total of the BSON size: the server re-encoded both documents on every write for it. */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return planner.query(query, orderBy, skip, limit, batchSize, projection, super::queryDocuments,
                    this::matchDocumentsFromStream);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return planner.scan(query, orderBy, skip, limit, batchSize, projection, super::matchDocuments,
                    super::matchDocumentsFromStream);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                       int skip, int limit, int batchSize, Document projection) {
            return planner.fromStream(documents, query, orderBy, skip, limit, batchSize, projection,
                    this::documentMatchesQuery, super::matchDocumentsFromStream);
        }
    }
}
