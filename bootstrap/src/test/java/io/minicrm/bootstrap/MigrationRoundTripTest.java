package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.mongo.StoreMigration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar minicrm.jar migrate --to <uri>}: every collection and index of the embedded store reaches the
 * target with equal counts and equal documents; a second run copies nothing; an interrupted run resumes. The
 * target is {@code CRM_TEST_MONGO_URI} when set (CI runs this against real MongoDB), else another embedded server.
 */
class MigrationRoundTripTest {

    @Test
    void migrate_copiesEveryCollectionAndIndex_isIdempotent_andResumes(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_DATA_DIR", data.toString())),
                Clock.systemUTC(), EndToEndTest.fast());
        app.start();
        try {
            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
            List<Map<String, Object>> customers = new ArrayList<>();
            List<Map<String, Object>> orders = new ArrayList<>();
            for (int i = 0; i < 1_200; i++) {
                customers.add(Map.of("email", "m" + i + "@migrate.test", "name", "M " + i, "city", i % 2 == 0 ? "Pune" : "Goa",
                        "visits", i % 5, "tags", List.of("t" + i % 3)));
                if (i % 3 == 0) {
                    orders.add(Map.of("orderId", "mo-" + i, "customerEmail", "m" + i + "@migrate.test", "amount", "49.90"));
                }
            }
            assertThat(api.post("/api/customers", customers).status()).isEqualTo(200);
            assertThat(api.post("/api/orders", orders).status()).isEqualTo(200);
            String campaign = api.post("/api/segments", Map.of("name", "Pune", "rules", Map.of("dsl", "city = \"Pune\""),
                    "campaign", Map.of("name", "Hello", "message", "Hi {{firstName|there}}"))).body().get("campaign").get("id").asText();
            assertThat(api.post("/api/send", Map.of("campaignId", campaign)).status()).isEqualTo(202);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                    () -> "completed".equals(api.get("/api/campaigns/" + campaign).body().get("status").asText()));
        } finally {
            app.stop();
        }

        String targetUri = System.getenv("CRM_TEST_MONGO_URI");
        EmbeddedMongo targetServer = targetUri == null ? EmbeddedMongo.startInMemory() : null;
        String uri = targetUri != null ? targetUri : targetServer.uri();
        String targetDb = "migrated_" + System.nanoTime();
        Map<String, String> env = Map.of("CRM_DATA_DIR", data.toString());
        try (MongoClient target = MongoClients.create(uri)) {
            String first = run(env, uri, targetDb, 0);
            System.out.println(first);
            assertThat(first).contains("migration complete").doesNotContain("MISMATCH");
            try (EmbeddedMongo source = EmbeddedMongo.start(Optional.of(data)); MongoClient from = MongoClients.create(source.uri())) {
                MongoDatabase s = from.getDatabase(MongoStore.DEFAULT_DATABASE);
                MongoDatabase t = target.getDatabase(targetDb);
                Set<String> collections = new TreeSet<>();
                s.listCollectionNames().into(collections);
                assertThat(collections).contains(MongoStore.CUSTOMERS, MongoStore.ORDERS, MongoStore.SEGMENTS,
                        MongoStore.CAMPAIGNS, MongoStore.DELIVERIES);
                for (String c : collections) {
                    List<Document> sourceDocs = s.getCollection(c).find().sort(new Document("_id", 1)).into(new ArrayList<>());
                    List<Document> targetDocs = t.getCollection(c).find().sort(new Document("_id", 1)).into(new ArrayList<>());
                    assertThat(targetDocs).as("collection %s", c).hasSameSizeAs(sourceDocs);
                    for (int i = 0; i < sourceDocs.size(); i += 37) { // a sample, every 37th document
                        assertThat(targetDocs.get(i)).as("%s document %d", c, i).isEqualTo(sourceDocs.get(i));
                    }
                    Set<String> sourceIndexes = new TreeSet<>();
                    Set<String> targetIndexes = new TreeSet<>();
                    s.getCollection(c).listIndexes().forEach(ix -> sourceIndexes.add(ix.getString("name")));
                    t.getCollection(c).listIndexes().forEach(ix -> targetIndexes.add(ix.getString("name")));
                    assertThat(targetIndexes).as("indexes of %s", c).containsAll(sourceIndexes);
                }
            }
            MongoDatabase t = target.getDatabase(targetDb);
            try {
                String second = run(env, uri, targetDb, 0);
                assertThat(second).as("a second run copies nothing").contains("customers: already copied")
                        .doesNotContain("documents written");

                // an interrupted run: the progress says customers stopped half-way
                List<Document> ids = t.getCollection(MongoStore.CUSTOMERS).find().sort(new Document("_id", 1))
                        .projection(new Document("_id", 1)).into(new ArrayList<>());
                String half = ids.get(ids.size() / 2).getString("_id");
                t.getCollection(StoreMigration.PROGRESS).updateOne(new Document("_id", MongoStore.CUSTOMERS),
                        new Document("$set", new Document("done", false).append("lastId", half)));
                String resumed = run(env, uri, targetDb, 0);
                assertThat(resumed).contains("customers: resuming after _id").contains("migration complete");
                assertThat(t.getCollection(MongoStore.CUSTOMERS).countDocuments()).isEqualTo(1_200);
            } finally {
                if (targetUri != null) {
                    target.getDatabase(targetDb).drop();
                }
            }
        } finally {
            if (targetServer != null) {
                targetServer.close();
            }
        }
    }

    private static String run(Map<String, String> env, String uri, String db, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = StoreCommands.migrate(new String[] {"--to", uri, "--db", db}, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isEqualTo(expectedExit);
        return text;
    }
}
