package io.minicrm.application.inprocess;

import io.minicrm.application.port.TreeCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TreeCodec} for in-process queues, on JDK serialization of plain trees (never JSON: the
 * production codec is Jackson's). Before writing, the tree is copied into a fixed set of classes
 * ({@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Boolean} and the JDK number types);
 * anything else is refused. Deserialization accepts only those classes, so it cannot instantiate
 * anything else. Not for data that crosses a process boundary.
 */
public final class JdkTreeCodec implements TreeCodec {
    /** Deeper trees are refused (serialization recurses per level). */
    public static final int MAX_DEPTH = 64;

    private static final Set<String> ALLOWED = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.ArrayList", "java.lang.String", "java.lang.Number", "java.lang.Integer", "java.lang.Long",
            "java.lang.Short", "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Boolean",
            "java.math.BigDecimal", "java.math.BigInteger",
            // arrays the JDK collections check while reading themselves back
            "[Ljava.util.Map$Entry;", "[Ljava.lang.Object;", "[I", "[B");

    @Override
    public String write(Object tree) {
        Object plain = plain(tree, 0);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(plain);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("not a plain tree", e);
        }
    }

    /** A copy of {@code node} made only of the allowed classes. */
    private static Object plain(Object node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("tree deeper than " + MAX_DEPTH + " levels");
        }
        if (node == null || node instanceof String || node instanceof Boolean || node instanceof Integer
                || node instanceof Long || node instanceof Short || node instanceof Byte || node instanceof Double
                || node instanceof Float) {
            return node;
        }
        if (node instanceof BigInteger b) {
            return b.getClass() == BigInteger.class ? b : new BigInteger(b.toByteArray());
        }
        if (node instanceof BigDecimal d) {
            return d.getClass() == BigDecimal.class ? d : new BigDecimal(d.unscaledValue(), d.scale());
        }
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("not a plain tree: map key " + e.getKey());
                }
                out.put(e.getKey(), plain(e.getValue(), depth + 1));
            }
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(plain(x, depth + 1));
            }
            return out;
        }
        throw new IllegalArgumentException("not a plain tree: " + node.getClass().getName());
    }

    @Override
    public Object parse(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("cannot decode payload: not base64", e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(info -> {
                if (info.depth() > MAX_DEPTH * 2L + 8) {
                    return ObjectInputFilter.Status.REJECTED;
                }
                Class<?> c = info.serialClass();
                if (c == null) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                return ALLOWED.contains(c.getName()) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot decode payload: " + e.getMessage(), e);
        }
    }
}
