package io.minicrm.adapter.mongo.embedded;

/** What the embedded server's backends tell a client about themselves. */
public final class EmbeddedServers {
    /**
     * A {@code serverStatus} field, true on the backends of this package: they answer any filter that
     * names string {@code _id}s from their id map, so a client needs no {@code (_id, version)}-style
     * index to make a compare-and-set write cheap.
     */
    public static final String ID_LOOKUP_FLAG = "minicrmIdLookup";

    private EmbeddedServers() {
    }
}
