package io.minicrm.adapter.mongo.embedded;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.DocumentComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bounded-sort memory backend and the durable store answer every query exactly as the stock backends do:
 * same documents, same order (ties keep insertion order), with skip, projection, filters, missing
 * and mixed-type sort keys.
 */
class BoundedSortBackendTest {
    private static final long SEED = Long.getLong("minicrm.seed", 20261125L);

    @Test
    void memoryBackend_answersLikeTheStockBackend() {
        compare(new MemoryBackend(), new BoundedSortMemoryBackend());
    }

    @Test
    void durableStore_answersLikeTheStockH2Backend(@TempDir Path dir) {
        // the stock H2 backend keeps documents in _id order too, so even unsorted queries agree
        try (Served stock = new Served(new H2Backend(dir.resolve("stock.mv").toString()));
             DurableStore durable = DurableStore.open(dir.resolve("durable"), 4);
             Served ours = new Served(durable.uri())) {
            compare(stock, ours);
        }
    }

    @Test
    void topK_isTheServersStableSortFollowedByALimit() {
        Random random = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            de.bwaldvogel.mongo.bson.Document orderBy = new de.bwaldvogel.mongo.bson.Document("n", random.nextBoolean() ? 1 : -1);
            if (random.nextBoolean()) {
                orderBy.put("m", random.nextBoolean() ? 1 : -1);
            }
            List<de.bwaldvogel.mongo.bson.Document> docs = new ArrayList<>();
            int size = random.nextInt(200);
            boolean ordered = random.nextBoolean(); // insertion order as a listing sees it: one long run
            for (int i = 0; i < size; i++) {
                de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document("i", i);
                if (random.nextInt(6) > 0) {
                    d.put("n", ordered ? i / 3 : random.nextInt(8));
                }
                if (random.nextInt(3) > 0) {
                    d.put("m", random.nextInt(4));
                }
                docs.add(d);
            }
            int k = random.nextInt(80);
            List<de.bwaldvogel.mongo.bson.Document> expected =
                    docs.stream().sorted(new DocumentComparator(orderBy)).limit(k).toList();
            assertThat(TopK.select(docs.stream(), orderBy, k)).as("round %d, k %d (seed %d)", round, k, SEED)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(TopK.select(Stream.empty(), new de.bwaldvogel.mongo.bson.Document("n", 1), 5)).isEmpty();
        assertThat(TopK.window(Integer.MAX_VALUE, 10)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void idOrder_shortcutForStringsAgreesWithTheServersComparator() {
        Random random = new Random(SEED);
        String alphabet = "aAzZ09-_.é\u00ff\u0100\ud83d\ude00\uffff";
        List<Object> values = new ArrayList<>(List.of(1, 2L, 3.5, "", "a", new org.bson.types.ObjectId().toHexString()));
        for (int i = 0; i < 300; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(6); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(b.toString());
        }
        for (Object a : values) {
            for (Object b : values) {
                assertThat(Integer.signum(IdOrder.ORDER.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(de.bwaldvogel.mongo.backend.ValueComparator.asc().compare(a, b)));
            }
        }
    }

    private static void compare(MongoBackend stockBackend, MongoBackend boundedBackend) {
        try (Served stock = new Served(stockBackend); Served bounded = new Served(boundedBackend)) {
            compare(stock, bounded);
        }
    }

    private static void compare(Served stock, Served bounded) {
        {
            Random random = new Random(SEED);
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Document d = new Document("_id", String.format("c%05d", random.nextInt(100_000)) + "-" + i);
                if (random.nextInt(5) > 0) {
                    d.append("score", random.nextInt(20)); // many ties
                }
                if (random.nextInt(10) == 0) {
                    d.append("score", "text-" + random.nextInt(3)); // mixed types sort by type order
                }
                d.append("group", random.nextInt(4)).append("name", "n" + random.nextInt(50));
                docs.add(d);
            }
            stock.collection().insertMany(docs);
            bounded.collection().insertMany(docs);
            // deletes free slots that later inserts reuse; updates change documents in place
            for (int i = 0; i < 60; i++) {
                Document victim = docs.get(random.nextInt(docs.size()));
                stock.collection().deleteOne(new Document("_id", victim.get("_id")));
                bounded.collection().deleteOne(new Document("_id", victim.get("_id")));
            }
            List<Document> more = new ArrayList<>();
            for (int i = 0; i < 80; i++) {
                more.add(new Document("_id", String.format("c%05d", random.nextInt(100_000)) + "-late-" + i)
                        .append("score", random.nextInt(20)).append("group", random.nextInt(4)).append("name", "late"));
            }
            stock.collection().insertMany(more);
            bounded.collection().insertMany(more);
            Document bump = new Document("$inc", new Document("score", 3));
            Document numericGroup2 = new Document("group", 2).append("score", new Document("$type", "int"));
            assertThat(stock.collection().updateMany(numericGroup2, bump).getModifiedCount()).isPositive();
            bounded.collection().updateMany(numericGroup2, bump);

            List<Function<MongoCollection<Document>, FindIterable<Document>>> queries = new ArrayList<>();
            for (int q = 0; q < 300; q++) {
                Document filter = switch (random.nextInt(7)) {
                    case 0 -> new Document();
                    case 1 -> new Document("group", random.nextInt(4));
                    case 2 -> new Document("_id", new Document(random.nextBoolean() ? "$lt" : "$gte",
                            String.format("c%05d", random.nextInt(100_000))));
                    case 3 -> new Document("_id", new Document("$lte", docs.get(random.nextInt(docs.size())).get("_id")))
                            .append("group", random.nextInt(4));
                    case 4 -> new Document("_id", docs.get(random.nextInt(docs.size())).get("_id"))
                            .append("group", random.nextInt(2) == 0 ? 1 : new Document("$gte", 0));
                    case 5 -> new Document("_id", new Document("$in", List.of(docs.get(random.nextInt(docs.size())).get("_id"),
                            docs.get(random.nextInt(docs.size())).get("_id"), "absent", docs.get(0).get("_id"))))
                            .append("score", new Document("$gte", random.nextInt(20)));
                    default -> new Document("score", new Document("$gte", random.nextInt(20)));
                };
                Document sort = switch (random.nextInt(4)) {
                    case 0 -> new Document("_id", -1);
                    case 1 -> new Document("_id", 1);
                    case 2 -> new Document("score", random.nextBoolean() ? 1 : -1);
                    default -> new Document("score", -1).append("name", 1);
                };
                int limit = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 10 : 500); // 0: none
                int skip = random.nextInt(4) == 0 ? random.nextInt(50) : 0;
                boolean project = random.nextBoolean();
                queries.add(c -> {
                    FindIterable<Document> find = c.find(filter).sort(sort).limit(limit).skip(skip);
                    return project ? find.projection(new Document("_id", 1).append("score", 1)) : find;
                });
            }
            for (int q = 0; q < queries.size(); q++) {
                List<Document> expected = queries.get(q).apply(stock.collection()).into(new ArrayList<>());
                List<Document> actual = queries.get(q).apply(bounded.collection()).into(new ArrayList<>());
                assertThat(actual).as("query %d (seed %d)", q, SEED).isEqualTo(expected);
            }
            // compare-and-set writes by {_id, other field} (answered from the id map on ours)
            for (int i = 0; i < 200; i++) {
                Document d = docs.get(random.nextInt(docs.size()));
                Document cas = new Document("_id", d.get("_id")).append("group", random.nextInt(4));
                Document set = new Document("$set", new Document("group", random.nextInt(4)));
                assertThat(bounded.collection().updateOne(cas, set).getModifiedCount())
                        .as("write %d (seed %d)", i, SEED).isEqualTo(stock.collection().updateOne(cas, set).getModifiedCount());
            }
            assertThat(bounded.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                    .isEqualTo(stock.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>()));
            assertThat(bounded.collection().countDocuments(new Document("_id", docs.get(1).get("_id")).append("group", 2)))
                    .isEqualTo(stock.collection().countDocuments(new Document("_id", docs.get(1).get("_id")).append("group", 2)));
            // unlimited and unsorted queries take the stock path
            assertThat(bounded.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                    .isEqualTo(stock.collection().find().sort(new Document("_id", 1)).into(new ArrayList<>()));
            assertThat(bounded.collection().find(new Document("group", 1)).limit(7).into(new ArrayList<>()))
                    .isEqualTo(stock.collection().find(new Document("group", 1)).limit(7).into(new ArrayList<>()));
        }
    }

    private static final class Served implements AutoCloseable {
        private final MongoServer server;
        private final MongoClient client;

        Served(MongoBackend backend) {
            server = new MongoServer(backend);
            server.bind("127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        }

        Served(String uri) {
            server = null;
            client = MongoClients.create(uri);
        }

        MongoCollection<Document> collection() {
            return client.getDatabase("t").getCollection("docs");
        }

        @Override
        public void close() {
            client.close();
            if (server != null) {
                server.shutdownNow();
            }
        }
    }
}
