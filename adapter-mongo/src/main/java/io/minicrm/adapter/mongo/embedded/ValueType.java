package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Single server values in an MVStore map ({@link DocumentCodec#encodeValue}): the {@code _id} keys of a
 * collection's documents, ordered exactly as the server sorts them ({@link IdOrder#ORDER}), so walking
 * the map in key order answers a query sorted by {@code _id}; and the positions a unique index points to.
 */
final class ValueType extends BasicDataType<Object> {
    static final ValueType INSTANCE = new ValueType();

    private ValueType() {
    }

    @Override
    public int getMemory(Object value) {
        if (value instanceof String s) {
            return 24 + 16 + s.length() + 4;
        }
        return value instanceof Missing ? 4 : 48;
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bytes = DocumentCodec.encodeValue(value);
        buffer.putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
        buffer.get(bytes);
        return DocumentCodec.decodeValue(bytes);
    }

    @Override
    public int compare(Object a, Object b) {
        return IdOrder.ORDER.compare(a, b);
    }

    @Override
    public Object[] createStorage(int size) {
        return new Object[size];
    }
}
