package io.minicrm.adapter.mongo.embedded;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * Byte arrays in an MVStore map, kept as they are in the page cache: the stored documents (decoded on
 * each read, so the cache holds their compact form and the heap the cache bound promises) and the keys
 * of unique indexes (ordered as unsigned bytes; equal keys are equal bytes, see {@link DocumentCodec}).
 */
final class BytesType extends BasicDataType<byte[]> {
    static final BytesType INSTANCE = new BytesType();

    /** Array header and the reference to it, on a 64-bit JVM with compressed references. */
    private static final int OVERHEAD = 16 + 4;

    private BytesType() {
    }

    @Override
    public int getMemory(byte[] value) {
        return OVERHEAD + value.length;
    }

    @Override
    public boolean isMemoryEstimationAllowed() {
        return false; // sizes vary widely (a campaign row beside a customer); measure each
    }

    @Override
    public void write(WriteBuffer buffer, byte[] value) {
        buffer.putVarInt(value.length).put(value);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        int length = DataUtils.readVarInt(buffer);
        byte[] value = new byte[length];
        buffer.get(value);
        return value;
    }

    @Override
    public int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
