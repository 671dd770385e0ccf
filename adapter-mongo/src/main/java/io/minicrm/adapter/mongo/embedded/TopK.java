package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The first {@code k} documents of a stream in a sort order, with the same result as mongo-java-server's
 * stable full sort followed by a limit (documents that compare equal keep their encounter order), in
 * O(k) memory and about two comparisons per document.
 *
 * <p>Sort keys are read once per document (the server's comparator re-reads both documents' keys on
 * every comparison) and compared with the server's own {@link ValueComparator}, so type order, missing
 * values and arrays sort exactly as the server sorts them. Candidates collect in a buffer of {@code 2k};
 * when it fills it is sorted (a stable merge sort, nearly linear on the ordered runs that insertion order
 * produces) and cut back to {@code k}, and from then on a document must beat the k-th best to be kept.
 */
final class TopK {
    private record Ranked(Object[] keys, Document document, long seq) {
    }

    private TopK() {
    }

    /**
     * @param orderBy a sort specification ({@code {field: 1|-1, ...}}), not {@code $natural}
     */
    static List<Document> select(Stream<Document> documents, Document orderBy, int k) {
        if (k <= 0) {
            return List.of();
        }
        String[] fields = new String[orderBy.size()];
        ValueComparator[] directions = new ValueComparator[orderBy.size()];
        int f = 0;
        for (Map.Entry<String, Object> e : orderBy.entrySet()) {
            fields[f] = e.getKey();
            directions[f] = ((Number) e.getValue()).intValue() > 0 ? ValueComparator.asc() : ValueComparator.desc();
            f++;
        }
        Comparator<Ranked> rank = (a, b) -> {
            for (int i = 0; i < directions.length; i++) {
                int c = directions[i].compare(a.keys[i], b.keys[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Long.compare(a.seq, b.seq);
        };
        int capacity = k <= Integer.MAX_VALUE / 2 ? 2 * k : Integer.MAX_VALUE - 8;
        List<Ranked> buffer = new ArrayList<>(Math.min(capacity, 4096));
        Ranked threshold = null; // the k-th best once the buffer has been cut back
        long seq = 0;
        for (Iterator<Document> it = documents.iterator(); it.hasNext(); ) {
            Document d = it.next();
            Object[] keys = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                keys[i] = Utils.getSubdocumentValueCollectionAware(d, fields[i]);
            }
            Ranked r = new Ranked(keys, d, seq++);
            if (threshold != null && rank.compare(r, threshold) > 0) {
                continue;
            }
            buffer.add(r);
            if (buffer.size() >= capacity) {
                threshold = cut(buffer, rank, k);
            }
        }
        cut(buffer, rank, k);
        List<Document> out = new ArrayList<>(buffer.size());
        for (Ranked r : buffer) {
            out.add(r.document());
        }
        return out;
    }

    /** Sorts the buffer, keeps its best {@code k} and answers the worst of those. */
    private static Ranked cut(List<Ranked> buffer, Comparator<Ranked> rank, int k) {
        buffer.sort(rank);
        if (buffer.size() > k) {
            buffer.subList(k, buffer.size()).clear();
        }
        return buffer.isEmpty() ? null : buffer.get(buffer.size() - 1);
    }

    /** {@code skip + limit} without overflow. */
    static int window(int skip, int limit) {
        long k = (long) Math.max(0, skip) + limit;
        return (int) Math.min(Integer.MAX_VALUE, k);
    }
}
