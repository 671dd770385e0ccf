package io.minicrm.application.inprocess;

import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.support.RowError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Ingestion tracking in memory. */
public final class InMemoryIngestionRepository implements IngestionRepository {
    private final Map<String, Ingestion> ingestions = new HashMap<>();

    @Override
    public synchronized void insert(Ingestion ingestion) {
        ingestions.put(ingestion.id(), ingestion);
    }

    @Override
    public synchronized Optional<Ingestion> findById(String id) {
        return Optional.ofNullable(ingestions.get(id));
    }

    @Override
    public synchronized List<Ingestion> findRecent(int limit) {
        return ingestions.values().stream()
                .sorted(Comparator.comparing(Ingestion::createdAt).thenComparing(Ingestion::id).reversed())
                .limit(limit)
                .map(i -> new Ingestion(i.id(), i.kind(), i.accepted(), i.written(), i.rejectedCount(), List.of(),
                        i.batches(), i.batchesDone(), i.createdAt(), i.updatedAt()))
                .toList();
    }

    @Override
    public synchronized void recordBatch(String id, int batchIndex, long written, List<RowError> rejected, Instant now) {
        Ingestion i = ingestions.get(id);
        if (i == null || i.batchesDone().contains(batchIndex)) {
            return;
        }
        Set<Integer> done = new HashSet<>(i.batchesDone());
        done.add(batchIndex);
        List<RowError> kept = new ArrayList<>(i.rejected());
        for (RowError e : rejected) {
            if (kept.size() < Ingestion.MAX_STORED_REJECTIONS) {
                kept.add(e);
            }
        }
        ingestions.put(id, new Ingestion(id, i.kind(), i.accepted(), i.written() + written,
                i.rejectedCount() + rejected.size(), kept, i.batches(), done, i.createdAt(), now));
    }
}
