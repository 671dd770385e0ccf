package io.minicrm.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.adapter.mongo.MongoStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar minicrm.jar backup <file>} while customers and orders are being written: the running server
 * takes the snapshot ({@code GET /api/admin/backup}); {@code restore} puts it into an empty directory; a server
 * started there holds a consistent state: every order's customer exists, and once the reconciler has applied
 * the orders the snapshot caught between the order and its customer's update, every customer's totals equal
 * the sum of their orders.
 */
class BackupDuringIngestionTest {

    @Test
    void aBackupTakenDuringIngestion_restoresToAConsistentState(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path backup = dir.resolve("snapshot.mv");
        Application app = new Application(Config.from(Map.of("PORT", "0", "CRM_DATA_DIR", data.toString())));
        app.start();
        Set<String> before = ConcurrentHashMap.newKeySet();
        String output;
        try {
            ApiClient api = new ApiClient(app.baseUrl(), app.adminToken().orElseThrow());
            List<String> emails = new ArrayList<>();
            for (int b = 0; b < 3; b++) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    String email = "c" + b + "-" + i + "@backup.test";
                    rows.add(Map.of("email", email, "name", "C " + b + " " + i));
                    emails.add(email);
                }
                assertThat(api.post("/api/customers", rows).status()).isEqualTo(200);
            }
            before.addAll(emails);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                Thread w = new Thread(() -> {
                    Random random = new Random(thread);
                    for (int n = 0; running.get(); n++) {
                        List<Map<String, Object>> orders = new ArrayList<>();
                        for (int i = 0; i < 25; i++) {
                            Map<String, Object> o = new LinkedHashMap<>();
                            o.put("orderId", "o-" + thread + "-" + n + "-" + i);
                            o.put("customerEmail", emails.get(random.nextInt(emails.size())));
                            o.put("amount", (1 + random.nextInt(500)) + ".25");
                            orders.add(o);
                        }
                        api.post("/api/orders", orders);
                        List<Map<String, Object>> customers = new ArrayList<>();
                        for (int i = 0; i < 20; i++) {
                            customers.add(Map.of("email", "late-" + thread + "-" + n + "-" + i + "@backup.test"));
                        }
                        api.post("/api/customers", customers);
                    }
                });
                w.start();
                writers.add(w);
            }
            Thread.sleep(1500);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = StoreCommands.backup(new String[] {backup.toString(), "--url", app.baseUrl().toString(),
                    "--token", app.adminToken().orElseThrow()}, Map.of("CRM_DATA_DIR", data.toString()),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            output = out.toString(StandardCharsets.UTF_8);
            Thread.sleep(500);
            running.set(false);
            for (Thread w : writers) {
                w.join(30_000);
            }
            assertThat(exit).as(output).isZero();
            assertThat(output).contains("asking it for the backup").contains("minicrm.customers");
        } finally {
            app.stop();
        }

        Path restored = dir.resolve("restored");
        assertThat(StoreCommands.restore(new String[] {backup.toString()}, Map.of("CRM_DATA_DIR", restored.toString()),
                System.out, System.err)).isZero();
        Application.Tuning reconcileAtOnce = new Application.Tuning(d -> d, s -> s,
                io.minicrm.adapter.http.auth.GoogleEndpoints.google(), Duration.ZERO);
        Application again = new Application(Config.from(Map.of("PORT", "0", "CRM_DATA_DIR", restored.toString())),
                Clock.systemUTC(), reconcileAtOnce);
        again.start();
        try {
            MongoStore store = again.store();
            var customers = store.database().getCollection(MongoStore.CUSTOMERS);
            var orders = store.database().getCollection(MongoStore.ORDERS);
            for (String email : before) {
                assertThat(customers.countDocuments(new Document("email", email))).as("written before the backup: %s", email)
                        .isEqualTo(1);
            }
            assertThat(orders.countDocuments()).as("the backup caught orders being written").isPositive();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                Map<String, long[]> sums = new HashMap<>();
                for (Document o : orders.find()) {
                    long[] s = sums.computeIfAbsent(o.getString("customerId"), k -> new long[2]);
                    s[0] += o.getLong("amountMinor");
                    s[1]++;
                }
                for (String customerId : sums.keySet()) {
                    assertThat(customers.countDocuments(new Document("_id", customerId))).as("order's customer %s", customerId)
                            .isEqualTo(1);
                }
                for (Document c : customers.find()) {
                    long[] s = sums.getOrDefault(c.getString("_id"), new long[2]);
                    assertThat(new long[] {number(c, "totalSpentMinor"), number(c, "orderCount")})
                            .as("totals of %s", c.getString("email")).containsExactly(s[0], s[1]);
                }
            });
        } finally {
            again.stop();
        }
    }

    private static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }
}
