package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;

import io.minicrm.application.ingest.Ingestion;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.shared.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link IngestionRepository}: tracking records, each batch recorded once, rejections capped. */
public abstract class IngestionRepositoryContract {

    /** A fresh, empty repository. */
    protected abstract IngestionRepository newRepository();

    protected IngestionRepository repo;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    private static RowError error(int index) {
        return new RowError(index, List.of(new Problem("/email", "not a valid e-mail address"),
                new Problem("/visits", "must not be negative")));
    }

    private Ingestion queued(String id, int batches, List<RowError> rejectedAtOnce) {
        Ingestion i = new Ingestion(id, Ingestion.Kind.CUSTOMERS, 1000, 0, rejectedAtOnce.size(), rejectedAtOnce, batches,
                Set.of(), NOW, NOW);
        repo.insert(i);
        return i;
    }

    @Test
    void insert_thenFind_readsBackEqual() {
        Ingestion i = queued("ing-1", 3, List.of(error(4), error(17)));
        assertThat(repo.findById("ing-1")).contains(i);
        assertThat(repo.findById("nope")).isEmpty();
        assertThat(i.status()).isEqualTo("queued");
    }

    @Test
    void recordBatch_addsItsCounts_oncePerBatch() {
        queued("ing-1", 2, List.of(error(1)));

        repo.recordBatch("ing-1", 0, 499, List.of(error(7)), NOW.plusSeconds(1));
        repo.recordBatch("ing-1", 0, 499, List.of(error(7)), NOW.plusSeconds(2));
        Ingestion running = repo.findById("ing-1").orElseThrow();
        assertThat(running.written()).isEqualTo(499);
        assertThat(running.rejectedCount()).isEqualTo(2);
        assertThat(running.rejected()).extracting(RowError::index).containsExactly(1, 7);
        assertThat(running.batchesDone()).containsExactly(0);
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.updatedAt()).isEqualTo(NOW.plusSeconds(1));

        repo.recordBatch("ing-1", 1, 500, List.of(), NOW.plusSeconds(3));
        Ingestion done = repo.findById("ing-1").orElseThrow();
        assertThat(done.written()).isEqualTo(999);
        assertThat(done.isDone()).isTrue();
        assertThat(done.status()).isEqualTo("done");
        assertThat(done.rejected().get(1)).isEqualTo(error(7));
    }

    @Test
    void findRecent_listsTheNewestFirst_withoutTheirStoredRejections() {
        repo.insert(new Ingestion("ing-a", Ingestion.Kind.CUSTOMERS, 10, 0, 1, List.of(error(3)), 1, Set.of(), NOW, NOW));
        repo.insert(new Ingestion("ing-c", Ingestion.Kind.ORDERS, 20, 0, 0, List.of(), 2, Set.of(), NOW.plusSeconds(5),
                NOW.plusSeconds(5)));
        repo.insert(new Ingestion("ing-b", Ingestion.Kind.CUSTOMERS, 30, 0, 2, List.of(error(1), error(2)), 1, Set.of(),
                NOW, NOW));
        repo.recordBatch("ing-c", 0, 10, List.of(error(9)), NOW.plusSeconds(6));

        List<Ingestion> recent = repo.findRecent(10);

        assertThat(recent).extracting(Ingestion::id).containsExactly("ing-c", "ing-b", "ing-a");
        assertThat(recent).allSatisfy(i -> assertThat(i.rejected()).isEmpty());
        assertThat(recent.get(0).rejectedCount()).isEqualTo(1);
        assertThat(recent.get(0).written()).isEqualTo(10);
        assertThat(recent.get(0).status()).isEqualTo("running");
        assertThat(recent.get(1).rejectedCount()).isEqualTo(2);
        assertThat(repo.findRecent(2)).extracting(Ingestion::id).containsExactly("ing-c", "ing-b");
        assertThat(repo.findById("ing-b").orElseThrow().rejected()).hasSize(2);
    }

    @Test
    void recordBatch_ofAnUnknownIngestion_changesNothing() {
        repo.recordBatch("ghost", 0, 10, List.of(), NOW);
        assertThat(repo.findById("ghost")).isEmpty();
    }

    @Test
    void storedRejections_areCapped_butAllAreCounted() {
        queued("ing-1", 2, List.of());
        List<RowError> many = new ArrayList<>();
        IntStream.range(0, Ingestion.MAX_STORED_REJECTIONS - 10).forEach(i -> many.add(error(i)));
        repo.recordBatch("ing-1", 0, 0, many, NOW);
        List<RowError> more = new ArrayList<>();
        IntStream.range(5000, 5050).forEach(i -> more.add(error(i)));
        repo.recordBatch("ing-1", 1, 0, more, NOW);

        Ingestion i = repo.findById("ing-1").orElseThrow();
        assertThat(i.rejectedCount()).isEqualTo(Ingestion.MAX_STORED_REJECTIONS + 40);
        assertThat(i.rejected()).hasSize(Ingestion.MAX_STORED_REJECTIONS);
    }

    @Test
    void concurrentBatches_areAllRecorded_andRepeatsOnce() {
        int batches = 16;
        queued("ing-1", batches, List.of());
        concurrently(8, t -> {
            for (int b = 0; b < batches; b++) {
                repo.recordBatch("ing-1", (b + t) % batches, 10, List.of(error(b)), NOW);
            }
            return null;
        });
        Ingestion i = repo.findById("ing-1").orElseThrow();
        assertThat(i.batchesDone()).hasSize(batches);
        assertThat(i.written()).isEqualTo(10L * batches);
        assertThat(i.rejectedCount()).isEqualTo(batches);
        assertThat(i.isDone()).isTrue();
    }
}
