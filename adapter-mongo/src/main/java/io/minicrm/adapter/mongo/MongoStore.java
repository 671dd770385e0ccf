package io.minicrm.adapter.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.minicrm.adapter.mongo.campaign.MongoCampaignRepository;
import io.minicrm.adapter.mongo.customer.MongoCustomerRepository;
import io.minicrm.adapter.mongo.delivery.MongoDeliveryLogRepository;
import io.minicrm.adapter.mongo.embedded.EmbeddedServers;
import io.minicrm.adapter.mongo.ingest.MongoIngestionRepository;
import io.minicrm.adapter.mongo.lease.MongoLeaseRepository;
import io.minicrm.adapter.mongo.order.MongoOrderRepository;
import io.minicrm.adapter.mongo.segment.MongoSegmentRepository;
import io.minicrm.adapter.mongo.support.Continuations;
import io.minicrm.adapter.mongo.support.Lookups;
import io.minicrm.adapter.mongo.user.MongoUserRepository;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.CustomerRepository;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.port.LeaseRepository;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.application.port.UserRepository;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/**
 * Every repository port on one MongoDB database: the entry point of the adapter.
 *
 * <pre>{@code
 * try (MongoStore store = MongoStore.connect(System.getenv("MONGO_URI"), System.getenv("MONGO_DB"))) {
 *     CustomerRepository customers = store.customers();
 *     ...
 * }
 * }</pre>
 *
 * <p>Connecting creates the indexes the repositories rely on (idempotent). The database name is the
 * given one, else the one in the URI, else {@value #DEFAULT_DATABASE}. Pool and timeouts have defaults
 * suited to a web service ({@link #settings}); anything set in the URI ({@code maxPoolSize},
 * {@code connectTimeoutMS}, ...) wins.
 */
public final class MongoStore implements AutoCloseable {
    public static final String DEFAULT_DATABASE = "minicrm";

    /** Collection names. */
    public static final String CUSTOMERS = "customers";
    public static final String ORDERS = "orders";
    public static final String SEGMENTS = "segments";
    public static final String CAMPAIGNS = "campaigns";
    public static final String DELIVERIES = "deliveries";
    public static final String USERS = "users";
    public static final String LEASES = "leases";
    public static final String INGESTIONS = "ingestions";

    private final MongoClient client;
    private final boolean ownsClient;
    private final MongoDatabase database;
    private final boolean embedded;
    private final boolean needsCasIndexes;
    private final MongoCustomerRepository customers;
    private final MongoOrderRepository orders;
    private final MongoSegmentRepository segments;
    private final MongoCampaignRepository campaigns;
    private final MongoDeliveryLogRepository deliveries;
    private final MongoUserRepository users;
    private final MongoLeaseRepository leases;
    private final MongoIngestionRepository ingestions;

    private MongoStore(MongoClient client, boolean ownsClient, String databaseName) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.database = client.getDatabase(databaseName);
        BsonDocument status = serverStatus(client);
        this.embedded = status.isString("process") && "java".equals(status.getString("process").getValue());
        this.needsCasIndexes = embedded && !status.getBoolean(EmbeddedServers.ID_LOOKUP_FLAG, BsonBoolean.FALSE).getValue();
        Lookups lookups = Lookups.forServer(embedded);
        // MongoDB and the stock embedded server: keep cursors open between pages of a stream (the stock server
        // would otherwise scan and sort per page); EmbeddedMongo's server: a fresh keyset query per page (it
        // seeks its _id order, and a kept cursor there would hold the whole rest of the stream in memory)
        this.customers = new MongoCustomerRepository(collection(CUSTOMERS), lookups, continuations());
        this.orders = new MongoOrderRepository(collection(ORDERS));
        this.segments = new MongoSegmentRepository(collection(SEGMENTS));
        this.campaigns = new MongoCampaignRepository(collection(CAMPAIGNS));
        this.deliveries = new MongoDeliveryLogRepository(collection(DELIVERIES), lookups, continuations());
        this.users = new MongoUserRepository(collection(USERS));
        this.leases = new MongoLeaseRepository(collection(LEASES));
        this.ingestions = new MongoIngestionRepository(collection(INGESTIONS));
    }

    /** Connects to {@code uri} (database from the URI, else {@value #DEFAULT_DATABASE}) and creates the indexes. */
    public static MongoStore connect(String uri) {
        return connect(uri, null);
    }

    /**
     * Connects to {@code uri} and uses database {@code databaseName} (null or blank: the URI's, else
     * {@value #DEFAULT_DATABASE}); creates the indexes. Fails fast (within the server selection timeout)
     * when nothing answers.
     */
    public static MongoStore connect(String uri, String databaseName) {
        Objects.requireNonNull(uri, "uri");
        ConnectionString cs = new ConnectionString(uri);
        String db = databaseName != null && !databaseName.isBlank() ? databaseName
                : cs.getDatabase() != null && !cs.getDatabase().isBlank() ? cs.getDatabase() : DEFAULT_DATABASE;
        MongoClient client = MongoClients.create(settings(cs));
        MongoStore store;
        try {
            store = new MongoStore(client, true, db);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return store.withIndexes();
    }

    /**
     * A store on a client owned by the caller (closing the store leaves the client open); creates the
     * indexes. Tests and tools use it to share one client between several databases.
     */
    public static MongoStore using(MongoClient client, String databaseName) {
        return new MongoStore(client, false, databaseName).withIndexes();
    }

    private MongoStore withIndexes() {
        try {
            createIndexes();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Client settings: connect 5 s, server selection 10 s, socket read 60 s (long enough for a count
     * over a million documents on the embedded server), pool of 2..50 connections, idle connections
     * closed after 5 minutes; the URI's own options override these.
     */
    public static MongoClientSettings settings(ConnectionString uri) {
        return MongoClientSettings.builder()
                .applyToSocketSettings(s -> s.connectTimeout(5, TimeUnit.SECONDS).readTimeout(60, TimeUnit.SECONDS))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToConnectionPoolSettings(p -> p.minSize(2).maxSize(50).maxWaitTime(10, TimeUnit.SECONDS)
                        .maxConnectionIdleTime(5, TimeUnit.MINUTES))
                .applicationName("minicrm")
                .applyConnectionString(uri)
                .build();
    }

    private MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }

    /**
     * Creates the indexes. On a stock mongo-java-server also the compare-and-set indexes
     * ({@code (_id, version)}, {@code (_id, status)}): it answers a filter from an index only when the
     * filter names exactly the index's fields, so without them every conditional write would scan the
     * collection. MongoDB answers those filters from {@code _id}, and so does {@link EmbeddedMongo}'s
     * server (it says so in serverStatus): they do not get them, which saves a unique index's upkeep
     * on every write.
     */
    private void createIndexes() {
        boolean cas = needsCasIndexes;
        MongoCustomerRepository.createIndexes(collection(CUSTOMERS), cas);
        MongoOrderRepository.createIndexes(collection(ORDERS), cas);
        MongoCampaignRepository.createIndexes(collection(CAMPAIGNS), cas);
        MongoDeliveryLogRepository.createIndexes(collection(DELIVERIES), cas);
        MongoUserRepository.createIndexes(collection(USERS));
        MongoIngestionRepository.createIndexes(collection(INGESTIONS), cas);
    }

    private Continuations continuations() {
        return pagesWithFreshQueries() ? Continuations.freshQueries() : new Continuations(2, TimeUnit.MINUTES);
    }

    /** Whether streams of ids are paged by a fresh keyset query per page (on EmbeddedMongo's server) rather than a kept cursor. */
    public boolean pagesWithFreshQueries() {
        return embedded && !needsCasIndexes;
    }

    /** Whether the server is the embedded mongo-java-server (tuned for: see {@link #createIndexes}, {@link Lookups}). */
    public boolean isEmbeddedServer() {
        return embedded;
    }

    /**
     * The server's serverStatus: process "java" for mongo-java-server (MongoDB says mongod or mongos),
     * plus {@link EmbeddedServers#ID_LOOKUP_FLAG} on {@link EmbeddedMongo}'s. Empty when not allowed
     * to run it (a real MongoDB with restricted rights).
     */
    private static BsonDocument serverStatus(MongoClient client) {
        try {
            return client.getDatabase("admin").runCommand(new BsonDocument("serverStatus", new BsonInt32(1)),
                    BsonDocument.class);
        } catch (MongoException e) {
            return new BsonDocument();
        }
    }

    public CustomerRepository customers() {
        return customers;
    }

    public OrderRepository orders() {
        return orders;
    }

    public SegmentRepository segments() {
        return segments;
    }

    public CampaignRepository campaigns() {
        return campaigns;
    }

    public DeliveryLogRepository deliveries() {
        return deliveries;
    }

    public UserRepository users() {
        return users;
    }

    public LeaseRepository leases() {
        return leases;
    }

    public IngestionRepository ingestions() {
        return ingestions;
    }

    /** The database (tests, tools). */
    public MongoDatabase database() {
        return database;
    }

    /** Pings the database; never throws. */
    public StoreHealth health() {
        long start = System.nanoTime();
        try {
            database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
            return StoreHealth.up(Duration.ofNanos(System.nanoTime() - start));
        } catch (RuntimeException e) {
            return StoreHealth.down(Duration.ofNanos(System.nanoTime() - start),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Closes the paging cursors and, if this store opened it, the client. */
    @Override
    public void close() {
        customers.close();
        deliveries.close();
        if (ownsClient) {
            client.close();
        }
    }
}
