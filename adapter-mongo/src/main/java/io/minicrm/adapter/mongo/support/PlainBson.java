package io.minicrm.adapter.mongo.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Converts plain trees (Map/List/String/Number/Boolean/null, as the domain's writers produce them) to
 * BSON and back. Numbers: integers as int64, decimals as decimal128 (exact); read back as Long and
 * BigDecimal. Used for stored rule trees, whose keys are the rule language's own words.
 */
public final class PlainBson {
    private PlainBson() {
    }

    public static BsonValue toBson(Object plain) {
        if (plain == null) {
            return BsonNull.VALUE;
        }
        if (plain instanceof Map<?, ?> m) {
            BsonDocument d = new BsonDocument();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                d.put(String.valueOf(e.getKey()), toBson(e.getValue()));
            }
            return d;
        }
        if (plain instanceof List<?> l) {
            BsonArray a = new BsonArray();
            for (Object o : l) {
                a.add(toBson(o));
            }
            return a;
        }
        if (plain instanceof String s) {
            return new BsonString(s);
        }
        if (plain instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (plain instanceof Long || plain instanceof Integer || plain instanceof Short || plain instanceof Byte) {
            return new BsonInt64(((Number) plain).longValue());
        }
        if (plain instanceof BigInteger b) {
            return Bsons.decimal(new BigDecimal(b));
        }
        if (plain instanceof BigDecimal d) {
            return Bsons.decimal(d);
        }
        if (plain instanceof Double || plain instanceof Float) {
            return new BsonDouble(((Number) plain).doubleValue());
        }
        throw new IllegalArgumentException("not a plain value: " + plain.getClass().getName());
    }

    public static Object toPlain(BsonValue v) {
        switch (v.getBsonType()) {
            case DOCUMENT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, BsonValue> e : v.asDocument().entrySet()) {
                    m.put(e.getKey(), toPlain(e.getValue()));
                }
                return m;
            }
            case ARRAY -> {
                List<Object> l = new ArrayList<>();
                for (BsonValue e : v.asArray()) {
                    l.add(toPlain(e));
                }
                return l;
            }
            case STRING -> {
                return v.asString().getValue();
            }
            case BOOLEAN -> {
                return v.asBoolean().getValue();
            }
            case INT32 -> {
                return (long) v.asInt32().getValue();
            }
            case INT64 -> {
                return v.asInt64().getValue();
            }
            case DECIMAL128 -> {
                return v.asDecimal128().getValue().bigDecimalValue();
            }
            case DOUBLE -> {
                return v.asDouble().getValue();
            }
            case NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected stored " + v.getBsonType());
        }
    }
}
