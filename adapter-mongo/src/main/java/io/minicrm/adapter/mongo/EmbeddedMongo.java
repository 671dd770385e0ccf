package io.minicrm.adapter.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.minicrm.adapter.mongo.embedded.BoundedSortH2Backend;
import io.minicrm.adapter.mongo.embedded.BoundedSortMemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process MongoDB-wire server (de.bwaldvogel mongo-java-server) on a free port of 127.0.0.1:
 * the embedded default of the standalone server and the store of the tests. Without a data directory
 * it keeps everything in memory; with one, it uses the H2 (MVStore) backend and the data survives a
 * restart. Talk to it with {@link MongoStore#connect(String, String)} on {@link #uri()}. Both backends
 * answer a sorted query with a limit from a bounded top-k instead of a full sort (the server uses no
 * index for sorting), which keeps the first page of a listing fast on a large collection.
 *
 * <p>It has no transactions, sessions or change streams and ignores collation (see
 * EMBEDDED-MONGO.md); the adapter relies on none of these.
 */
public final class EmbeddedMongo implements AutoCloseable {
    /** File of the H2 backend inside the data directory. */
    public static final String DATA_FILE = "minicrm.mv";

    private final MongoServer server;
    private final MongoBackend backend;
    private final String uri;
    private final Optional<Path> dataFile;

    private EmbeddedMongo(MongoServer server, MongoBackend backend, String uri, Optional<Path> dataFile) {
        this.server = server;
        this.backend = backend;
        this.uri = uri;
        this.dataFile = dataFile;
    }

    /**
     * Starts a server on a free port: in memory when {@code dataDir} is empty, else persisted in
     * {@code dataDir/minicrm.mv} (the directory is created if needed).
     */
    public static EmbeddedMongo start(Optional<Path> dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        MongoBackend backend;
        Optional<Path> file = Optional.empty();
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir.get(), e);
            }
            file = Optional.of(dataDir.get().resolve(DATA_FILE).toAbsolutePath());
            backend = new BoundedSortH2Backend(file.get().toString());
        } else {
            backend = new BoundedSortMemoryBackend();
        }
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address;
        try {
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return new EmbeddedMongo(server, backend, "mongodb://127.0.0.1:" + address.getPort(), file);
    }

    /** Starts an in-memory server. */
    public static EmbeddedMongo startInMemory() {
        return start(Optional.empty());
    }

    /** Connection string of the server, e.g. {@code mongodb://127.0.0.1:40123} (no database name). */
    public String uri() {
        return uri;
    }

    /** The H2 file holding the data, when persistent. */
    public Optional<Path> dataFile() {
        return dataFile;
    }

    public boolean isPersistent() {
        return dataFile.isPresent();
    }

    /** Stops the server; a persistent backend is flushed and closed. */
    @Override
    public void close() {
        server.shutdownNow(); // closes the clients' connections, then the backend
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + uri + (dataFile.map(f -> ", " + f).orElse(", in memory")) + "]";
    }
}
