package io.minicrm.adapter.mongo;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;

/**
 * Copies every collection of one database, with its indexes, to another deployment (the embedded store
 * to MongoDB): documents byte for byte in {@code _id} order, in batches written as {@code _id} upserts,
 * so running it again writes nothing twice. Progress per collection (the last {@code _id} copied) is kept
 * in the target's {@value #PROGRESS} collection, so an interrupted run resumes where it stopped; a
 * finished collection whose counts still agree is skipped. Every collection ends with a count check.
 */
public final class StoreMigration {
    /** The target's collection of per-collection progress. */
    public static final String PROGRESS = "minicrm_migration";
    private static final int BATCH = 1_000;

    private final MongoDatabase source;
    private final MongoDatabase target;
    private final Consumer<String> progress;

    /** A collection's outcome: documents in the source and the target after copying, and how many were written now. */
    public record Copied(String collection, long sourceCount, long targetCount, long written, boolean resumed) {
        public boolean countsAgree() {
            return sourceCount == targetCount;
        }
    }

    public StoreMigration(MongoClient sourceClient, String sourceDb, MongoClient targetClient, String targetDb,
                          Consumer<String> progress) {
        this.source = sourceClient.getDatabase(sourceDb);
        this.target = targetClient.getDatabase(targetDb).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        this.progress = Objects.requireNonNull(progress);
    }

    /**
     * The database a migration to {@code targetUri} writes to: {@code given} when set, else the URI's, else
     * {@code fallback}.
     *
     * @throws IllegalArgumentException when the URI is not a MongoDB connection string
     */
    public static String targetDatabase(String targetUri, String given, String fallback) {
        com.mongodb.ConnectionString cs = new com.mongodb.ConnectionString(targetUri);
        if (given != null && !given.isBlank()) {
            return given;
        }
        return cs.getDatabase() != null && !cs.getDatabase().isBlank() ? cs.getDatabase() : fallback;
    }

    /** Copies database {@code sourceDb} of the server at {@code sourceUri} to {@code targetDb} at {@code targetUri}. */
    public static List<Copied> copy(String sourceUri, String sourceDb, String targetUri, String targetDb, Consumer<String> progress) {
        try (MongoClient from = com.mongodb.client.MongoClients.create(sourceUri);
             MongoClient to = com.mongodb.client.MongoClients.create(MongoStore.settings(new com.mongodb.ConnectionString(targetUri)))) {
            return new StoreMigration(from, sourceDb, to, targetDb, progress).run();
        }
    }

    /** Copies every collection; the result says per collection whether the counts agree. */
    public List<Copied> run() {
        List<String> names = new ArrayList<>();
        for (String name : source.listCollectionNames()) {
            if (!name.startsWith("system.") && !name.equals(PROGRESS)) {
                names.add(name);
            }
        }
        names.sort(null);
        List<Copied> out = new ArrayList<>();
        for (String name : names) {
            out.add(copy(name));
        }
        return out;
    }

    private Copied copy(String name) {
        MongoCollection<RawBsonDocument> from = source.getCollection(name, RawBsonDocument.class);
        MongoCollection<RawBsonDocument> to = target.getCollection(name, RawBsonDocument.class);
        MongoCollection<Document> state = target.getCollection(PROGRESS);
        long total = from.countDocuments();
        copyIndexes(name);
        Document mine = state.find(Filters.eq("_id", name)).first();
        BsonValue after = null;
        boolean resumed = false;
        if (mine != null) {
            if (Boolean.TRUE.equals(mine.getBoolean("done")) && to.countDocuments() == total) {
                progress.accept(name + ": already copied (" + total + " documents)");
                return new Copied(name, total, total, 0, true);
            }
            if (!Boolean.TRUE.equals(mine.getBoolean("done")) && mine.containsKey("lastId")) {
                after = mine.toBsonDocument(BsonDocument.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry())
                        .get("lastId");
                resumed = true;
                progress.accept(name + ": resuming after _id " + after);
            }
        }
        long written = 0;
        long lastReport = System.nanoTime();
        Bson filter = after == null ? new Document() : Filters.gt("_id", after);
        List<WriteModel<RawBsonDocument>> batch = new ArrayList<>(BATCH);
        BsonValue last = null;
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        try (MongoCursor<RawBsonDocument> docs = from.find(filter).sort(Sorts.ascending("_id")).batchSize(BATCH).iterator()) {
            while (docs.hasNext()) {
                RawBsonDocument d = docs.next();
                last = d.get("_id");
                batch.add(new ReplaceOneModel<>(new BsonDocument("_id", last), d, upsert));
                if (batch.size() == BATCH || !docs.hasNext()) {
                    to.bulkWrite(batch, new BulkWriteOptions().ordered(false));
                    written += batch.size();
                    batch.clear();
                    state.updateOne(Filters.eq("_id", name), Updates.combine(Updates.set("lastId", last), Updates.set("done", false)),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
                    if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                        lastReport = System.nanoTime();
                        progress.accept(name + ": " + written + " of " + total + " documents copied");
                    }
                }
            }
        }
        state.updateOne(Filters.eq("_id", name), Updates.set("done", true), new com.mongodb.client.model.UpdateOptions().upsert(true));
        long targetCount = to.countDocuments();
        progress.accept(name + ": " + written + " documents written; source " + total + ", target " + targetCount
                + (total == targetCount ? " (ok)" : " (MISMATCH)"));
        return new Copied(name, total, targetCount, written, resumed);
    }

    /** The collection (even when empty) and the source's indexes (all but {@code _id_}) on the target, with names and options. */
    private void copyIndexes(String name) {
        if (!target.listCollectionNames().into(new ArrayList<>()).contains(name)) {
            target.createCollection(name);
        }
        MongoCollection<Document> to = target.getCollection(name);
        for (Document index : source.getCollection(name).listIndexes()) {
            String indexName = index.getString("name");
            if ("_id_".equals(indexName)) {
                continue;
            }
            IndexOptions options = new IndexOptions().name(indexName);
            if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                options.unique(true);
            }
            if (Boolean.TRUE.equals(index.getBoolean("sparse"))) {
                options.sparse(true);
            }
            if (index.get("expireAfterSeconds") instanceof Number ttl) {
                options.expireAfter(ttl.longValue(), TimeUnit.SECONDS);
            }
            if (index.get("partialFilterExpression") instanceof Document partial) {
                options.partialFilterExpression(partial);
            }
            to.createIndex((Document) index.get("key"), options);
        }
    }
}
