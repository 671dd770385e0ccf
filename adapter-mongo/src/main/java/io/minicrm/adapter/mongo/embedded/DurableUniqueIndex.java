package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;

/**
 * A unique index of the durable store: an MVStore map from the key's encoded values
 * ({@link DocumentCodec#encodeValues}, compared as bytes) to the document's {@code _id}.
 */
final class DurableUniqueIndex extends AbstractUniqueIndex<Object> {
    private final MVMap<byte[], Object> map;

    DurableUniqueIndex(MVMap<byte[], Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    static byte[] encode(KeyValue key) {
        List<Object> values = new ArrayList<>(key.size());
        key.forEach(values::add);
        return DocumentCodec.encodeValues(values);
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(encode(keyValue));
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(encode(keyValue), Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return () -> {
            Iterator<Map.Entry<byte[], Object>> it = map.entrySet().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Map.Entry<KeyValue, Object> next() {
                    Map.Entry<byte[], Object> e = it.next();
                    return Map.entry(new KeyValue(DocumentCodec.decodeValues(e.getKey())), e.getValue());
                }
            };
        };
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(encode(keyValue));
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
