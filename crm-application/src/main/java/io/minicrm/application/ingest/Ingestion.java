package io.minicrm.application.ingest;

import io.minicrm.application.support.RowError;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tracking record of a queued ingestion: rows accepted into the queue, rows written, rows
 * rejected (with their index in the request), and which batches are done. Done when every batch is.
 */
public record Ingestion(String id, Kind kind, long accepted, long written, long rejectedCount, List<RowError> rejected,
                        int batches, Set<Integer> batchesDone, Instant createdAt, Instant updatedAt) {
    public static final int MAX_STORED_REJECTIONS = 1000;

    public enum Kind {
        CUSTOMERS, ORDERS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Ingestion {
        rejected = List.copyOf(rejected);
        batchesDone = Set.copyOf(batchesDone);
    }

    public boolean isDone() {
        return batchesDone.size() >= batches;
    }

    public String status() {
        return isDone() ? "done" : (batchesDone.isEmpty() ? "queued" : "running");
    }
}
