package io.minicrm.adapter.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.domain.shared.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON for the HTTP adapter: one hardened Jackson mapper (nesting depth, string, number, name and
 * document size limits; duplicate keys rejected; unknown properties rejected on request types; no
 * scalar coercion, so {@code 5} is not a string and {@code "5"} is not a number; floats as
 * {@code BigDecimal}) and the translation of every Jackson error into a 400 {@link ApiProblem} with the
 * location or path of the problem.
 */
public final class JsonSupport {
    /** Deepest accepted nesting of objects and arrays (a rule of the maximum depth 16 needs about 35). */
    public static final int MAX_DEPTH = 64;
    /** Longest accepted string value. */
    public static final int MAX_STRING = 1_000_000;
    /** Longest accepted number literal. */
    public static final int MAX_NUMBER = 100;
    /** Longest accepted property name. */
    public static final int MAX_NAME = 1_000;

    private final ObjectMapper mapper;

    public JsonSupport() {
        this(4L * 1024 * 1024 * 1024);
    }

    /** @param maxDocumentBytes largest document the parser accepts (routes enforce their own, smaller limits) */
    public JsonSupport(long maxDocumentBytes) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING)
                        .maxNumberLength(MAX_NUMBER)
                        .maxNameLength(MAX_NAME)
                        .maxDocumentLength(maxDocumentBytes)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        JsonMapper m = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean}) {
            m.coercionConfigFor(t)
                    .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer || t == LogicalType.Float
                            ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert
                            : CoercionAction.Fail);
        }
        this.mapper = m;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * Parses a whole document into a plain tree.
     * @throws ApiProblem 400 when it is not one well-formed JSON value within the limits
     */
    public Object readTree(InputStream in) {
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            return PlainTrees.readDocument(p);
        } catch (PlainTrees.EmptyBodyException e) {
            throw ApiProblem.badRequest("", e.getMessage());
        } catch (PlainTrees.TooManyValuesException e) {
            throw ApiProblem.badRequest("", "the JSON holds more than " + PlainTrees.MAX_VALUES
                    + " values; send fewer rows per request (or use the CSV import)");
        } catch (JsonProcessingException e) {
            throw problem(e);
        } catch (IOException e) {
            throw ApiProblem.bodyIncomplete(e);
        }
    }

    public Object readTree(byte[] json) {
        return readTree(new java.io.ByteArrayInputStream(json));
    }

    /** Parses JSON text into a plain tree, failing with {@link IllegalArgumentException} (for the queue codec). */
    Object readTreeOrFail(String json) {
        try (JsonParser p = mapper.getFactory().createParser(json)) {
            return PlainTrees.readDocument(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON document: " + e.getMessage(), e);
        }
    }

    /**
     * Binds a request body to a request type (unknown properties, wrong types and trailing content are
     * errors).
     * @throws ApiProblem 400 naming the path of the problem
     */
    public <T> T read(byte[] json, Class<T> type) {
        if (json.length == 0) {
            throw ApiProblem.badRequest("", "the request body is empty; a JSON object is required");
        }
        try {
            T value = mapper.readerFor(type).readValue(json);
            if (value == null) {
                throw ApiProblem.badRequest("", "expected a JSON object, got null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw problem(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public String writeString(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    public void write(OutputStream out, Object value) throws IOException {
        mapper.writeValue(out, value);
    }

    /** The 400 problem for a Jackson error: where it is (line/column or JSON path) and what is wrong. */
    public static ApiProblem problem(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return ApiProblem.badRequest("", limitMessage(e.getOriginalMessage()));
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String path = path(u);
            return ApiProblem.badRequest("unknown field " + path, List.of(new Problem(path, "unknown field")));
        }
        if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String path = path(m);
            String message = m.getTargetType() == null ? "has the wrong type" : "expected " + describe(m.getTargetType());
            return ApiProblem.badRequest(path + ": " + message, List.of(new Problem(path, message)));
        }
        if (e instanceof MismatchedInputException m) {
            String message = m.getTargetType() == null ? "the body has the wrong shape"
                    : "expected " + describe(m.getTargetType()) + " as the body";
            return ApiProblem.badRequest("", message);
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String path = path(m);
            return ApiProblem.badRequest(path, "cannot be read: " + firstLine(m.getOriginalMessage()));
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String message = "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage());
        ApiProblem p = ApiProblem.badRequest("", message);
        if (e.getLocation() != null) {
            p = p.withExtension("line", e.getLocation().getLineNr()).withExtension("column", e.getLocation().getColumnNr());
        }
        return p;
    }

    private static String limitMessage(String original) {
        String m = original == null ? "" : original;
        if (m.contains("nesting depth")) {
            return "the JSON is nested more than " + MAX_DEPTH + " levels deep";
        }
        if (m.contains("String value length")) {
            return "a string is longer than " + MAX_STRING + " characters";
        }
        if (m.contains("Number value length")) {
            return "a number is longer than " + MAX_NUMBER + " characters";
        }
        if (m.contains("Name length")) {
            return "a property name is longer than " + MAX_NAME + " characters";
        }
        if (m.contains("Document length")) {
            return "the JSON document is too long";
        }
        return "the JSON exceeds a parser limit";
    }

    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            sb.append('/');
            if (r.getFieldName() != null) {
                sb.append(Problem.segment(r.getFieldName()));
            } else if (r.getIndex() >= 0) {
                sb.append(r.getIndex());
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 date-time";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type == Object.class) {
            return "a JSON value";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of another type";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "cannot be parsed";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
