package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RootReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable embedded store: a data directory holding one MVStore file ({@value #DATA_FILE}) in
 * format {@value StoreFormat#VERSION}, locked to this process ({@value DirectoryLock#FILE}), served over
 * the MongoDB wire protocol on 127.0.0.1 with every acknowledged write on disk ({@link GroupCommit}).
 * It also takes consistent snapshots while serving ({@link #backup}) and compacts the file when idle.
 */
public final class DurableStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableStore.class);
    public static final String DATA_FILE = "minicrm.mv";
    /** Default page cache of the store, in MB (documents beyond it stay on disk). */
    public static final int DEFAULT_CACHE_MB = 64;
    /**
     * How long space freed by a commit is kept before it is written over. Every commit is synced before
     * it is acknowledged, so the newest durable version never needs the freed space; MVStore's default
     * (45 s) would let the file grow by everything written in that time.
     */
    static final int RETENTION_MS = 1_000;

    private final Path directory;
    private final Path file;
    private final DirectoryLock lock;
    private final int cacheMb;
    private final CommitLock commitLock = new CommitLock();
    private volatile MVStore store;
    private volatile DurableBackend backend;
    private final GroupCommit commits;
    private final DurableWireServer server;
    private final Compaction compaction;
    private final SyncMarker marker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DurableStore(Path directory, DirectoryLock lock, MVStore store, SyncMarker marker, int cacheMb) {
        this.directory = directory;
        this.marker = marker;
        this.cacheMb = cacheMb;
        this.file = directory.resolve(DATA_FILE);
        this.lock = lock;
        this.store = store;
        this.backend = new DurableBackend(store, commitLock);
        GroupCommit[] self = new GroupCommit[1];
        this.compaction = new Compaction(store, () -> self[0].idleMillis(), this::compact);
        this.commits = new GroupCommit(store, commitLock, compaction::atIdle, v -> marker.synced(v, false));
        self[0] = commits;
        this.compaction.attach(commits);
        this.server = new DurableWireServer(backend, commits);
        this.backend.storeStatus(this::status);
    }

    /**
     * Opens (or creates) the store in {@code directory} and starts serving it.
     *
     * @throws StoreException with a message for the user when the directory is in use, or the file damaged
     */
    public static DurableStore open(Path directory, int cacheMb) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the data directory " + directory.toAbsolutePath() + ": " + e, e);
        }
        DirectoryLock lock = DirectoryLock.acquire(directory);
        MVStore store = null;
        try {
            Path file = directory.resolve(DATA_FILE);
            long t0 = System.nanoTime();
            store = StoreFiles.open(file, cacheMb, false);
            long opened = System.nanoTime();
            SyncMarker marker = new SyncMarker(directory);
            long noted = marker.read();
            if (noted > store.getCurrentVersion()) {
                throw StoreFiles.damaged(file, "it ends at version " + store.getCurrentVersion() + ", but version " + noted
                        + " had been written to disk; the file lost data after it was written (cut off or overwritten)", null);
            }
            store.setRetentionTime(RETENTION_MS);
            DurableStore durable = new DurableStore(directory, lock, store, marker, cacheMb);
            LOG.info("opened {} ({} MB, store format {}): file checked in {} ms, collections and indexes in {} ms",
                    file.toAbsolutePath(), file.toFile().length() >> 20, StoreFormat.VERSION, (opened - t0) / 1_000_000,
                    (System.nanoTime() - opened) / 1_000_000);
            return durable;
        } catch (RuntimeException e) {
            if (store != null) {
                store.closeImmediately();
            }
            lock.close();
            throw e;
        }
    }

    /** Connection string of the wire server (no database name). */
    public String uri() {
        return "mongodb://127.0.0.1:" + server.port();
    }

    public Path directory() {
        return directory;
    }

    public Path file() {
        return file;
    }

    /** Size of the data file in bytes. */
    public long fileSize() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Commits, cache and file figures (also in serverStatus as {@code minicrmStore}). */
    public Document status() {
        GroupCommit.Stats s = commits.stats();
        Document d = new Document();
        d.put("file", file.toAbsolutePath().toString());
        d.put("fileBytes", fileSize());
        d.put("fillRate", store.isClosed() ? -1 : store.getFillRate());
        d.put("cacheMb", store.isClosed() ? -1 : store.getCacheSize());
        d.put("cacheUsedMb", store.isClosed() ? -1 : store.getCacheSizeUsed());
        d.put("commits", s.commits());
        d.put("acknowledgedWrites", s.acknowledgedWrites());
        d.put("commitMillis", s.commitMillis());
        d.put("syncMillis", s.syncMillis());
        d.put("housekeepingRounds", compaction.runs());
        d.put("housekeepingMillis", compaction.busyMillis());
        return d;
    }

    /** What a backup holds: documents per collection namespace, and the file's size. */
    public record BackupInfo(Path file, Map<String, Long> documents, long bytes) {
    }

    /**
     * Writes a consistent snapshot of every collection and index, as of one moment, to {@code target}
     * (a store file that {@code restore} puts into an empty data directory, or that can be opened as a
     * data directory's {@value #DATA_FILE} as is). The store keeps serving meanwhile: writes pause only
     * for the moment the snapshot is cut.
     */
    public BackupInfo backup(Path target) {
        Path temp = target.resolveSibling(target.getFileName() + ".partial");
        Map<String, Long> counts = snapshot(temp);
        try {
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            StoreFiles.syncDirectory(target.toAbsolutePath().getParent());
            return new BackupInfo(target, counts, Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + target, e);
        }
    }

    /**
     * Streams a consistent snapshot to {@code out} (the same bytes {@link #backup} writes), through a scratch
     * file in the data directory that is deleted afterwards: nothing of it needs to survive a crash, so it is
     * neither synced nor moved into place.
     */
    public void backupTo(java.io.OutputStream out) throws IOException {
        Path scratch = Files.createTempFile(directory, "backup-", ".mv.tmp");
        try {
            snapshot(scratch);
            Files.copy(scratch, out);
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** Writes every map as of one commit into {@code file}; returns the documents per map. */
    private Map<String, Long> snapshot(Path file) {
        List<String> names = new ArrayList<>();
        List<RootReference<Object, Object>> roots = new ArrayList<>();
        List<MVMap<Object, Object>> maps = new ArrayList<>();
        compaction.pause(); // the file stays the one the snapshot reads from
        MVStore source = store;
        MVStore.TxCounter pin = commits.exclusively(() -> {
            commits.commitNow();
            MVStore.TxCounter counter = source.registerVersionUsage();
            for (String name : source.getMapNames()) {
                MVMap<Object, Object> map = openForCopy(source, name);
                if (map != null) {
                    names.add(name);
                    maps.add(map);
                    roots.add(map.flushAndGetRoot());
                }
            }
            return counter;
        });
        Map<String, Long> counts = new LinkedHashMap<>();
        try {
            writeCopy(file, names, maps, roots, counts);
            return counts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup " + file, e);
        } finally {
            source.deregisterVersionUsage(pin);
            compaction.resume();
        }
    }

    /**
     * Puts a backup into an empty (or not yet existing) data directory, after checking that it opens
     * as a store; returns what it holds.
     *
     * @throws StoreException when the backup cannot be read or the directory already holds data
     */
    public static BackupInfo restore(Path backup, Path directory) {
        Map<String, Long> counts = inspect(backup);
        try {
            Files.createDirectories(directory);
            try (var entries = Files.list(directory)) {
                List<String> present = entries.map(p -> p.getFileName().toString()).filter(n -> !n.equals(DirectoryLock.FILE)).toList();
                if (!present.isEmpty()) {
                    throw new StoreException("cannot restore into " + directory.toAbsolutePath() + ": the directory is not empty ("
                            + String.join(", ", present) + "); restore into a new directory, or move those files away first");
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot use the data directory " + directory.toAbsolutePath() + ": " + e, e);
        }
        try (DirectoryLock lock = DirectoryLock.acquire(directory)) {
            Path target = directory.resolve(DATA_FILE);
            Path temp = directory.resolve(DATA_FILE + ".restoring");
            Files.copy(backup, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (var ch = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            StoreFiles.syncDirectory(directory.toAbsolutePath());
            return new BackupInfo(target, counts, Files.size(target));
        } catch (IOException e) {
            throw new StoreException("cannot restore into " + directory.toAbsolutePath() + ": " + e, e);
        }
    }

    /** Documents per collection namespace of a store file (a backup), opened read-only and checked. */
    public static Map<String, Long> inspect(Path storeFile) {
        if (!Files.isRegularFile(storeFile)) {
            throw new StoreException("there is no file " + storeFile.toAbsolutePath());
        }
        MVStore store = StoreFiles.open(storeFile, 4, true);
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String name : store.getMapNames()) {
                if (name.startsWith(DurableDatabase.DOCS)) {
                    counts.put(name.substring(DurableDatabase.DOCS.length()),
                            store.openMap(name, DurableDatabase.documentsMap()).sizeAsLong());
                }
            }
            return counts;
        } finally {
            store.close();
        }
    }

    /**
     * A new store file at {@code path} holding the given maps as of the given roots (in key order, so its pages
     * are full), with the format marker; documents per collection go to {@code counts}. Returns the new
     * file's version.
     */
    private static long writeCopy(Path path, List<String> names, List<MVMap<Object, Object>> maps,
                                  List<RootReference<Object, Object>> roots, Map<String, Long> counts) throws IOException {
        Files.deleteIfExists(path);
        MVStore out = new MVStore.Builder().fileName(path.toString()).autoCommitDisabled().open();
        long version;
        try {
            for (int i = 0; i < names.size(); i++) {
                MVMap<Object, Object> to = openForCopy(out, names.get(i));
                long n = 0;
                Cursor<Object, Object> c = maps.get(i).cursor(roots.get(i), null, null, false);
                while (c.hasNext()) {
                    Object key = c.next();
                    to.append(key, c.getValue());
                    if (++n % 50_000 == 0) {
                        out.commit();
                    }
                }
                if (names.get(i).startsWith(DurableDatabase.DOCS)) {
                    counts.put(names.get(i).substring(DurableDatabase.DOCS.length()), n);
                }
            }
            StoreFormat.mark(out);
            out.commit();
            version = out.getCurrentVersion();
        } finally {
            out.close();
        }
        try (var ch = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return version;
    }

    /** The map named {@code name} with its data types, or null when it is not one of the store's data maps. */
    @SuppressWarnings("unchecked")
    static MVMap<Object, Object> openForCopy(MVStore store, String name) {
        if (name.startsWith(DurableDatabase.DOCS)) {
            return (MVMap<Object, Object>) (MVMap<?, ?>) store.openMap(name, DurableDatabase.documentsMap());
        }
        if (name.startsWith(DurableDatabase.INDEX)) {
            return (MVMap<Object, Object>) (MVMap<?, ?>) store.openMap(name, DurableDatabase.indexMap());
        }
        return null;
    }

    /**
     * Compacts now (the store also does it by itself when idle and its file has doubled): the live data is
     * written into a fresh file, which then replaces the old one. Requests wait meanwhile (seconds for a
     * file of a few hundred MB); nothing is lost if the process dies at any point of it (the new file is
     * complete and synced before it replaces the old one). Skipped while a client has a cursor open.
     *
     * @return the file size before and after
     */
    public Compaction.Result compact() {
        long start = System.nanoTime();
        long before = fileSize();
        int fillBefore = store.getFillRate();
        Path next = directory.resolve(DATA_FILE + ".compact");
        server.swap(() -> commits.exclusively(() -> {
            if (backend.openCursors() > 0 || compaction.paused()) {
                return backend;
            }
            commits.commitNow();
            MVStore old = store;
            List<String> names = new ArrayList<>();
            List<MVMap<Object, Object>> maps = new ArrayList<>();
            List<RootReference<Object, Object>> roots = new ArrayList<>();
            for (String name : old.getMapNames()) {
                MVMap<Object, Object> map = openForCopy(old, name);
                if (map != null) {
                    names.add(name);
                    maps.add(map);
                    roots.add(map.flushAndGetRoot());
                }
            }
            long version;
            try {
                version = writeCopy(next, names, maps, roots, new LinkedHashMap<>());
            } catch (IOException | RuntimeException e) {
                LOG.warn("compaction failed, the store goes on with its file as it is: {}", e.toString());
                try {
                    Files.deleteIfExists(next);
                } catch (IOException ignored) {
                    // a leftover .compact file is deleted at the next compaction
                }
                return backend;
            }
            old.close();
            marker.synced(version, true); // the new file's versions start low; note it before it takes the old one's place
            try {
                Files.move(next, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StoreException("compaction could not replace " + file + " with " + next + ": " + e, e);
            } finally {
                StoreFiles.syncDirectory(directory.toAbsolutePath());
            }
            MVStore reopened = StoreFiles.open(file, cacheMb, false);
            reopened.setRetentionTime(RETENTION_MS);
            DurableBackend swapped = new DurableBackend(reopened, commitLock);
            swapped.storeStatus(this::status);
            store = reopened;
            commits.store(reopened);
            compaction.swapped(reopened, fileSize());
            backend.close();
            backend = swapped;
            return swapped;
        }));
        return new Compaction.Result(before, fileSize(), fillBefore, store.getFillRate(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Stops serving, writes what is left, closes the file and releases the directory. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
        } finally {
            try {
                commits.close();
                backend.close();
                if (!store.isClosed()) {
                    store.commit();
                    long version = store.getCurrentVersion();
                    GroupCommit.Stats s = commits.stats();
                    LOG.info("store closed: {} commits for {} acknowledged writes, {} ms per commit and {} ms per fsync on "
                                    + "average, file {} MB", s.commits(), s.acknowledgedWrites(),
                            String.format("%.1f", s.commits() == 0 ? 0.0 : s.commitMillis() / (double) s.commits()),
                            String.format("%.1f", s.commits() == 0 ? 0.0 : s.syncMillis() / (double) s.commits()),
                            fileSize() >> 20);
                    store.close();
                    marker.synced(version, true);
                }
            } catch (RuntimeException e) {
                LOG.warn("closing the store file failed: {}", e.toString());
            } finally {
                lock.close();
            }
        }
    }

    /** Drops the store at once, as a crash would: nothing more is written (tests). */
    public void halt() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            server.close();
            commits.abort();
        } finally {
            store.closeImmediately();
            lock.close();
        }
    }

    @Override
    public String toString() {
        return "DurableStore[" + file.toAbsolutePath() + "]";
    }
}
