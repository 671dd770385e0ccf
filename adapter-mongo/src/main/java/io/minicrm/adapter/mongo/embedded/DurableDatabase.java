package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database of the durable store. Its maps are named {@code docs.<db>.<collection>} (documents by
 * {@code _id}) and {@code index.<db>.<collection>.<index>} (unique indexes); the {@code _id_} index is
 * the documents' map itself ({@link PrimaryKeyIndex}).
 *
 * <p>An aggregation that starts with {@code $match} scans with the filter pushed into the scan (the
 * stock server decodes every document and filters afterwards), decoding only what the filter and the
 * later stages need: a {@code countDocuments} decodes just the filtered fields.
 */
final class DurableDatabase extends AbstractSynchronizedMongoDatabase<Object> {
    static final String DOCS = "docs.";
    static final String INDEX = "index.";

    private final MVStore store;
    private final CommitLock lock;

    DurableDatabase(String name, MVStore store, CursorRegistry cursors, CommitLock lock) {
        super(name, cursors);
        this.store = store;
        this.lock = lock;
        initializeNamespacesAndIndexes();
    }

    static MVMap.Builder<Object, byte[]> documentsMap() {
        return new MVMap.Builder<Object, byte[]>().keyType(ValueType.INSTANCE).valueType(BytesType.INSTANCE);
    }

    static MVMap.Builder<byte[], Object> indexMap() {
        return new MVMap.Builder<byte[], Object>().keyType(BytesType.INSTANCE).valueType(ValueType.INSTANCE);
    }

    private String docsName(String collectionName) {
        return DOCS + getFullCollectionNamespace(collectionName);
    }

    private String indexName(String collectionName, String indexName) {
        return INDEX + getFullCollectionNamespace(collectionName) + "." + indexName;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        return new DurableCollection(this, collectionName, options, store.openMap(docsName(collectionName), documentsMap()),
                cursorRegistry, lock);
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MongoCollection<Object> collection = resolveOrCreateCollection(collectionName);
        if (collection instanceof DurableCollection durable && keys.size() == 1 && "_id".equals(keys.get(0).getKey())
                && "_id".equals(durable.idField()) && !sparse) {
            return new PrimaryKeyIndex(durable, indexName, keys);
        }
        return new DurableUniqueIndex(store.openMap(indexName(collectionName, indexName), indexMap()), indexName, keys, sparse);
    }

    /**
     * A non-unique index: mongo-java-server keeps its description and uses nothing else of it, but would
     * scan the whole collection twice to "build" it at every start (an empty index looks unbuilt); this
     * one says it has nothing to build.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                      boolean sparse) {
        return new de.bwaldvogel.mongo.backend.EmptyIndex<>(indexName, keys) {
            @Override
            public boolean isEmpty() {
                return false;
            }
        };
    }

    @Override
    protected void dropIndex(MongoCollection<Object> collection, String indexName) {
        super.dropIndex(collection, indexName);
        String name = indexName(collection.getCollectionName(), indexName);
        if (store.hasMap(name)) {
            store.removeMap(name);
        }
    }

    @Override
    public void drop(Oplog oplog) {
        super.drop(oplog);
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(DOCS + databaseName + ".") || name.startsWith(INDEX + databaseName + ".")) {
                store.removeMap(name);
            }
        }
    }

    @Override
    public void dropCollection(String collectionName, Oplog oplog) {
        super.dropCollection(collectionName, oplog);
        removeMaps(collectionName);
    }

    private void removeMaps(String collectionName) {
        String docs = docsName(collectionName);
        String indexPrefix = INDEX + getFullCollectionNamespace(collectionName) + ".";
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.equals(docs) || name.startsWith(indexPrefix)) {
                store.removeMap(name);
            }
        }
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        super.moveCollection(oldDatabase, collection, newCollectionName);
        String oldNs = collection.getFullName();
        String newNs = getFullCollectionNamespace(newCollectionName);
        for (String name : new ArrayList<>(store.getMapNames())) {
            String renamed = null;
            if (name.equals(DOCS + oldNs)) {
                renamed = DOCS + newNs;
            } else if (name.startsWith(INDEX + oldNs + ".")) {
                renamed = INDEX + newNs + name.substring((INDEX + oldNs).length());
            }
            if (renamed != null) {
                store.renameMap(store.openMap(name), renamed);
            }
        }
    }

    @Override
    protected long getStorageSize() {
        FileStore<?> fileStore = store.getFileStore();
        return fileStore == null ? 0 : fileStore.size();
    }

    @Override
    protected long getFileSize() {
        return getStorageSize();
    }

    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver, Oplog oplog) {
        if (command.equalsIgnoreCase("aggregate")) {
            Document answer = aggregateFromMatch(query, resolver, oplog);
            if (answer != null) {
                return answer;
            }
        }
        return super.handleCommand(channel, command, query, resolver, oplog);
    }

    /** An aggregation whose first stage is {@code $match} on a durable collection, with the filter in the scan; else null. */
    private Document aggregateFromMatch(Document query, DatabaseResolver resolver, Oplog oplog) {
        if (!(query.get("aggregate") instanceof String collectionName) || !(query.get("pipeline") instanceof List<?> stages)
                || stages.isEmpty() || !(stages.get(0) instanceof Document first) || first.size() != 1
                || !(first.get("$match") instanceof Document match)) {
            return null;
        }
        MongoCollection<Object> c = resolveCollection(collectionName, false);
        if (!(c instanceof DurableCollection collection)) {
            return null;
        }
        List<Document> rest = new ArrayList<>();
        for (Object stage : stages.subList(1, stages.size())) {
            if (!(stage instanceof Document d) || d.containsKey("$changeStream")) {
                return null;
            }
            rest.add(d);
        }
        Aggregation aggregation = Aggregation.fromPipeline(rest, resolver, this, collection, oplog);
        aggregation.validate(query);
        FieldSelection output = readsNoField(rest) ? FieldSelection.forQuery(match, collection.idField()) : FieldSelection.ALL;
        List<Document> result = aggregation.runStages(collection.matching(collection.data().values().stream(), match, output));
        Document cursor = new Document();
        cursor.put("id", 0L);
        cursor.put("ns", getFullCollectionNamespace(collectionName));
        cursor.put("firstBatch", result);
        Document response = new Document("cursor", cursor);
        Utils.markOkay(response);
        return response;
    }

    /**
     * Whether the stages read no field of their input documents: {@code $skip}, {@code $limit}, {@code $count}
     * and {@code $group} on a constant key with constant accumulators (what {@code countDocuments} sends).
     */
    static boolean readsNoField(List<Document> stages) {
        for (Document stage : stages) {
            Map.Entry<String, Object> s = stage.entrySet().iterator().next();
            switch (s.getKey()) {
                case "$skip", "$limit", "$count" -> {
                }
                case "$group" -> {
                    if (!(s.getValue() instanceof Document group) || !isConstant(group.get("_id"))) {
                        return false;
                    }
                    for (Map.Entry<String, Object> acc : group.entrySet()) {
                        if (acc.getKey().equals("_id")) {
                            continue;
                        }
                        if (!(acc.getValue() instanceof Document op) || op.size() != 1
                                || !isConstant(op.values().iterator().next())) {
                            return false;
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isConstant(Object value) {
        return value == null || value instanceof Number || value instanceof Boolean
                || (value instanceof String s && !s.startsWith("$"));
    }
}
