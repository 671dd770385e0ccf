package io.minicrm.adapter.mongo.lease;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.application.port.LeaseRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * Leases on MongoDB: one document per name ({@code _id}), {@code owner} and {@code until}. Taking a
 * lease is one atomic conditional upsert: it matches when the lease is held by the same owner or has
 * expired, and inserts when there is none; when someone else holds it, nothing matches and the upsert's
 * insert fails on the duplicate {@code _id}: not acquired. Two instances racing for a free lease: one
 * inserts, the other gets the duplicate key. Taking over a dead holder's lease is one conditional update that
 * matches only the lease exactly as the taker saw it (same owner, same {@code until}).
 */
public final class MongoLeaseRepository implements LeaseRepository {
    static final int SCHEMA_VERSION = 1;
    private final MongoCollection<BsonDocument> leases;

    public MongoLeaseRepository(MongoCollection<BsonDocument> leases) {
        this.leases = leases;
    }

    @Override
    public boolean tryAcquire(String name, String owner, Instant now, Duration ttl) {
        BsonDocument filter = new BsonDocument("_id", new BsonString(name))
                .append("$or", new BsonArray(List.of(new BsonDocument("owner", new BsonString(owner)),
                        new BsonDocument("until", new BsonDocument("$lte", Bsons.date(now))))));
        BsonDocument set = new BsonDocument(Schema.FIELD, new BsonInt32(SCHEMA_VERSION))
                .append("owner", new BsonString(owner))
                .append("until", Bsons.date(now.plus(ttl)));
        try {
            leases.updateOne(filter, new BsonDocument("$set", set), new UpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void release(String name, String owner) {
        leases.deleteOne(new BsonDocument("_id", new BsonString(name)).append("owner", new BsonString(owner)));
    }

    @Override
    public Optional<Lease> find(String name) {
        BsonDocument d = leases.find(new BsonDocument("_id", new BsonString(name))).first();
        return Optional.ofNullable(d).map(MongoLeaseRepository::lease);
    }

    @Override
    public boolean takeOver(Lease held, String owner, Instant now, Duration ttl) {
        BsonDocument filter = new BsonDocument("_id", new BsonString(held.name()))
                .append("owner", new BsonString(held.owner()))
                .append("until", Bsons.date(held.until()));
        BsonDocument set = new BsonDocument(Schema.FIELD, new BsonInt32(SCHEMA_VERSION))
                .append("owner", new BsonString(owner))
                .append("until", Bsons.date(now.plus(ttl)));
        return leases.updateOne(filter, new BsonDocument("$set", set)).getModifiedCount() == 1;
    }

    @Override
    public List<Lease> list(int limit) {
        List<Lease> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        for (BsonDocument d : leases.find().sort(new BsonDocument("_id", new BsonInt32(1))).limit(limit)) {
            out.add(lease(d));
        }
        return out;
    }

    private static Lease lease(BsonDocument d) {
        return new Lease(d.getString("_id").getValue(), d.getString("owner").getValue(), Bsons.instant(d, "until"));
    }
}
