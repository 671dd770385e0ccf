package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The top-level fields a query step reads, so a scan decodes only those of each stored document
 * ({@link DocumentCodec#decode(byte[], FieldSelection)}), or {@link #ALL}.
 *
 * <p>{@link #forQuery} names the fields of a filter: field conditions at any depth of
 * {@code $and}/{@code $or}/{@code $nor}, each by its first path segment (the whole top-level value is
 * decoded, so dotted paths, arrays and {@code $elemMatch} see what they would see in the full document).
 * A filter with any other top-level operator ({@code $expr}, {@code $where}, {@code $text}, ...) can read
 * anything, so it gets {@link #ALL}.
 */
final class FieldSelection {
    static final FieldSelection ALL = new FieldSelection(null);

    private final String[] names;
    private final byte[][] bytes;

    private FieldSelection(Set<String> names) {
        if (names == null) {
            this.names = null;
            this.bytes = null;
        } else {
            this.names = names.toArray(new String[0]);
            this.bytes = new byte[this.names.length][];
            for (int i = 0; i < this.names.length; i++) {
                bytes[i] = this.names[i].getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    static FieldSelection of(Collection<String> names) {
        return new FieldSelection(new LinkedHashSet<>(names));
    }

    boolean isAll() {
        return names == null;
    }

    /** Number of selected fields (only meaningful when not {@link #isAll()}). */
    int size() {
        return names == null ? Integer.MAX_VALUE : names.length;
    }

    /** The selected name whose UTF-8 bytes are {@code b[start, start+length)}, else null. */
    String match(byte[] b, int start, int length) {
        for (int i = 0; i < bytes.length; i++) {
            byte[] n = bytes[i];
            if (n.length == length && Arrays.equals(n, 0, length, b, start, start + length)) {
                return names[i];
            }
        }
        return null;
    }

    Set<String> names() {
        return names == null ? Set.of() : new LinkedHashSet<>(Arrays.asList(names));
    }

    /**
     * The fields needed to decide whether a document matches {@code query}, plus {@code idField}; ALL when
     * that cannot be told from the filter.
     */
    static FieldSelection forQuery(Document query, String idField) {
        Set<String> out = new LinkedHashSet<>();
        if (idField != null) {
            out.add(idField);
        }
        if (query != null && !collect(query, out)) {
            return ALL;
        }
        return new FieldSelection(out);
    }

    /**
     * The fields needed to match {@code query}, sort by {@code orderBy} and produce {@code projection}'s
     * output; ALL when the output is the whole document (no projection, or an exclusion projection) or
     * the filter cannot be analysed.
     */
    static FieldSelection forOutput(Document query, Document orderBy, Document projection, String idField) {
        if (projection == null || projection.isEmpty() || idField == null) {
            return ALL;
        }
        Set<String> out = new LinkedHashSet<>();
        out.add(idField);
        for (Map.Entry<String, Object> e : projection.entrySet()) {
            if (e.getKey().equals(idField)) {
                continue;
            }
            if (e.getKey().startsWith("$") || !Utils.isTrue(e.getValue())) {
                return ALL; // an exclusion projection keeps everything else
            }
            out.add(firstSegment(e.getKey()));
        }
        if (orderBy != null) {
            for (String key : orderBy.keySet()) {
                if (key.startsWith("$")) {
                    return ALL;
                }
                out.add(firstSegment(key));
            }
        }
        if (query != null && !collect(query, out)) {
            return ALL;
        }
        return new FieldSelection(out);
    }

    /** Adds the filter's top-level fields; false when it uses an operator that may read any field. */
    private static boolean collect(Document query, Set<String> out) {
        for (Map.Entry<String, Object> e : query.entrySet()) {
            String key = e.getKey();
            if (key.equals("$and") || key.equals("$or") || key.equals("$nor")) {
                if (!(e.getValue() instanceof List<?> parts)) {
                    return false;
                }
                for (Object part : parts) {
                    if (!(part instanceof Document d) || !collect(d, out)) {
                        return false;
                    }
                }
            } else if (key.startsWith("$")) {
                return false;
            } else {
                out.add(firstSegment(key));
            }
        }
        return true;
    }

    private static String firstSegment(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    @Override
    public String toString() {
        return names == null ? "ALL" : Arrays.toString(names);
    }
}
