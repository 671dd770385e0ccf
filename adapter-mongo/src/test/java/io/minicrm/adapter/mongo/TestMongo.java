package io.minicrm.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MongoDB the tests run against: {@code CRM_TEST_MONGO_URI} when set (a real MongoDB), else one
 * embedded server (memory backend) started once per JVM. Every test gets its own database
 * ({@link #newStore()}), dropped when the store is closed.
 */
public final class TestMongo {
    public static final String ENV = "CRM_TEST_MONGO_URI";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private static EmbeddedMongo embedded;
    private static String uri;
    private static MongoClient client;

    private TestMongo() {
    }

    /** The server's URI (starting the embedded server on first use). */
    public static synchronized String uri() {
        if (uri == null) {
            String env = System.getenv(ENV);
            if (env != null && !env.isBlank()) {
                uri = env;
            } else {
                embedded = EmbeddedMongo.start(Optional.empty());
                uri = embedded.uri();
            }
            client = MongoClients.create(MongoStore.settings(new ConnectionString(uri)));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                if (embedded != null) {
                    embedded.close();
                }
            }, "test-mongo-shutdown"));
        }
        return uri;
    }

    /** Whether the tests run on the embedded server (not a real MongoDB). */
    public static boolean isEmbedded() {
        uri();
        return embedded != null;
    }

    public static synchronized MongoClient client() {
        uri();
        return client;
    }

    /** A store on a fresh database; closing it drops the database. */
    public static Store newStore() {
        String name = "crmtest_" + RUN + "_" + DATABASES.incrementAndGet();
        return new Store(MongoStore.using(client(), name));
    }

    /** A {@link MongoStore} on a throw-away database. */
    public static final class Store implements AutoCloseable {
        private final MongoStore store;

        Store(MongoStore store) {
            this.store = store;
        }

        public MongoStore store() {
            return store;
        }

        @Override
        public void close() {
            store.close();
            store.database().drop();
        }
    }
}
