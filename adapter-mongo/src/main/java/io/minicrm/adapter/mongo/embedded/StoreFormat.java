package io.minicrm.adapter.mongo.embedded;

import java.time.Instant;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.StringDataType;

/**
 * The version of the embedded store's file format, kept in the file (map {@value #META_MAP}, key
 * {@code format}) so a later Mini CRM can tell which format it opens and migrate it.
 *
 * <ul>
 *   <li>no marker, maps {@code databases.*}: the stock mongo-java-server H2 format (Java-serialised documents)
 *       written by earlier Mini CRM versions; migrated on open ({@link LegacyFormat})</li>
 *   <li>1: documents and keys in {@link DocumentCodec}'s encoding, maps {@code docs.*} and {@code index.*}</li>
 * </ul>
 */
public final class StoreFormat {
    /** The format this version writes and reads. */
    public static final int VERSION = 1;
    static final String META_MAP = "minicrm.meta";

    private StoreFormat() {
    }

    static MVMap<String, String> meta(MVStore store) {
        return store.openMap(META_MAP, new MVMap.Builder<String, String>()
                .keyType(StringDataType.INSTANCE).valueType(StringDataType.INSTANCE));
    }

    /** The file's format version; 0 when it carries no marker. */
    static int read(MVStore store) {
        if (!store.hasMap(META_MAP)) {
            return 0;
        }
        String v = meta(store).get("format");
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("unreadable format marker \"" + v + "\"");
        }
    }

    static void mark(MVStore store) {
        MVMap<String, String> meta = meta(store);
        meta.put("format", Integer.toString(VERSION));
        meta.putIfAbsent("created", Instant.now().toString());
    }
}
