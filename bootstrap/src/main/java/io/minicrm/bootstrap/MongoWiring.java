package io.minicrm.bootstrap;

import io.minicrm.adapter.mongo.EmbeddedMongo;
import io.minicrm.adapter.mongo.MongoStore;
import java.util.Optional;

/**
 * The store on adapter-mongo: the embedded MongoDB-wire server (in memory or in a data directory) or a MongoDB
 * server. Loaded only when one of them is chosen.
 */
final class MongoWiring implements StoreParts {
    private final EmbeddedMongo embedded;
    private final MongoStore store;
    private final String description;

    private MongoWiring(EmbeddedMongo embedded, MongoStore store, String description) {
        this.embedded = embedded;
        this.store = store;
        this.description = description;
    }

    /** The embedded store, keeping its data in {@code dataDir} (empty: in memory only). */
    static MongoWiring embedded(Optional<java.nio.file.Path> dataDir, ServerOptions server) {
        int cacheMb = server != null ? server.config().storeCacheMb() : Config.DEFAULT_STORE_CACHE_MB;
        EmbeddedMongo embedded = EmbeddedMongo.start(dataDir, cacheMb);
        try {
            MongoStore store = MongoStore.connect(embedded.uri(), server != null ? server.config().mongoDb() : MongoStore.DEFAULT_DATABASE);
            return new MongoWiring(embedded, store, "embedded MongoDB-wire server, " + (embedded.isPersistent()
                    ? "data in " + dataDir.orElseThrow().toAbsolutePath().normalize() + " (cache " + cacheMb + " MB)"
                    : "in memory only: nothing is kept after exit (set CRM_DATA_DIR to a directory to keep data)"));
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    static MongoWiring connect(String uri, String database) {
        return new MongoWiring(null, MongoStore.connect(uri, database),
                "MongoDB (" + Application.redact(uri) + ", db " + database + ")");
    }

    MongoStore store() {
        return store;
    }

    Optional<EmbeddedMongo> embeddedServer() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public Ports.Stores stores() {
        return new Ports.Stores(store.customers(), store.orders(), store.segments(), store.campaigns(), store.deliveries(),
                store.users(), store.leases(), store.ingestions());
    }

    @Override
    public boolean isHealthy() {
        return store.health().up();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Optional<Backup> backup() {
        if (embedded == null || !embedded.isPersistent()) {
            return Optional.empty();
        }
        return Optional.of(embedded::backupTo);
    }

    @Override
    public boolean ownsItsData() {
        return embedded != null && embedded.isPersistent();
    }

    @Override
    public void halt() {
        if (embedded != null) {
            embedded.halt(); // nothing more reaches the disk, as after a kill
        }
        close();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
