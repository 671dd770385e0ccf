package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.bson.Document;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's command handling on the durable store: databases of {@link DurableDatabase},
 * collections of {@link DurableCollection} in one MVStore file. The databases found in the file are
 * opened at start.
 */
final class DurableBackend extends AbstractMongoBackend {
    private final MVStore store;
    private final CommitLock lock;
    private volatile Supplier<Document> storeStatus = Document::new;

    DurableBackend(MVStore store, CommitLock lock) {
        this.store = store;
        this.lock = lock;
        for (String database : databaseNames(store)) {
            resolveDatabase(database);
        }
    }

    static Set<String> databaseNames(MVStore store) {
        Set<String> names = new LinkedHashSet<>();
        for (String map : store.getMapNames()) {
            if (map.startsWith(DurableDatabase.DOCS)) {
                String ns = map.substring(DurableDatabase.DOCS.length());
                int dot = ns.indexOf('.');
                names.add(dot < 0 ? ns : ns.substring(0, dot));
            }
        }
        return names;
    }

    /** Cursors open on this backend (a store swap waits until there are none). */
    int openCursors() {
        return getCursorRegistry().size();
    }

    /** Whether the collection's map exists (without creating the database or the collection). */
    boolean collectionExists(String database, String collection) {
        return store.hasMap(DurableDatabase.DOCS + database + "." + collection);
    }

    void storeStatus(Supplier<Document> status) {
        this.storeStatus = status;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new DurableDatabase(databaseName, store, getCursorRegistry(), lock);
    }

    /** Says {@value EmbeddedServers#ID_LOOKUP_FLAG} and how the store is doing (commits, file, cache). */
    @Override
    public Document getServerStatus() {
        Document status = super.getServerStatus();
        status.put(EmbeddedServers.ID_LOOKUP_FLAG, true);
        status.put("minicrmStore", storeStatus.get());
        return status;
    }
}
