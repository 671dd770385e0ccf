package io.minicrm.adapter.mongo.ingest;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.VersionedDocuments;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.shared.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Tracking records of queued ingestions on MongoDB. {@link #recordBatch} is compare-and-set on
 * {@code version}: a batch already in {@code batchesDone} changes nothing, so a message delivered twice
 * is counted once. Layout version 1: {@code _id}, {@code schemaVersion}, {@code version}, {@code kind},
 * {@code accepted}, {@code written}, {@code rejectedCount}, {@code rejected} ([{index, errors:
 * [{path, message}]}], at most {@link Ingestion#MAX_STORED_REJECTIONS}), {@code batches},
 * {@code batchesDone}, {@code createdAt}, {@code updatedAt}.
 */
public final class MongoIngestionRepository implements IngestionRepository {
    static final int SCHEMA_VERSION = 1;
    private static final BsonDocument NEWEST_FIRST = new BsonDocument("createdAt", new BsonInt32(-1))
            .append("_id", new BsonInt32(-1));
    private final MongoCollection<BsonDocument> ingestions;
    private final VersionedDocuments<Ingestion> versioned;

    public MongoIngestionRepository(MongoCollection<BsonDocument> ingestions) {
        this.ingestions = ingestions;
        this.versioned = VersionedDocuments.of(ingestions, "ingestion", MongoIngestionRepository::fromDocument,
                MongoIngestionRepository::toDocument, Ingestion::id);
    }

    /** Creates the indexes; {@code casIndex}: also the compare-and-set index the embedded server needs (see MongoStore). */
    public static void createIndexes(MongoCollection<BsonDocument> ingestions, boolean casIndex) {
        ingestions.createIndex(NEWEST_FIRST, new IndexOptions().name("createdAt_id_desc"));
        if (casIndex) {
            ingestions.createIndex(new BsonDocument("_id", new BsonInt32(1)).append("version", new BsonInt32(1)),
                    new IndexOptions().unique(true).name("id_version_cas"));
        }
    }

    @Override
    public void insert(Ingestion ingestion) {
        // as the in-process store: inserting an id again replaces the record
        ingestions.replaceOne(new BsonDocument("_id", new BsonString(ingestion.id())), toDocument(ingestion, 0),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<Ingestion> findById(String id) {
        return Optional.ofNullable(ingestions.find(new BsonDocument("_id", new BsonString(id))).first())
                .map(MongoIngestionRepository::fromDocument);
    }

    @Override
    public List<Ingestion> findRecent(int limit) {
        List<Ingestion> out = new ArrayList<>();
        for (BsonDocument d : ingestions.find().sort(NEWEST_FIRST).limit(limit)
                .projection(new BsonDocument("rejected", new BsonInt32(0)))) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public void recordBatch(String id, int batchIndex, long written, List<RowError> rejected, Instant now) {
        versioned.update(id, i -> {
            if (i.batchesDone().contains(batchIndex)) {
                return i;
            }
            Set<Integer> done = new HashSet<>(i.batchesDone());
            done.add(batchIndex);
            List<RowError> kept = new ArrayList<>(i.rejected());
            for (RowError e : rejected) {
                if (kept.size() < Ingestion.MAX_STORED_REJECTIONS) {
                    kept.add(e);
                }
            }
            return new Ingestion(id, i.kind(), i.accepted(), i.written() + written,
                    i.rejectedCount() + rejected.size(), kept, i.batches(), done, i.createdAt(), now);
        });
    }

    static BsonDocument toDocument(Ingestion i, long version) {
        BsonDocument d = new BsonDocument("_id", new BsonString(i.id()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put("version", new BsonInt64(version));
        d.put("kind", new BsonString(i.kind().wire()));
        d.put("accepted", new BsonInt64(i.accepted()));
        d.put("written", new BsonInt64(i.written()));
        d.put("rejectedCount", new BsonInt64(i.rejectedCount()));
        BsonArray rejected = new BsonArray();
        for (RowError e : i.rejected()) {
            BsonArray errors = new BsonArray();
            for (Problem p : e.errors()) {
                errors.add(new BsonDocument("path", new BsonString(p.path())).append("message", new BsonString(p.message())));
            }
            rejected.add(new BsonDocument("index", new BsonInt32(e.index())).append("errors", errors));
        }
        d.put("rejected", rejected);
        d.put("batches", new BsonInt32(i.batches()));
        BsonArray done = new BsonArray();
        i.batchesDone().stream().sorted().forEach(b -> done.add(new BsonInt32(b)));
        d.put("batchesDone", done);
        d.put("createdAt", Bsons.date(i.createdAt()));
        Bsons.putIfPresent(d, "updatedAt", i.updatedAt());
        return d;
    }

    static Ingestion fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        List<RowError> rejected = new ArrayList<>();
        BsonValue raw = d.get("rejected");
        if (raw != null && raw.isArray()) {
            for (BsonValue v : raw.asArray()) {
                BsonDocument e = v.asDocument();
                List<Problem> problems = new ArrayList<>();
                for (BsonValue p : e.getArray("errors", new BsonArray())) {
                    problems.add(new Problem(Bsons.string(p.asDocument(), "path"), Bsons.string(p.asDocument(), "message")));
                }
                rejected.add(new RowError(Bsons.int32(e, "index"), problems));
            }
        }
        Set<Integer> done = new HashSet<>();
        for (BsonValue v : d.getArray("batchesDone", new BsonArray())) {
            done.add(v.asNumber().intValue());
        }
        return new Ingestion(Bsons.string(d, "_id"), Ingestion.Kind.valueOf(Bsons.string(d, "kind").toUpperCase(Locale.ROOT)),
                Bsons.int64(d, "accepted", 0), Bsons.int64(d, "written", 0), Bsons.int64(d, "rejectedCount", 0),
                rejected, Bsons.int32(d, "batches"), done, Bsons.instant(d, "createdAt"), Bsons.optInstant(d, "updatedAt"));
    }
}
