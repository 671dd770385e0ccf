package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of earlier Mini CRM versions: mongo-java-server's stock H2 layout, every document and index key
 * Java-serialised ({@code databases.<ns>}, {@code meta.<ns>}, {@code <ns>._index_<name>}). Opening one
 * migrates it in place to format {@value StoreFormat#VERSION}, after copying the file aside
 * ({@code minicrm.mv.format0-backup}). The old maps are removed and the format marked in the last
 * commit only, so an interrupted migration starts over at the next open.
 */
final class LegacyFormat {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyFormat.class);
    static final String DOCUMENTS = "databases.";
    static final String META = "meta.";
    static final String INDEX = "._index_";
    private static final int COMMIT_EVERY = 20_000;

    private LegacyFormat() {
    }

    static boolean isLegacy(MVStore store) {
        return store.getMapNames().stream().anyMatch(n -> n.startsWith(DOCUMENTS));
    }

    static void migrate(MVStore store, Path file) {
        Path copy = file.resolveSibling(file.getFileName() + ".format0-backup");
        try {
            if (!Files.exists(copy)) {
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " aside before migrating it", e);
        }
        LOG.info("migrating {} from the Java-serialised format to store format {} (a copy of the old file is in {})",
                file, StoreFormat.VERSION, copy);
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(DurableDatabase.DOCS) || name.startsWith(DurableDatabase.INDEX)) {
                store.removeMap(name); // left by an interrupted migration
            }
        }
        long documents = 0;
        long keys = 0;
        List<String> old = new ArrayList<>();
        for (String name : new ArrayList<>(store.getMapNames())) {
            if (name.startsWith(DOCUMENTS)) {
                MVMap<Object, Object> from = store.openMap(name);
                MVMap<Object, byte[]> to = store.openMap(DurableDatabase.DOCS + name.substring(DOCUMENTS.length()),
                        DurableDatabase.documentsMap());
                for (Map.Entry<Object, Object> e : from.entrySet()) {
                    to.put(e.getKey(), DocumentCodec.encode((Document) e.getValue()));
                    if (++documents % COMMIT_EVERY == 0) {
                        store.commit();
                    }
                }
                old.add(name);
            } else if (name.startsWith(META)) {
                old.add(name);
            } else if (name.contains(INDEX)) {
                int at = name.indexOf(INDEX);
                String ns = name.substring(0, at);
                String index = name.substring(at + INDEX.length());
                if (!index.equals("_id_")) { // the documents' map is the _id index now
                    MVMap<Object, Object> from = store.openMap(name);
                    MVMap<byte[], Object> to = store.openMap(DurableDatabase.INDEX + ns + "." + index, DurableDatabase.indexMap());
                    for (Map.Entry<Object, Object> e : from.entrySet()) {
                        to.put(DurableUniqueIndex.encode((KeyValue) e.getKey()), e.getValue());
                        if (++keys % COMMIT_EVERY == 0) {
                            store.commit();
                        }
                    }
                }
                old.add(name);
            }
        }
        for (String name : old) {
            store.removeMap(name);
        }
        StoreFormat.mark(store);
        store.commit();
        store.sync();
        LOG.info("migrated {}: {} documents, {} index keys; the old file's copy {} can be deleted once you are satisfied",
                file, documents, keys, copy);
    }
}
