package io.minicrm.adapter.mongo.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Opens the store's MVStore file: creates a new one atomically (written as a temporary file with its
 * format marker, synced, then renamed, so a file named {@code minicrm.mv} is never a half-made empty
 * one), checks its format (migrating the old Java-serialised one), and reads every map's first and last
 * keys, so a damaged or truncated file is reported at start-up with what to do, never opened as an empty store.
 */
final class StoreFiles {
    private StoreFiles() {
    }

    static MVStore open(Path file, int cacheMb, boolean readOnly) {
        if (!Files.exists(file)) {
            if (readOnly) {
                throw new StoreException("there is no store file " + file.toAbsolutePath());
            }
            create(file);
        }
        try {
            if (Files.size(file) == 0) {
                throw damaged(file, "it is empty (0 bytes)", null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        MVStore store;
        try {
            MVStore.Builder builder = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMb).autoCommitDisabled();
            store = (readOnly ? builder.readOnly() : builder).open();
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("locked")) {
                throw new StoreException.Locked("the store file " + file.toAbsolutePath() + " is in use by another process; stop it first");
            }
            throw damaged(file, e.getMessage(), e);
        }
        try {
            int format = StoreFormat.read(store);
            if (format == 0) {
                if (LegacyFormat.isLegacy(store) && !readOnly) {
                    LegacyFormat.migrate(store, file);
                } else {
                    throw damaged(file, LegacyFormat.isLegacy(store) ? "it is in the old format of an earlier Mini CRM"
                            : "it carries no Mini CRM format marker (maps: " + store.getMapNames() + ")", null);
                }
            } else if (format > StoreFormat.VERSION) {
                throw new StoreException(file.toAbsolutePath() + " was written by a newer Mini CRM (store format " + format
                        + "; this version reads format " + StoreFormat.VERSION + "). Run that version, or restore a backup made by this one.");
            }
            verify(store);
            return store;
        } catch (StoreException e) {
            store.closeImmediately();
            throw e;
        } catch (RuntimeException e) {
            store.closeImmediately();
            throw damaged(file, e.getMessage(), e);
        }
    }

    /** Reads each map's size and its first and last keys (the pages on both edges of every tree). */
    static void verify(MVStore store) {
        List<String> names = new ArrayList<>(store.getMapNames());
        for (String name : names) {
            MVMap<?, ?> map;
            if (name.startsWith(DurableDatabase.DOCS)) {
                map = store.openMap(name, DurableDatabase.documentsMap());
            } else if (name.startsWith(DurableDatabase.INDEX)) {
                map = store.openMap(name, DurableDatabase.indexMap());
            } else {
                continue;
            }
            if (map.sizeAsLong() > 0) {
                map.get(map.firstKey());
                map.get(map.lastKey());
            }
        }
    }

    static StoreException damaged(Path file, String reason, Throwable cause) {
        return new StoreException("the store file " + file.toAbsolutePath() + " cannot be read (" + reason + "). It is damaged, "
                + "or not a Mini CRM data file. Restore the last backup into an empty directory "
                + "(java -jar minicrm.jar restore <backup-file>), or move the file away to start with an empty store.", cause);
    }

    /** A new, empty store file with its format marker, made atomically. */
    private static void create(Path file) {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.deleteIfExists(temp);
            MVStore store = new MVStore.Builder().fileName(temp.toString()).autoCommitDisabled().open();
            try {
                StoreFormat.mark(store);
                store.commit();
            } finally {
                store.close();
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store file " + file, e);
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be synced
        }
    }
}
