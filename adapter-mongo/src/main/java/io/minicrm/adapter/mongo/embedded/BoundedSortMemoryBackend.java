package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.util.stream.Stream;

/**
 * mongo-java-server's in-memory backend with two things a MongoDB server has and it lacks: queries
 * sorted by {@code _id} walk an {@code _id}-ordered index ({@link IdOrder}) instead of sorting every
 * match, and other sorted queries with a limit keep only the best {@code skip + limit} documents
 * ({@link TopK}) instead of sorting every match. Without them the first page of a listing
 * ({@code sort(_id: -1).limit(51)}) sorted the whole collection: ~140 ms at 100,000 customers, holding
 * the collection's lock. Results are identical to the stock backend's; other queries are untouched.
 */
public final class BoundedSortMemoryBackend extends MemoryBackend {

    /** serverStatus says {@value EmbeddedServers#ID_LOOKUP_FLAG}: filters naming {@code _id} need no extra index here. */
    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        status.put(EmbeddedServers.ID_LOOKUP_FLAG, true);
        return status;
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static final class Database extends MemoryDatabase {
        Database(String name, CursorRegistry cursors) {
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new Collection(this, collectionName, options, cursorRegistry); // set by the super constructor
        }
    }

    private static final class Collection extends MemoryCollection {
        private final QueryPlanner<Integer> planner = new QueryPlanner<>(this::getDocument);

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected Integer addDocumentInternal(Document document) {
            Integer position = super.addDocumentInternal(document);
            planner.added(document, position);
            return position;
        }

        @Override
        protected void removeDocument(Integer position) {
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
