package io.minicrm.adapter.mongo.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * Small, explicit conversions between Java values and BSON values, used by the mappers. Reading is
 * strict about types (a stored value of the wrong type is a corrupt document, reported with its field)
 * and lenient about number widths (an int32 where an int64 is expected is read as a long).
 */
public final class Bsons {
    private Bsons() {
    }

    // ------------------------------------------------------------------ writing

    public static BsonValue date(Instant t) {
        return new BsonDateTime(t.toEpochMilli());
    }

    public static BsonValue dateOrNull(Instant t) {
        return t == null ? BsonNull.VALUE : date(t);
    }

    public static BsonValue decimal(BigDecimal d) {
        return new BsonDecimal128(new Decimal128(d));
    }

    public static BsonArray strings(Collection<String> values) {
        List<BsonValue> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(new BsonString(v));
        }
        return new BsonArray(out);
    }

    /** Puts {@code value} under {@code key} unless it is null (absent fields stay absent). */
    public static void putIfPresent(BsonDocument doc, String key, String value) {
        if (value != null) {
            doc.put(key, new BsonString(value));
        }
    }

    public static void putIfPresent(BsonDocument doc, String key, Instant value) {
        if (value != null) {
            doc.put(key, date(value));
        }
    }

    public static BsonInt64 int64(long v) {
        return new BsonInt64(v);
    }

    public static BsonInt32 int32(int v) {
        return new BsonInt32(v);
    }

    public static BsonBoolean bool(boolean v) {
        return BsonBoolean.valueOf(v);
    }

    // ------------------------------------------------------------------ reading

    public static String string(BsonDocument doc, String key) {
        return require(doc, key).asString().getValue();
    }

    /** The string under {@code key}, or null when absent or null. */
    public static String optString(BsonDocument doc, String key) {
        BsonValue v = doc.get(key);
        return v == null || v.isNull() ? null : v.asString().getValue();
    }

    public static long int64(BsonDocument doc, String key) {
        BsonValue v = require(doc, key);
        if (v.isInt64()) {
            return v.asInt64().getValue();
        }
        if (v.isInt32()) {
            return v.asInt32().getValue();
        }
        throw corrupt(doc, key, "a whole number", v);
    }

    /** The whole number under {@code key}, or {@code dflt} when absent. */
    public static long int64(BsonDocument doc, String key, long dflt) {
        BsonValue v = doc.get(key);
        return v == null || v.isNull() ? dflt : int64(doc, key);
    }

    public static int int32(BsonDocument doc, String key) {
        return Math.toIntExact(int64(doc, key));
    }

    public static boolean bool(BsonDocument doc, String key) {
        return require(doc, key).asBoolean().getValue();
    }

    public static boolean bool(BsonDocument doc, String key, boolean dflt) {
        BsonValue v = doc.get(key);
        return v == null || v.isNull() ? dflt : v.asBoolean().getValue();
    }

    public static Instant instant(BsonDocument doc, String key) {
        return Instant.ofEpochMilli(require(doc, key).asDateTime().getValue());
    }

    /** The instant under {@code key}, or null when absent or null. */
    public static Instant optInstant(BsonDocument doc, String key) {
        BsonValue v = doc.get(key);
        return v == null || v.isNull() ? null : Instant.ofEpochMilli(v.asDateTime().getValue());
    }

    public static BigDecimal bigDecimal(BsonValue v) {
        return v.asDecimal128().getValue().bigDecimalValue();
    }

    public static List<String> stringList(BsonDocument doc, String key) {
        BsonValue v = doc.get(key);
        if (v == null || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (BsonValue e : v.asArray()) {
            out.add(e.asString().getValue());
        }
        return out;
    }

    /** The sub-document under {@code key}, or null when absent or null. */
    public static BsonDocument optDocument(BsonDocument doc, String key) {
        BsonValue v = doc.get(key);
        return v == null || v.isNull() ? null : v.asDocument();
    }

    private static BsonValue require(BsonDocument doc, String key) {
        BsonValue v = doc.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalStateException("stored document " + idOf(doc) + " lacks field '" + key + "'");
        }
        return v;
    }

    private static IllegalStateException corrupt(BsonDocument doc, String key, String expected, BsonValue got) {
        return new IllegalStateException("stored document " + idOf(doc) + ": field '" + key + "' should be "
                + expected + ", is " + got.getBsonType());
    }

    private static String idOf(BsonDocument doc) {
        BsonValue id = doc.get("_id");
        return id == null ? "(no _id)" : id.isString() ? id.asString().getValue() : id.toString();
    }
}
