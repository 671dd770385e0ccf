package io.minicrm.application.inprocess;

import io.minicrm.application.port.TreeCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Set;

/**
 * A {@link TreeCodec} for in-process queues, on JDK serialization of plain trees (never JSON: the
 * production codec is Jackson's). Deserialization accepts only the plain-tree classes, so it cannot
 * instantiate anything else. Not for data that crosses a process boundary.
 */
public final class JdkTreeCodec implements TreeCodec {
    private static final Set<String> ALLOWED = Set.of("java.util.HashMap", "java.util.LinkedHashMap",
            "java.util.ArrayList", "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Double",
            "java.lang.Boolean", "java.lang.Number", "java.math.BigDecimal", "java.math.BigInteger",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Map1", "java.util.CollSer",
            "java.util.TreeMap", "java.util.Arrays$ArrayList", "[I", "[Ljava.lang.Object;", "[B");

    @Override
    public String write(Object tree) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(tree);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("not a plain tree", e);
        }
    }

    @Override
    public Object parse(String encoded) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(encoded)))) {
            in.setObjectInputFilter(info -> {
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
