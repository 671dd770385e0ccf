package io.minicrm.adapter.mongo;

import de.bwaldvogel.mongo.MongoServer;
import io.minicrm.adapter.mongo.embedded.BoundedSortMemoryBackend;
import io.minicrm.adapter.mongo.embedded.Compaction;
import io.minicrm.adapter.mongo.embedded.DurableStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An in-process MongoDB-wire server (de.bwaldvogel mongo-java-server) on a free port of 127.0.0.1:
 * the embedded default of the standalone server and the store of the tests. Talk to it with
 * {@link MongoStore#connect(String, String)} on {@link #uri()}.
 *
 * <ul>
 *   <li>With a data directory it is the {@link DurableStore}: documents on disk in
 *       {@code <dir>/minicrm.mv} behind a bounded page cache, every acknowledged write fsync'd (group
 *       commit), one process per directory, consistent backups while serving, compaction when idle.</li>
 *   <li>Without one it keeps everything in memory (tests, demos) and loses it on exit.</li>
 * </ul>
 *
 * <p>Both answer a sorted query with a limit without sorting everything. It has no transactions,
 * sessions or change streams and ignores collation (see EMBEDDED-MONGO.md); the adapter relies on none
 * of these.
 */
public final class EmbeddedMongo implements AutoCloseable {
    /** File of the store inside the data directory. */
    public static final String DATA_FILE = DurableStore.DATA_FILE;

    private final MongoServer memoryServer;
    private final DurableStore durable;
    private final String uri;

    private EmbeddedMongo(MongoServer memoryServer, DurableStore durable, String uri) {
        this.memoryServer = memoryServer;
        this.durable = durable;
        this.uri = uri;
    }

    /**
     * Starts a server on a free port: in memory when {@code dataDir} is empty, else the durable store in
     * {@code dataDir} (created if needed) with the default cache ({@value DurableStore#DEFAULT_CACHE_MB} MB).
     */
    public static EmbeddedMongo start(Optional<Path> dataDir) {
        return start(dataDir, DurableStore.DEFAULT_CACHE_MB);
    }

    /**
     * As {@link #start(Optional)}, with the durable store's page cache in MB.
     *
     * @throws io.minicrm.adapter.mongo.embedded.StoreException when the directory is in use by another
     *         process or its file is damaged (the message says what to do)
     */
    public static EmbeddedMongo start(Optional<Path> dataDir, int cacheMb) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (dataDir.isPresent()) {
            DurableStore store = DurableStore.open(dataDir.get(), cacheMb);
            return new EmbeddedMongo(null, store, store.uri());
        }
        MongoServer server = new MongoServer(new BoundedSortMemoryBackend());
        InetSocketAddress address = server.bind();
        return new EmbeddedMongo(server, null, "mongodb://127.0.0.1:" + address.getPort());
    }

    /** Starts an in-memory server. */
    public static EmbeddedMongo startInMemory() {
        return start(Optional.empty());
    }

    /** Connection string of the server, e.g. {@code mongodb://127.0.0.1:40123} (no database name). */
    public String uri() {
        return uri;
    }

    /** The file holding the data, when persistent. */
    public Optional<Path> dataFile() {
        return durable().map(DurableStore::file);
    }

    /** The durable store, when persistent. */
    public Optional<DurableStore> durable() {
        return Optional.ofNullable(durable);
    }

    public boolean isPersistent() {
        return durable != null;
    }

    /** Writes a consistent snapshot of the durable store to {@code target} while it keeps serving. */
    public DurableStore.BackupInfo backup(Path target) {
        return durable().orElseThrow(() -> new IllegalStateException("an in-memory store has nothing to back up")).backup(target);
    }

    /** Streams a consistent snapshot of the durable store to {@code out} (what {@link #backup} writes to a file). */
    public void backupTo(java.io.OutputStream out) throws java.io.IOException {
        durable().orElseThrow(() -> new IllegalStateException("an in-memory store has nothing to back up")).backupTo(out);
    }

    /** Compacts the durable store's file now. */
    public Compaction.Result compact() {
        return durable().orElseThrow(() -> new IllegalStateException("an in-memory store has no file")).compact();
    }

    /** Stops the server; a durable store writes what is left and releases its directory. */
    @Override
    public void close() {
        if (durable != null) {
            durable.close();
        } else {
            memoryServer.shutdownNow(); // closes the clients' connections, then the backend
        }
    }

    /** Stops at once as a crash would: nothing more is written (tests). */
    public void halt() {
        if (durable != null) {
            durable.halt();
        } else {
            memoryServer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + uri + (durable != null ? ", " + durable.file() : ", in memory") + "]";
    }
}
