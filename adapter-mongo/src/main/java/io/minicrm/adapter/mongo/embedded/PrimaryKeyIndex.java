package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@code _id_} index of a durable collection, as a view of the collection's own map (which is keyed
 * by {@code _id}): nothing is stored twice and an insert writes one map, not two. Adding and removing
 * entries is the collection's own insert and remove; this view answers the lookups and the duplicate
 * check.
 */
final class PrimaryKeyIndex extends AbstractUniqueIndex<Object> {
    private final DurableCollection collection;

    PrimaryKeyIndex(DurableCollection collection, String name, List<IndexKey> keys) {
        super(name, keys, false);
        this.collection = collection;
    }

    /** The collection inserts the document itself; the duplicate check ran before it did. */
    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> c) {
        // nothing to add: the document's key is its position in the collection's map
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return collection.storedKey(keyValue.get(0)); // the collection removes it
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return true;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return () -> {
            Iterator<Map.Entry<Object, byte[]>> it = collection.entries().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Map.Entry<KeyValue, Object> next() {
                    Object key = it.next().getKey();
                    return Map.entry(new KeyValue(key), key);
                }
            };
        };
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return collection.storedKey(keyValue.get(0));
    }

    @Override
    public long getCount() {
        return collection.count();
    }

    @Override
    public boolean isEmpty() {
        return collection.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
