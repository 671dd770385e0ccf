package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The embedded store's encoding of the server's values ({@link Document}s and what they hold) as bytes:
 * a type tag per value, variable-length integers, and a byte length before every sub-document and
 * array, so a reader can skip any value without decoding it. A stored document is
 * {@value #FORMAT} followed by its fields ({@code name, value}); nothing is Java-serialised.
 *
 * <p>{@link #decode(byte[], FieldSelection)} decodes only the top-level fields a query needs (a scan
 * reads every document of a collection but a rule names a few fields). Equal values encode to equal
 * bytes (the encoding is a function of the value), which the unique indexes rely on: they compare
 * keys as bytes.
 *
 * <p>The tags and their layout are part of the file format ({@link StoreFormat#VERSION}): change them
 * only together with a new format version and a migration.
 */
public final class DocumentCodec {
    /** First byte of a stored document: the version of this encoding. */
    static final byte FORMAT = 1;

    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte INT32 = 3;
    private static final byte INT64 = 4;
    private static final byte DOUBLE = 5;
    private static final byte STRING = 6;
    private static final byte DOCUMENT = 7;
    private static final byte ARRAY = 8;
    private static final byte DATE_MILLIS = 9;
    private static final byte OBJECT_ID = 10;
    private static final byte DECIMAL128 = 11;
    private static final byte BINARY = 12;
    private static final byte UUID_VALUE = 13;
    private static final byte LEGACY_UUID = 14;
    private static final byte TIMESTAMP = 15;
    private static final byte REGEX = 16;
    private static final byte JAVASCRIPT = 17;
    private static final byte MIN_KEY = 18;
    private static final byte MAX_KEY = 19;
    private static final byte MISSING = 20;
    private static final byte DATE_NANOS = 21;

    private static final FieldNames NAMES = new FieldNames();

    private DocumentCodec() {
    }

    // ------------------------------------------------------------------ documents

    /** A document as stored: the format byte, then its fields. */
    public static byte[] encode(Document document) {
        Output out = new Output(256);
        out.put(FORMAT);
        writeFields(out, document);
        return out.toArray();
    }

    /** The whole document. */
    public static Document decode(byte[] bytes) {
        return decode(bytes, FieldSelection.ALL);
    }

    /**
     * The document with only the selected top-level fields (in stored order); every field when the
     * selection is {@link FieldSelection#ALL}.
     */
    public static Document decode(byte[] bytes, FieldSelection selection) {
        Input in = new Input(bytes, 0);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("stored document in unknown encoding " + format + " (expected " + FORMAT + ")");
        }
        return readFields(in, bytes.length, selection);
    }

    // ------------------------------------------------------------------ single values (keys, positions)

    /** One value (an {@code _id}, a position, a part of an index key). */
    public static byte[] encodeValue(Object value) {
        Output out = new Output(32);
        writeValue(out, value);
        return out.toArray();
    }

    public static Object decodeValue(byte[] bytes) {
        Input in = new Input(bytes, 0);
        Object v = readValue(in);
        if (in.pos != bytes.length) {
            throw new IllegalStateException("trailing bytes after a stored value");
        }
        return v;
    }

    /** A list of values (the values of a unique index key), each encoded in turn. */
    static byte[] encodeValues(Collection<?> values) {
        Output out = new Output(64);
        out.putVarInt(values.size());
        for (Object v : values) {
            writeValue(out, v);
        }
        return out.toArray();
    }

    static List<Object> decodeValues(byte[] bytes) {
        Input in = new Input(bytes, 0);
        int n = in.getVarInt();
        List<Object> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(readValue(in));
        }
        return values;
    }

    // ------------------------------------------------------------------ writing

    private static void writeFields(Output out, Map<String, Object> document) {
        for (Map.Entry<String, Object> e : document.entrySet()) {
            out.putString(e.getKey());
            writeValue(out, e.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(Output out, Object value) {
        if (value == null) {
            out.put(NULL);
        } else if (value instanceof String s) {
            out.put(STRING);
            out.putString(s);
        } else if (value instanceof Integer i) {
            out.put(INT32);
            out.putVarLong(zigZag(i));
        } else if (value instanceof Long l) {
            out.put(INT64);
            out.putVarLong(zigZag(l));
        } else if (value instanceof Double d) {
            out.put(DOUBLE);
            out.putLong(Double.doubleToLongBits(d));
        } else if (value instanceof Boolean b) {
            out.put(b ? TRUE : FALSE);
        } else if (value instanceof Instant t) {
            if (t.getNano() % 1_000_000 == 0) {
                out.put(DATE_MILLIS);
                out.putVarLong(zigZag(t.toEpochMilli()));
            } else {
                out.put(DATE_NANOS);
                out.putVarLong(zigZag(t.getEpochSecond()));
                out.putVarInt(t.getNano());
            }
        } else if (value instanceof Document || value instanceof Map) {
            out.put(DOCUMENT);
            int mark = out.reserveLength();
            writeFields(out, (Map<String, Object>) value);
            out.fillLength(mark);
        } else if (value instanceof Collection<?> list) {
            out.put(ARRAY);
            int mark = out.reserveLength();
            for (Object element : list) {
                writeValue(out, element);
            }
            out.fillLength(mark);
        } else if (value instanceof ObjectId id) {
            out.put(OBJECT_ID);
            out.putBytes(id.toByteArray());
        } else if (value instanceof Decimal128 d) {
            out.put(DECIMAL128);
            out.putLong(d.getLow());
            out.putLong(d.getHigh());
        } else if (value instanceof BinData b) {
            out.put(BINARY);
            out.putVarInt(b.getData().length);
            out.putBytes(b.getData());
        } else if (value instanceof UUID u) {
            out.put(UUID_VALUE);
            out.putLong(u.getMostSignificantBits());
            out.putLong(u.getLeastSignificantBits());
        } else if (value instanceof LegacyUUID u) {
            out.put(LEGACY_UUID);
            out.putLong(u.getUuid().getMostSignificantBits());
            out.putLong(u.getUuid().getLeastSignificantBits());
        } else if (value instanceof BsonTimestamp t) {
            out.put(TIMESTAMP);
            out.putLong(t.getValue());
        } else if (value instanceof BsonRegularExpression r) {
            out.put(REGEX);
            out.putString(r.getPattern());
            out.putString(r.getOptions() == null ? "" : r.getOptions());
        } else if (value instanceof BsonJavaScript js) {
            out.put(JAVASCRIPT);
            out.putString(js.getCode());
        } else if (value instanceof MinKey) {
            out.put(MIN_KEY);
        } else if (value instanceof MaxKey) {
            out.put(MAX_KEY);
        } else if (value instanceof Missing) {
            out.put(MISSING);
        } else {
            throw new IllegalArgumentException("the embedded store cannot keep a value of type " + value.getClass().getName());
        }
    }

    // ------------------------------------------------------------------ reading

    private static Document readFields(Input in, int end, FieldSelection selection) {
        Document document = new Document();
        int wanted = selection.size();
        while (in.pos < end) {
            int nameLength = in.getVarInt();
            int nameStart = in.pos;
            in.pos += nameLength;
            if (selection.isAll()) {
                document.put(NAMES.name(in.bytes, nameStart, nameLength), readValue(in));
            } else {
                String name = selection.match(in.bytes, nameStart, nameLength);
                if (name == null) {
                    skipValue(in);
                } else {
                    document.put(name, readValue(in));
                    if (--wanted == 0) {
                        break; // every selected field found
                    }
                }
            }
        }
        return document;
    }

    private static Object readValue(Input in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case INT32:
                return Integer.valueOf((int) unZigZag(in.getVarLong()));
            case INT64:
                return Long.valueOf(unZigZag(in.getVarLong()));
            case DOUBLE:
                return Double.valueOf(Double.longBitsToDouble(in.getLong()));
            case STRING:
                return in.getString();
            case DOCUMENT: {
                int length = in.getVarInt();
                return readFields(in, in.pos + length, FieldSelection.ALL);
            }
            case ARRAY: {
                int length = in.getVarInt();
                int end = in.pos + length;
                List<Object> list = new ArrayList<>();
                while (in.pos < end) {
                    list.add(readValue(in));
                }
                return list;
            }
            case DATE_MILLIS:
                return Instant.ofEpochMilli(unZigZag(in.getVarLong()));
            case DATE_NANOS: {
                long seconds = unZigZag(in.getVarLong());
                return Instant.ofEpochSecond(seconds, in.getVarInt());
            }
            case OBJECT_ID:
                return new ObjectId(in.getBytes(12));
            case DECIMAL128: {
                long low = in.getLong();
                return new Decimal128(low, in.getLong());
            }
            case BINARY:
                return new BinData(in.getBytes(in.getVarInt()));
            case UUID_VALUE: {
                long most = in.getLong();
                return new UUID(most, in.getLong());
            }
            case LEGACY_UUID: {
                long most = in.getLong();
                return new LegacyUUID(most, in.getLong());
            }
            case TIMESTAMP:
                return new BsonTimestamp(in.getLong());
            case REGEX: {
                String pattern = in.getString();
                String options = in.getString();
                return new BsonRegularExpression(pattern, options);
            }
            case JAVASCRIPT:
                return new BsonJavaScript(in.getString());
            case MIN_KEY:
                return MinKey.getInstance();
            case MAX_KEY:
                return MaxKey.getInstance();
            case MISSING:
                return Missing.getInstance();
            default:
                throw new IllegalStateException("unknown value tag " + tag + " at byte " + (in.pos - 1));
        }
    }

    private static void skipValue(Input in) {
        byte tag = in.get();
        switch (tag) {
            case NULL, FALSE, TRUE, MIN_KEY, MAX_KEY, MISSING -> {
            }
            case INT32, INT64, DATE_MILLIS -> in.getVarLong();
            case DATE_NANOS -> {
                in.getVarLong();
                in.getVarInt();
            }
            case DOUBLE, TIMESTAMP -> in.pos += 8;
            case OBJECT_ID -> in.pos += 12;
            case DECIMAL128, UUID_VALUE, LEGACY_UUID -> in.pos += 16;
            case STRING, DOCUMENT, ARRAY, BINARY, JAVASCRIPT -> in.skipLengthPrefixed();
            case REGEX -> {
                in.skipLengthPrefixed();
                in.skipLengthPrefixed();
            }
            default -> throw new IllegalStateException("unknown value tag " + tag + " at byte " + (in.pos - 1));
        }
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    // ------------------------------------------------------------------ buffers

    /** A growable byte array. */
    static final class Output {
        private byte[] buf;
        private int pos;

        Output(int capacity) {
            buf = new byte[capacity];
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void put(byte b) {
            ensure(1);
            buf[pos++] = b;
        }

        void putBytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void putLong(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[pos++] = (byte) (v >>> (i * 8));
            }
        }

        void putVarInt(int v) {
            putVarLong(v & 0xffffffffL);
        }

        void putVarLong(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                buf[pos++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void putString(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii) {
                putVarInt(n);
                ensure(n);
                for (int i = 0; i < n; i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                putVarInt(utf8.length);
                putBytes(utf8);
            }
        }

        /** Leaves room for a length written later by {@link #fillLength}: a fixed 4-byte varint. */
        int reserveLength() {
            ensure(4);
            int mark = pos;
            pos += 4;
            return mark;
        }

        void fillLength(int mark) {
            int length = pos - mark - 4;
            if (length >= (1 << 28)) {
                throw new IllegalArgumentException("value too large for the embedded store: " + length + " bytes");
            }
            buf[mark] = (byte) ((length & 0x7f) | 0x80);
            buf[mark + 1] = (byte) (((length >>> 7) & 0x7f) | 0x80);
            buf[mark + 2] = (byte) (((length >>> 14) & 0x7f) | 0x80);
            buf[mark + 3] = (byte) (length >>> 21);
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    /** A read position in a byte array. */
    static final class Input {
        final byte[] bytes;
        int pos;

        Input(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        byte get() {
            return bytes[pos++];
        }

        long getLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[pos++] & 0xff);
            }
            return v;
        }

        int getVarInt() {
            long v = getVarLong();
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new IllegalStateException("length out of range: " + v);
            }
            return (int) v;
        }

        long getVarLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = bytes[pos++];
                v |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalStateException("malformed variable-length number");
                }
            }
        }

        /** Skips a varint length and that many bytes (the length must be read before {@code pos} is used). */
        void skipLengthPrefixed() {
            int n = getVarInt();
            pos += n;
        }

        byte[] getBytes(int n) {
            byte[] b = Arrays.copyOfRange(bytes, pos, pos + n);
            pos += n;
            return b;
        }

        String getString() {
            int n = getVarInt();
            String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }

    /**
     * Field names seen recently, by their bytes: documents of a collection repeat the same few names,
     * and a decoded document then shares their strings instead of allocating each one again.
     */
    private static final class FieldNames {
        private record Entry(byte[] bytes, String name) {
        }

        private final Entry[] slots = new Entry[1024];

        String name(byte[] bytes, int start, int length) {
            int h = 1;
            for (int i = start; i < start + length; i++) {
                h = 31 * h + bytes[i];
            }
            int slot = (h ^ (h >>> 16)) & (slots.length - 1);
            Entry e = slots[slot];
            if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, bytes, start, start + length)) {
                return e.name;
            }
            String name = new String(bytes, start, length, StandardCharsets.UTF_8);
            slots[slot] = new Entry(Arrays.copyOfRange(bytes, start, start + length), name);
            return name;
        }
    }
}
