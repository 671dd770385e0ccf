package io.minicrm.adapter.mongo.support;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Documents of one kind changed by read, change, compare-and-set on their {@code version} field, retried with
 * {@link Retry#pause} when a concurrent write won: the one read-modify-write loop of the adapter. A change that
 * returns an equal object writes nothing.
 *
 * @param <T> the domain object a document holds
 */
public final class VersionedDocuments<T> {
    private static final String ID = "_id";
    private static final String VERSION = "version";
    private static final int MAX_ATTEMPTS = 100;

    private final MongoCollection<BsonDocument> collection;
    private final String kind;
    private final Function<BsonDocument, T> decode;
    private final BiFunction<T, Long, BsonDocument> encode;
    private final Function<T, String> idOf;
    private final Function<T, RuntimeException> onDuplicateKey;

    private VersionedDocuments(MongoCollection<BsonDocument> collection, String kind, Function<BsonDocument, T> decode,
                               BiFunction<T, Long, BsonDocument> encode, Function<T, String> idOf,
                               Function<T, RuntimeException> onDuplicateKey) {
        this.collection = Objects.requireNonNull(collection, "collection");
        this.kind = kind;
        this.decode = decode;
        this.encode = encode;
        this.idOf = idOf;
        this.onDuplicateKey = onDuplicateKey;
    }

    /**
     * @param kind   what a document is, for messages ({@code "campaign"})
     * @param decode a document to its object
     * @param encode an object to its document at a version
     * @param idOf   the {@code _id} an object is stored under
     */
    public static <T> VersionedDocuments<T> of(MongoCollection<BsonDocument> collection, String kind,
                                               Function<BsonDocument, T> decode, BiFunction<T, Long, BsonDocument> encode,
                                               Function<T, String> idOf) {
        return new VersionedDocuments<>(collection, kind, decode, encode, idOf, null);
    }

    /** The same, turning a duplicate-key refusal of a write (a unique index) into {@code refusal}'s exception. */
    public VersionedDocuments<T> onDuplicateKey(Function<T, RuntimeException> refusal) {
        return new VersionedDocuments<>(collection, kind, decode, encode, idOf, refusal);
    }

    /**
     * Applies {@code change} (pure; it may run more than once) to the document {@code id} and writes the result
     * only where the version read is still stored. Empty when there is no such document.
     *
     * @throws IllegalStateException when concurrent writers won {@value #MAX_ATTEMPTS} times in a row
     */
    public Optional<T> update(String id, UnaryOperator<T> change) {
        BsonDocument byId = new BsonDocument(ID, new BsonString(id));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Retry.pause(attempt);
            BsonDocument doc = collection.find(byId).first();
            if (doc == null) {
                return Optional.empty();
            }
            T current = decode.apply(doc);
            T next = change.apply(current);
            if (!idOf.apply(next).equals(id)) {
                throw new IllegalArgumentException("a change must keep the " + kind + " id " + id);
            }
            if (next.equals(current)) {
                return Optional.of(current);
            }
            long version = Bsons.int64(doc, VERSION, 0);
            if (replace(byId.clone().append(VERSION, new BsonInt64(version)), next, version + 1)) {
                return Optional.of(next);
            }
        }
        throw new IllegalStateException(kind + " " + id + " is being changed concurrently; gave up after "
                + MAX_ATTEMPTS + " attempts");
    }

    private boolean replace(BsonDocument filter, T next, long version) {
        try {
            return collection.replaceOne(filter, encode.apply(next, version)).getMatchedCount() == 1;
        } catch (MongoWriteException e) {
            if (onDuplicateKey != null && MongoErrors.isDuplicateKey(e)) {
                throw onDuplicateKey.apply(next);
            }
            throw e;
        }
    }
}
