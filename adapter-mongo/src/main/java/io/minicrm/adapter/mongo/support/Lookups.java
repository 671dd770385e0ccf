package io.minicrm.adapter.mongo.support;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Reads documents by many values of a uniquely indexed field ({@code {field: {$in: [...]}}}) in chunks.
 * MongoDB takes a thousand values at once. The embedded server looks each value up in the index but then
 * re-checks every document found against the whole {@code $in} list, so a query costs the square of its
 * size: there, chunks of {@value #EMBEDDED_CHUNK} are several times faster than one query of a thousand.
 */
public final class Lookups {
    public static final int EMBEDDED_CHUNK = 100;
    public static final int MONGODB_CHUNK = 1000;

    private final int chunk;

    public Lookups(int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1");
        }
        this.chunk = chunk;
    }

    /** Lookups sized for the embedded server or for MongoDB. */
    public static Lookups forServer(boolean embedded) {
        return new Lookups(embedded ? EMBEDDED_CHUNK : MONGODB_CHUNK);
    }

    public int chunk() {
        return chunk;
    }

    /** Every document whose {@code field} is one of {@code values} (distinct), projected, to {@code sink}. */
    public void find(MongoCollection<BsonDocument> c, String field, Collection<String> values, BsonDocument projection,
                     Consumer<BsonDocument> sink) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(values));
        for (int from = 0; from < distinct.size(); from += chunk) {
            List<BsonValue> in = new ArrayList<>();
            for (String v : distinct.subList(from, Math.min(distinct.size(), from + chunk))) {
                in.add(new BsonString(v));
            }
            FindIterable<BsonDocument> found = c.find(new BsonDocument(field, new BsonDocument("$in", new BsonArray(in))));
            if (projection != null) {
                found = found.projection(projection);
            }
            found.batchSize(Math.max(2, in.size())).forEach(sink);
        }
    }
}
