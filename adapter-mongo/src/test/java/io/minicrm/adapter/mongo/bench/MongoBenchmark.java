package io.minicrm.adapter.mongo.bench;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import io.minicrm.adapter.mongo.customer.CustomerDocuments;
import io.minicrm.adapter.mongo.customer.RuleFilter;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.syntax.DslParser;
import io.minicrm.domain.shared.IdGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * Figures of the MongoDB adapter on the embedded server (client and server in this JVM), printed to
 * stdout. Not a test: run it with {@code mvn -o -q -pl adapter-mongo test-compile exec:exec@bench}
 * (heap {@code -Dbench.heap=6g}, arguments {@code -Dbench.args="--customers=1000000"}); or against a
 * real MongoDB with {@code --uri=mongodb://...}.
 *
 * <ol>
 * <li>bulk upsert of 100,000 customers in batches of 1,000 through {@link CustomerRepository#upsertAll},
 *     beside the raw driver's {@code insertMany} of the same documents into a collection with the same
 *     indexes; then the same 100,000 again (idempotent re-ingestion: nothing changes) and with a change;</li>
 * <li>{@code count(rule)} of the reference rule at 100,000 and at 1,000,000 customers, beside the raw
 *     {@code countDocuments} of the same filter and of a hand-written filter;</li>
 * <li>streaming 1,000,000 matching ids with {@code matchingIds} (pages of 1,000): time and heap;</li>
 * <li>the heap the embedded server's data takes per customer.</li>
 * </ol>
 */
public final class MongoBenchmark {
    static final String REFERENCE = "totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days) "
            + "and not tags contains \"churned\"";
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    static final int BATCH = 1000;
    static final String[] CITIES = {"Pune", "Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Hyderabad", "Jaipur",
            "Surat", "Lucknow", "São Paulo", "Zürich"};
    static final String[] TAGS = {"vip", "churned", "new", "b2b", "newsletter", "mobile"};
    static final String[] PLANS = {"gold", "silver", "bronze", "free"};

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final IdGenerator ids = new TimeOrderedIds(Clock.systemUTC());
    /** {@code --upserts-only=1}: stop after the upsert figures (profiling). */
    boolean upsertsOnly;

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        MongoBenchmark b = new MongoBenchmark();
        b.upsertsOnly = opts.containsKey("upserts-only");
        b.run(Integer.parseInt(opts.getOrDefault("customers", "1000000")),
                Integer.parseInt(opts.getOrDefault("upserts", "100000")), opts.get("uri"));
    }

    void run(int total, int upserts, String uri) throws Exception {
        System.out.printf(Locale.ROOT, "# MongoDB adapter benchmark%n");
        System.out.printf(Locale.ROOT, "java %s, max heap %d MB, %d cpus, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        EmbeddedMongo server = uri == null ? EmbeddedMongo.start(Optional.empty()) : null;
        String target = uri != null ? uri : server.uri();
        System.out.printf("server: %s%n%n", uri != null ? uri : "embedded mongo-java-server 1.47.0, memory backend, same JVM");
        long heapEmpty = usedAfterGc();
        try (MongoClient client = MongoClients.create(MongoStore.settings(new ConnectionString(target)))) {
            warmUp(client);
            MongoStore store = MongoStore.using(client, "bench");
            CustomerRepository repo = store.customers();

            // ---------------------------------------------------------------- 1. bulk upsert
            System.out.printf("## 1. bulk upsert, %,d customers in batches of %,d%n", upserts, BATCH);
            // alternate the two paths (raw, repository, raw, repository) so neither profits from the other's warm-up
            double[] rawRun = new double[2];
            double[] repoRun = new double[2];
            for (int round = 0; round < 2; round++) {
                rawRun[round] = rawInsertRate(client, upserts, true);
                MongoStore into = round == 0 ? MongoStore.using(client, "bench_repo_scratch") : store;
                repoRun[round] = repositoryInsertRate(into.customers(), upserts);
                if (round == 0) {
                    into.database().drop();
                }
            }
            double bareRate = Math.max(rawInsertRate(client, upserts, false), rawInsertRate(client, upserts, false));
            double repoRate = Math.max(repoRun[0], repoRun[1]);
            double rawRate = Math.max(rawRun[0], rawRun[1]);
            long againNanos = 0;
            for (int from = 0; from < upserts; from += BATCH) {
                List<CustomerProfile> batch = profiles(from, Math.min(upserts, from + BATCH), 0);
                long t = System.nanoTime();
                CustomerRepository.UpsertResult r = repo.upsertAll(batch, ids, NOW.plusSeconds(60));
                againNanos += System.nanoTime() - t;
                check(r.unchanged() == batch.size(), "all unchanged");
            }
            long changedNanos = 0;
            for (int from = 0; from < upserts; from += BATCH) {
                List<CustomerProfile> batch = profiles(from, Math.min(upserts, from + BATCH), 1);
                long t = System.nanoTime();
                CustomerRepository.UpsertResult r = repo.upsertAll(batch, ids, NOW.plusSeconds(120));
                changedNanos += System.nanoTime() - t;
                check(r.updated() == batch.size(), "all updated");
            }
            System.out.printf(Locale.ROOT, "repository upsertAll, new customers        %,10.0f customers/s  (runs: %,.0f, %,.0f)%n",
                    repoRate, repoRun[0], repoRun[1]);
            System.out.printf(Locale.ROOT, "raw insertMany, same docs, same indexes    %,10.0f docs/s       (runs: %,.0f, %,.0f)  repository/raw = %.2f%n",
                    rawRate, rawRun[0], rawRun[1], repoRate / rawRate);
            System.out.printf(Locale.ROOT, "raw insertMany, same docs, _id index only  %,10.0f docs/s%n", bareRate);
            System.out.printf(Locale.ROOT, "repository upsertAll, same again (no-op)   %,10.0f customers/s  (%.2f s)%n",
                    rate(upserts, againNanos), againNanos / 1e9);
            System.out.printf(Locale.ROOT, "repository upsertAll, every one changed    %,10.0f customers/s  (%.2f s)%n%n",
                    rate(upserts, changedNanos), changedNanos / 1e9);

            if (upsertsOnly) {
                store.database().drop();
                return;
            }
            long heapAt100k = usedAfterGc();
            Rule reference = DslParser.parse(REFERENCE);
            MongoCollection<BsonDocument> customers = store.database().getCollection(MongoStore.CUSTOMERS, BsonDocument.class);
            System.out.printf("## 2. count(rule), reference rule: %s%n", REFERENCE);
            System.out.printf("pushed-down filter: %s%n", RuleFilter.of(reference, NOW).toJson());
            countLatency(repo, customers, reference, upserts);

            // ---------------------------------------------------------------- grow to the total
            long growNanos = 0;
            for (int from = upserts; from < total; from += BATCH) {
                List<CustomerProfile> batch = profiles(from, Math.min(total, from + BATCH), 0);
                long t = System.nanoTime();
                repo.upsertAll(batch, ids, NOW);
                growNanos += System.nanoTime() - t;
            }
            if (total > upserts) {
                System.out.printf(Locale.ROOT, "(grew to %,d customers through upsertAll at %,.0f customers/s)%n",
                        total, rate(total - upserts, growNanos));
                countLatency(repo, customers, reference, total);
            }
            long heapAtTotal = usedAfterGc();
            System.out.println();

            // ---------------------------------------------------------------- 3. streaming ids
            System.out.printf("## 3. streaming %,d matching ids with matchingIds (pages of %,d)%n", total, BATCH);
            Rule everyone = DslParser.parse("totalSpent >= 0");
            long baseline = usedAfterGc();
            AtomicLong peak = new AtomicLong(baseline);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (sampling.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long t = System.nanoTime();
            long streamed = 0;
            long firstPageNanos = 0;
            CustomerId after = null;
            CustomerId previous = null;
            while (true) {
                long p0 = System.nanoTime();
                List<CustomerId> page = repo.matchingIds(everyone, NOW, after, BATCH);
                if (after == null) {
                    firstPageNanos = System.nanoTime() - p0;
                }
                for (CustomerId id : page) {
                    check(previous == null || id.compareTo(previous) > 0, "ascending ids");
                    previous = id;
                }
                streamed += page.size();
                if (page.size() < BATCH) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
            long streamNanos = System.nanoTime() - t;
            sampling.set(false);
            sampler.join();
            check(streamed == total, "streamed every customer");
            System.out.printf(Locale.ROOT, "streamed %,d ids in %.2f s (%,.0f ids/s); first page %.2f s%n",
                    streamed, streamNanos / 1e9, streamed / (streamNanos / 1e9), firstPageNanos / 1e9);
            System.out.printf(Locale.ROOT, "heap in use (live data and garbage): %,d MB after GC before streaming, at most %,d MB while streaming%n",
                    baseline >> 20, peak.get() >> 20);
            // a second pass, stopping to collect garbage every 100,000 ids: the memory the stream really holds
            long retained = 0;
            after = null;
            streamed = 0;
            while (true) {
                List<CustomerId> page = repo.matchingIds(everyone, NOW, after, BATCH);
                streamed += page.size();
                if (streamed % 100_000 == 0 && !page.isEmpty()) {
                    retained = Math.max(retained, usedAfterGc() - baseline);
                }
                if (page.size() < BATCH) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
            System.out.printf(Locale.ROOT, "live heap held by the stream (after GC, every 100,000 ids): at most +%,d MB over the baseline"
                    + " (client: one page of %,d ids; server: its open cursor)%n", retained >> 20, BATCH);
            long fresh = System.nanoTime();
            BsonDocument filter = RuleFilter.and(RuleFilter.of(everyone, NOW), new BsonDocument("_id",
                    new BsonDocument("$gt", new BsonString(after == null ? "" : after.value()))));
            customers.find(RuleFilter.of(everyone, NOW)).projection(new BsonDocument("_id", new BsonInt32(1)))
                    .sort(new BsonDocument("_id", new BsonInt32(1))).limit(BATCH).into(new ArrayList<>());
            System.out.printf(Locale.ROOT, "for comparison, one page by a fresh keyset query (find+sort+limit): %.2f s"
                    + " -> %,d pages that way would take ~%.0f s%n%n", (System.nanoTime() - fresh) / 1e9, total / BATCH,
                    (System.nanoTime() - fresh) / 1e9 * total / BATCH);
            check(filter != null, "filter");

            // ---------------------------------------------------------------- 4. server memory
            System.out.printf("## 4. heap of the embedded server's data (client and server share this JVM)%n");
            System.out.printf(Locale.ROOT, "empty: %,d MB; %,d customers: %,d MB; %,d customers: %,d MB -> ~%,d bytes per customer%n",
                    heapEmpty >> 20, upserts, heapAt100k >> 20, total, heapAtTotal >> 20,
                    (heapAtTotal - heapEmpty) / Math.max(1, total));
            store.database().drop();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Customers per second of {@code upsertAll} of new customers (building the profiles is not timed). */
    private double repositoryInsertRate(CustomerRepository repo, int n) {
        long nanos = 0;
        for (int from = 0; from < n; from += BATCH) {
            List<CustomerProfile> batch = profiles(from, Math.min(n, from + BATCH), 0);
            long t = System.nanoTime();
            CustomerRepository.UpsertResult r = repo.upsertAll(batch, ids, NOW);
            nanos += System.nanoTime() - t;
            check(r.inserted() == batch.size(), "all new");
        }
        return rate(n, nanos);
    }

    /**
     * Documents per second of the raw driver's unordered insertMany of the documents the repository
     * writes for the same profiles (built before timing), into a fresh collection with the repository's
     * unique indexes ({@code sameIndexes}) or only {@code _id}.
     */
    private double rawInsertRate(MongoClient client, int n, boolean sameIndexes) {
        MongoCollection<BsonDocument> raw = client.getDatabase("bench_raw").getCollection("customers", BsonDocument.class);
        if (sameIndexes) {
            raw.createIndex(new BsonDocument("email", new BsonInt32(1)), new IndexOptions().unique(true));
            raw.createIndex(new BsonDocument("_id", new BsonInt32(1)).append("version", new BsonInt32(1)),
                    new IndexOptions().unique(true));
        }
        long nanos = 0;
        for (int from = 0; from < n; from += BATCH) {
            List<BsonDocument> batch = new ArrayList<>(BATCH);
            for (CustomerProfile p : profiles(from, Math.min(n, from + BATCH), 0)) {
                batch.add(CustomerDocuments.toDocument(Customer.create(CustomerId.of(ids.newId()), p, NOW), 0));
            }
            long t = System.nanoTime();
            raw.insertMany(batch, new InsertManyOptions().ordered(false));
            nanos += System.nanoTime() - t;
        }
        client.getDatabase("bench_raw").drop();
        return rate(n, nanos);
    }

    private void countLatency(CustomerRepository repo, MongoCollection<BsonDocument> customers, Rule rule, int n) {
        BsonDocument pushed = RuleFilter.of(rule, NOW);
        long t90 = NOW.minus(Duration.ofDays(90)).toEpochMilli();
        BsonDocument handWritten = new BsonDocument("totalSpentMinor", new BsonDocument("$gt", new BsonInt64(1_000_000)))
                .append("$or", new BsonArray(List.of(
                        new BsonDocument("visits", new BsonDocument("$lt", new BsonInt64(3))),
                        new BsonDocument("lastOrderAt", new BsonDocument("$not", new BsonDocument("$gte", new BsonDateTime(t90))
                                .append("$lte", new BsonDateTime(NOW.toEpochMilli())))))))
                .append("tags", new BsonDocument("$ne", new BsonString("churned")));
        int rounds = n >= 1_000_000 ? 5 : 11;
        long[] viaRepo = new long[rounds];
        long[] viaRaw = new long[rounds];
        long[] viaHand = new long[rounds];
        long count = -1;
        for (int i = 0; i < rounds; i++) {
            long t;
            long a;
            long b;
            if (i % 2 == 0) { // alternate which goes first
                t = System.nanoTime();
                a = repo.count(rule, NOW);
                viaRepo[i] = System.nanoTime() - t;
                t = System.nanoTime();
                b = customers.countDocuments(pushed);
                viaRaw[i] = System.nanoTime() - t;
            } else {
                t = System.nanoTime();
                b = customers.countDocuments(pushed);
                viaRaw[i] = System.nanoTime() - t;
                t = System.nanoTime();
                a = repo.count(rule, NOW);
                viaRepo[i] = System.nanoTime() - t;
            }
            t = System.nanoTime();
            long c = customers.countDocuments(handWritten);
            viaHand[i] = System.nanoTime() - t;
            check(a == b && b == c, "the three counts agree: " + a + " " + b + " " + c);
            count = a;
        }
        System.out.printf(Locale.ROOT, "%,d customers, %,d match; median of %d runs:%n", n, count, rounds);
        System.out.printf(Locale.ROOT, "  repository count(rule)                    %8.3f s%n", median(viaRepo) / 1e9);
        System.out.printf(Locale.ROOT, "  raw countDocuments, the same filter       %8.3f s   count/raw = %.2f%n",
                median(viaRaw) / 1e9, (double) median(viaRepo) / median(viaRaw));
        System.out.printf(Locale.ROOT, "  raw countDocuments, hand-written filter   %8.3f s   count/hand = %.2f%n",
                median(viaHand) / 1e9, (double) median(viaRepo) / median(viaHand));
    }

    /** Ten thousand upserts and counts on a scratch database, so the JIT has compiled the paths measured. */
    private void warmUp(MongoClient client) {
        MongoStore scratch = MongoStore.using(client, "bench_warmup");
        for (int round = 0; round < 2; round++) {
            for (int from = 0; from < 10_000; from += BATCH) {
                scratch.customers().upsertAll(profiles(from, from + BATCH, round), ids, NOW);
            }
            scratch.customers().count(DslParser.parse(REFERENCE), NOW);
        }
        scratch.database().drop();
    }

    /** Profiles {@code from..to} (deterministic); {@code variant} 1 changes every one of them. */
    public static List<CustomerProfile> profilesFor(int from, int to, int variant) {
        return profiles(from, to, variant);
    }

    static List<CustomerProfile> profiles(int from, int to, int variant) {
        CustomerProfileReader reader = CustomerProfileReader.json();
        List<CustomerProfile> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Random r = new Random(i * 31L + 7);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("email", "customer" + i + "@example.com");
            row.put("name", "Customer " + i + (variant == 1 ? " Jr" : ""));
            if (r.nextInt(3) > 0) {
                row.put("phone", "+91" + (7_000_000_000L + r.nextInt(999_999_999)));
            }
            row.put("city", CITIES[r.nextInt(CITIES.length)]);
            List<String> tags = new ArrayList<>();
            for (String tag : TAGS) {
                if (r.nextInt(5) == 0) {
                    tags.add(tag);
                }
            }
            row.put("tags", tags);
            row.put("attributes", Map.of("plan", PLANS[r.nextInt(PLANS.length)], "score", r.nextInt(100)));
            row.put("visits", (long) r.nextInt(20));
            long spentMinor = r.nextInt(3_000_000);
            row.put("totalSpent", java.math.BigDecimal.valueOf(spentMinor, 2));
            row.put("totalOrders", (long) r.nextInt(30));
            if (r.nextInt(4) > 0) {
                Instant last = NOW.minus(Duration.ofDays(r.nextInt(400)));
                row.put("lastPurchaseDate", last.toString());
                row.put("firstPurchaseDate", last.minus(Duration.ofDays(r.nextInt(700))).toString());
            }
            out.add(reader.read(row));
        }
        return out;
    }

    /** CPU time of this process (client and embedded server), in nanoseconds. */
    public static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static double rate(long n, long nanos) {
        return n / (nanos / 1e9);
    }

    private static long median(long[] xs) {
        long[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }
}
