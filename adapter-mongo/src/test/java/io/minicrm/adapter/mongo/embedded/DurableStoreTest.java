package io.minicrm.adapter.mongo.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The durable store: what it acknowledges is on disk, one process per directory, damaged files, old files, backups. */
class DurableStoreTest {
    private static final int CACHE_MB = 4;

    private static MongoCollection<Document> customers(MongoClient client) {
        return client.getDatabase("crm").getCollection("customers");
    }

    @Test
    @Timeout(120) // writers and the committer once deadlocked on the collection's monitor and the commit lock
    void everyAcknowledgedWrite_isOnDiskWhenTheProcessDiesRightAfter(@TempDir Path dir) throws Exception {
        int writers = 4;
        int perWriter = 150;
        DurableStore store = DurableStore.open(dir, CACHE_MB);
        try (MongoClient client = MongoClients.create(store.uri())) {
            customers(client).createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        String id = "c-" + writer + "-" + i;
                        customers(client).insertOne(new Document("_id", id).append("email", id + "@example.com").append("n", i));
                        customers(client).updateOne(new Document("_id", id), new Document("$inc", new Document("n", 1000)));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        } finally {
            store.halt(); // no closing commit: only what was acknowledged as durable can be there
        }
        try (DurableStore reopened = DurableStore.open(dir, CACHE_MB); MongoClient client = MongoClients.create(reopened.uri())) {
            assertThat(customers(client).countDocuments()).isEqualTo(writers * perWriter);
            assertThat(customers(client).countDocuments(new Document("n", new Document("$lt", 1000)))).as("every update kept").isZero();
            assertThatThrownBy(() -> customers(client).insertOne(new Document("_id", "x").append("email", "c-0-0@example.com")))
                    .as("the unique index is as durable as the documents").isInstanceOf(MongoWriteException.class);
        }
    }

    @Test
    void aSecondStoreOnTheSameDirectory_isRefusedWithOneClearLine(@TempDir Path dir) {
        try (DurableStore first = DurableStore.open(dir, CACHE_MB)) {
            assertThatThrownBy(() -> DurableStore.open(dir, CACHE_MB))
                    .isInstanceOf(StoreException.Locked.class)
                    .hasMessageContaining(dir.toAbsolutePath().toString())
                    .hasMessageContaining("in use by another Mini CRM (process " + ProcessHandle.current().pid() + ")")
                    .hasMessageNotContaining("\n");
            assertThat(first.uri()).startsWith("mongodb://127.0.0.1:");
        }
        DurableStore.open(dir, CACHE_MB).close(); // released by close
    }

    @Test
    void aTruncatedFile_isReportedWithWhatToDo_neverOpenedAsAnEmptyStore(@TempDir Path dir) throws IOException {
        Path data = fill(dir, 3_000);
        Path file = data.resolve(DurableStore.DATA_FILE);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertUnreadable(data, file);
    }

    @Test
    void aFileOfGarbage_orAnEmptyFile_isReportedWithWhatToDo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(DurableStore.DATA_FILE);
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(file, garbage);
        assertUnreadable(dir, file);
        Files.write(file, new byte[0]);
        assertUnreadable(dir, file);
    }

    private static void assertUnreadable(Path dir, Path file) {
        assertThatThrownBy(() -> DurableStore.open(dir, CACHE_MB))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("restore");
        DurableStore.open(dir.resolve("other"), CACHE_MB).close(); // and the lock was released
    }

    @Test
    void aFileOfTheOldJavaSerialisedFormat_isMigratedOnOpen_withItsIndexes(@TempDir Path dir) {
        Path file = dir.resolve(DurableStore.DATA_FILE);
        Instant when = Instant.parse("2026-01-05T10:15:30.123Z");
        MongoServer old = new MongoServer(new H2Backend(file.toString()));
        old.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + old.getLocalAddress().getPort())) {
            customers(client).createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            for (int i = 0; i < 50; i++) {
                customers(client).insertOne(new Document("_id", String.format("c%03d", i)).append("email", "p" + i + "@example.com")
                        .append("spent", new Decimal128(new BigDecimal("12.50"))).append("at", java.util.Date.from(when))
                        .append("tags", List.of("a", "b")).append("seq", new ObjectId()));
            }
        } finally {
            old.shutdownNow();
        }
        try (DurableStore store = DurableStore.open(dir, CACHE_MB); MongoClient client = MongoClients.create(store.uri())) {
            assertThat(customers(client).countDocuments()).isEqualTo(50);
            Document first = customers(client).find().sort(new Document("_id", 1)).first();
            assertThat(first.getString("email")).isEqualTo("p0@example.com");
            assertThat(first.get("spent")).isEqualTo(new Decimal128(new BigDecimal("12.50")));
            assertThat(first.getDate("at").toInstant()).isEqualTo(when);
            assertThatThrownBy(() -> customers(client).insertOne(new Document("_id", "x").append("email", "p7@example.com")))
                    .isInstanceOf(MongoWriteException.class);
        }
        assertThat(dir.resolve(DurableStore.DATA_FILE + ".format0-backup")).exists();
        try (DurableStore again = DurableStore.open(dir, CACHE_MB); MongoClient client = MongoClients.create(again.uri())) {
            assertThat(customers(client).countDocuments()).isEqualTo(50);
        }
    }

    @Test
    void aFileOfANewerFormat_isRefused(@TempDir Path dir) {
        DurableStore.open(dir, CACHE_MB).close();
        org.h2.mvstore.MVStore raw = org.h2.mvstore.MVStore.open(dir.resolve(DurableStore.DATA_FILE).toString());
        StoreFormat.meta(raw).put("format", "99");
        raw.close();
        assertThatThrownBy(() -> DurableStore.open(dir, CACHE_MB)).isInstanceOf(StoreException.class)
                .hasMessageContaining("newer Mini CRM (store format 99");
    }

    @Test
    void aBackup_isASnapshotThatOpensAsAStore(@TempDir Path dir) {
        Path data = fill(dir, 2_000);
        Path backup = dir.resolve("backup.mv");
        try (DurableStore store = DurableStore.open(data, CACHE_MB)) {
            DurableStore.BackupInfo info = store.backup(backup);
            assertThat(info.documents()).containsEntry("crm.customers", 2_000L);
        }
        Path restored = dir.resolve("restored");
        DurableStore.restore(backup, restored);
        try (DurableStore store = DurableStore.open(restored, CACHE_MB); MongoClient client = MongoClients.create(store.uri())) {
            assertThat(customers(client).countDocuments()).isEqualTo(2_000);
            assertThatThrownBy(() -> customers(client).insertOne(new Document("_id", "x").append("email", "p1@example.com")))
                    .as("indexes are in the backup").isInstanceOf(MongoWriteException.class);
        }
        assertThatThrownBy(() -> DurableStore.restore(backup, restored)).isInstanceOf(StoreException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void compaction_shrinksAFileOfOldVersions_toNearItsLiveData(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (DurableStore store = DurableStore.open(data, CACHE_MB); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> rows = client.getDatabase("crm").getCollection("deliveries");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                batch.add(new Document("_id", String.format("d%06d", i)).append("status", "PENDING").append("version", 0)
                        .append("text", "x".repeat(100)));
            }
            rows.insertMany(batch);
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 20_000; i += 500) {
                    List<com.mongodb.client.model.WriteModel<Document>> updates = new ArrayList<>();
                    for (int j = i; j < i + 500; j++) {
                        updates.add(new com.mongodb.client.model.UpdateOneModel<>(new Document("_id", String.format("d%06d", j)),
                                new Document("$set", new Document("version", round))));
                    }
                    rows.bulkWrite(updates);
                }
            }
            long live = liveBytes(store, dir.resolve("live.mv"));
            var result = store.compact();
            assertThat(result.bytesAfter()).as("%s, live data %d bytes", result, live).isLessThanOrEqualTo(2 * live);
            assertThat(result.bytesAfter()).isLessThan(result.bytesBefore());
            assertThat(rows.countDocuments(new Document("version", 3))).isEqualTo(20_000);
            rows.insertOne(new Document("_id", "after-compaction").append("status", "PENDING"));
            rows.updateOne(new Document("_id", "d000007"), new Document("$set", new Document("version", 4)));
        }
        try (DurableStore store = DurableStore.open(data, CACHE_MB); MongoClient client = MongoClients.create(store.uri())) {
            MongoCollection<Document> rows = client.getDatabase("crm").getCollection("deliveries");
            assertThat(rows.countDocuments(new Document("version", 3))).isEqualTo(19_999);
            assertThat(rows.countDocuments(new Document("_id", new Document("$in", List.of("after-compaction", "d000007"))))).isEqualTo(2);
        }
    }

    /** The size of the data when written afresh: a backup is exactly that. */
    private static long liveBytes(DurableStore store, Path scratch) {
        return store.backup(scratch).bytes();
    }

    /** A store in {@code dir/data} with {@code n} customers and a unique e-mail index; returns its directory. */
    private static Path fill(Path dir, int n) {
        Path data = dir.resolve("data");
        try (DurableStore store = DurableStore.open(data, CACHE_MB); MongoClient client = MongoClients.create(store.uri())) {
            customers(client).createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                docs.add(new Document("_id", String.format("c%06d", i)).append("email", "p" + i + "@example.com")
                        .append("name", "Person " + i).append("visits", i % 7));
            }
            customers(client).insertMany(docs);
        }
        return data;
    }
}
