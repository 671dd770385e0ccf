package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.oplog.Oplog;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * A collection of the durable store: one MVStore map from {@code _id} (in the server's sort order, see
 * {@link ValueType}) to the document's bytes ({@link DocumentCodec}). The map is the collection's
 * {@code _id} index as well: point lookups and {@code _id}-ordered walks read it directly (no per-document
 * structure on the heap), and its page cache holds documents in their compact encoded form.
 *
 * <p>Scans decode only the fields the filter needs ({@link FieldSelection}) and decode the rest of a
 * document only when it matched and its other fields are wanted.
 */
final class DurableCollection extends AbstractSynchronizedMongoCollection<Object> {
    private final MVMap<Object, byte[]> data;
    private final QueryPlanner<Object> planner = new QueryPlanner<>(new Ids());
    private final CommitLock lock;

    DurableCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, byte[]> data,
                      CursorRegistry cursors, CommitLock lock) {
        super(database, name, options, cursors);
        this.data = data;
        this.lock = lock;
    }

    // Each document change (the document and its index entries) under the shared side of the commit lock,
    // so no commit lands between them; a bulk is many such changes, and commits may fall between them.
    // Every entry point takes the lock before the collection's monitor (the superclass methods are
    // synchronized), so a thread holding the monitor only ever re-enters the lock it already holds.

    @Override
    public void addDocument(Document document) {
        lock.shared(() -> super.addDocument(document));
    }

    /** As the stock loop, without holding the collection's monitor between documents. */
    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        List<Document> writeErrors = new ArrayList<>();
        int index = 0;
        for (Document document : documents) {
            try {
                addDocument(document);
            } catch (MongoServerError e) {
                Document error = new Document();
                error.put("index", index);
                error.put("errmsg", e.getMessageWithoutErrorCode());
                error.put("code", e.getCode());
                error.putIfNotNull("codeName", e.getCodeName());
                writeErrors.add(error);
                if (isOrdered) {
                    break;
                }
            }
            index++;
        }
        return writeErrors;
    }

    @Override
    public void addDocuments(Stream<Document> documents) {
        lock.shared(() -> super.addDocuments(documents));
    }

    @Override
    public Document updateDocuments(Document selector, Document update, ArrayFilters arrayFilters, boolean isMulti,
                                    boolean isUpsert, Oplog oplog) {
        return lock.shared(() -> super.updateDocuments(selector, update, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public Document findAndModify(Document query) {
        return lock.shared(() -> super.findAndModify(query));
    }

    @Override
    public int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return lock.shared(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public void removeDocument(Document document) {
        lock.shared(() -> super.removeDocument(document));
    }

    @Override
    public void addIndex(Index<Object> index) {
        lock.shared(() -> super.addIndex(index));
    }

    MVMap<Object, byte[]> data() {
        return data;
    }

    String idField() {
        return getIdField();
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        key = Missing.ofNullable(key);
        byte[] previous = data.putIfAbsent(key, DocumentCodec.encode(document));
        if (previous != null) {
            throw new IllegalStateException("document with key " + key + " already exists in " + getFullName());
        }
        return key;
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bytes = data.get(position);
        return bytes == null ? null : DocumentCodec.decode(bytes);
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("no document with key " + position + " in " + getFullName());
        }
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        data.put(Missing.ofNullable(position), DocumentCodec.encode(newDocument));
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream().map(e -> new DocumentWithPosition<>(DocumentCodec.decode(e.getValue()), e.getKey()));
    }

    /** Every document, decoded one at a time as the stream is read (aggregations read it lazily). */
    @Override
    public Stream<Document> queryAllAsStream() {
        return data.values().stream().map(DocumentCodec::decode);
    }

    /** No running data size: it would cost an encoding of both versions of every updated document. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not tracked
    }

    /** An estimate from the first documents (collStats size). */
    @Override
    protected int getDataSize() {
        int n = 0;
        long bytes = 0;
        for (Iterator<byte[]> it = data.values().iterator(); it.hasNext() && n < 100; n++) {
            bytes += it.next().length;
        }
        return n == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, bytes / n * (long) data.size());
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
        return planner.scan(query, orderBy, skip, limit, batchSize, projection, this::scan,
                super::matchDocumentsFromStream);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documents, Document query, Document orderBy,
                                                   int skip, int limit, int batchSize, Document projection) {
        return planner.fromStream(documents, query, orderBy, skip, limit, batchSize, projection,
                this::documentMatchesQuery, super::matchDocumentsFromStream);
    }

    /** A full scan: documents are pre-filtered on the fields the filter reads, then handed to the stock steps. */
    private QueryResult scan(Document query, Document orderBy, int skip, int limit, int batchSize, Document projection) {
        Stream<byte[]> stored = isNaturalDescending(orderBy) ? values(null, true) : data.values().stream();
        FieldSelection output = FieldSelection.forOutput(query, orderBy, projection, getIdField());
        return matchDocumentsFromStream(matching(stored, query, output), query, orderBy, skip, limit, batchSize, projection);
    }

    /**
     * The documents of {@code stored} matching {@code query}, decoded as far as {@code output} says (the
     * whole document when it is {@link FieldSelection#ALL}).
     */
    Stream<Document> matching(Stream<byte[]> stored, Document query, FieldSelection output) {
        if (query == null || query.isEmpty()) {
            return stored.map(b -> DocumentCodec.decode(b, output));
        }
        FieldSelection filter = output.isAll() ? FieldSelection.forQuery(query, getIdField()) : output;
        if (filter.isAll()) {
            return stored.map(DocumentCodec::decode).filter(d -> documentMatchesQuery(d, query));
        }
        return stored.map(b -> {
            Document partial = DocumentCodec.decode(b, filter);
            if (!documentMatchesQuery(partial, query)) {
                return null;
            }
            return output.isAll() ? DocumentCodec.decode(b) : partial;
        }).filter(Objects::nonNull);
    }

    /** The documents' bytes in key order, from {@code from} (inclusive; null: the first or, in reverse, the last). */
    Stream<byte[]> values(Object from, boolean reverse) {
        Cursor<Object, byte[]> cursor = data.cursor(from, null, reverse);
        Iterator<byte[]> it = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public byte[] next() {
                cursor.next();
                return cursor.getValue();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }

    /** {@code _id} lookups and walks straight on the map. */
    private final class Ids implements QueryPlanner.IdAccess {
        @Override
        public Stream<Document> byId(Document query) {
            Object id = query == null ? null : query.get("_id");
            if (!"_id".equals(getIdField())) {
                return null;
            }
            if (id instanceof String single) {
                return Stream.ofNullable(getDocument(single));
            }
            if (id instanceof Document operator && operator.size() == 1 && operator.get("$in") instanceof Collection<?> ids
                    && ids.stream().allMatch(String.class::isInstance)) {
                return ids.stream().distinct().map(DurableCollection.this::getDocument).filter(Objects::nonNull);
            }
            return null;
        }

        @Override
        public Stream<Document> walk(Document query, boolean ascending) {
            IdOrder.Bound bound = IdOrder.Bound.of(query);
            boolean startsAtBound = bound != null && bound.upper() != ascending;
            Cursor<Object, byte[]> cursor = data.cursor(startsAtBound ? bound.value() : null, null, !ascending);
            Iterator<Document> it = new Iterator<>() {
                private Document next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    while (next == null && !done) {
                        if (!cursor.hasNext()) {
                            done = true;
                            break;
                        }
                        Object key = cursor.next();
                        if (bound != null && !bound.admits(key)) {
                            if (startsAtBound) {
                                continue; // the bound itself, excluded
                            }
                            done = true; // past the end of the range
                            break;
                        }
                        next = DocumentCodec.decode(cursor.getValue());
                    }
                    return next != null;
                }

                @Override
                public Document next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Document d = next;
                    next = null;
                    return d;
                }
            };
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
        }
    }

    /** For the backend's {@code _id} index view: the stored key equal to {@code id}, else null. */
    Object storedKey(Object id) {
        if (id == null) {
            return data.containsKey(Missing.getInstance()) ? Missing.getInstance() : null;
        }
        if (id instanceof String) {
            return data.containsKey(id) ? id : null;
        }
        Object key = data.ceilingKey(id);
        return key != null && IdOrder.ORDER.compare(key, id) == 0 ? key : null;
    }

    Iterable<Map.Entry<Object, byte[]>> entries() {
        return data.entrySet();
    }
}
