package io.minicrm.adapter.mongo.support;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Every stored document carries {@value #FIELD}: the version of its layout, so documents can evolve
 * (a mapper reads every version it knows and writes the newest). Version 1 is the first layout.
 */
public final class Schema {
    public static final String FIELD = "schemaVersion";

    private Schema() {
    }

    /** The document's layout version (1 when absent), refusing versions newer than {@code newest}. */
    public static int versionOf(BsonDocument doc, int newest) {
        BsonValue v = doc.get(FIELD);
        int version = v == null || !v.isNumber() ? 1 : v.asNumber().intValue();
        if (version > newest) {
            throw new IllegalStateException("stored document " + doc.get("_id") + " has schema version " + version
                    + "; this build reads up to " + newest + " (written by a newer release?)");
        }
        return version;
    }
}
