package io.minicrm.adapter.http.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into a plain tree ({@code LinkedHashMap}/{@code ArrayList}/{@code String}/{@code Boolean}/
 * {@code null}, whole numbers as {@code Integer}/{@code Long}/{@code BigInteger}, other numbers as exact
 * {@code BigDecimal}, never {@code double}): what the domain readers take. Depth, sizes and duplicate
 * keys are checked by the parser ({@link JsonSupport}'s constraints).
 */
final class PlainTrees {
    private PlainTrees() {
    }

    /**
     * Most values (objects, arrays, strings, numbers, booleans, nulls) in one document. A tree costs tens of
     * bytes per value whatever the text, so this bounds the memory one body can take (a 10,000-row bulk of
     * customers with twenty fields each holds about 220,000).
     */
    static final int MAX_VALUES = 1_000_000;

    /** The document holds more than {@link #MAX_VALUES} values. */
    static final class TooManyValuesException extends com.fasterxml.jackson.core.JsonParseException {
        TooManyValuesException(JsonParser p) {
            super(p, "the JSON holds more than " + MAX_VALUES + " values");
        }
    }

    /** The single JSON value of the parser's input; trailing content is an error. */
    static Object readDocument(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new EmptyBodyException();
        }
        Object value = value(p, t, new int[] {MAX_VALUES});
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected content after the JSON value");
        }
        return value;
    }

    private static Object value(JsonParser p, JsonToken t, int[] budget) throws IOException {
        if (--budget[0] < 0) {
            throw new TooManyValuesException(p);
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, value(p, p.nextToken(), budget));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken v = p.nextToken(); v != JsonToken.END_ARRAY; v = p.nextToken()) {
                    list.add(value(p, v, budget));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    /** The body held no JSON value at all. */
    static final class EmptyBodyException extends IOException {
        EmptyBodyException() {
            super("the request body is empty; a JSON value is required", null);
        }
    }
}
