package io.minicrm.application.port;

import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.support.RowError;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tracking records of queued ingestions. */
public interface IngestionRepository {
    void insert(Ingestion ingestion);

    Optional<Ingestion> findById(String id);

    /**
     * Records the outcome of batch {@code batchIndex} once: a batch recorded again (its message was
     * delivered twice) changes nothing. Stores at most {@link Ingestion#MAX_STORED_REJECTIONS} rejections.
     */
    void recordBatch(String id, int batchIndex, long written, List<RowError> rejected, Instant now);

    /**
     * The newest {@code limit} ingestions (by creation, then id, newest first), each without its stored
     * rejections: {@code rejected} is empty, {@code rejectedCount} counts them all ({@link #findById} has them).
     */
    List<Ingestion> findRecent(int limit);
}
