package io.minicrm.adapter.http.view;

import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.support.RowError;
import java.time.Instant;
import java.util.List;

/**
 * A queued ingestion's progress: {@code status} queued, running or done; rows {@code accepted} into the
 * queue, {@code written} so far, {@code rejectedCount} (the first {@value Ingestion#MAX_STORED_REJECTIONS}
 * in {@code rejected}).
 */
public record IngestionJson(String id, String kind, String status, long accepted, long written, long rejectedCount,
                            List<RowError> rejected, int batches, int batchesDone, Instant createdAt,
                            Instant updatedAt) {

    public static IngestionJson from(Ingestion i) {
        return new IngestionJson(i.id(), i.kind().wire(), i.status(), i.accepted(), i.written(), i.rejectedCount(),
                i.rejected(), i.batches(), i.batchesDone().size(), i.createdAt(), i.updatedAt());
    }
}
