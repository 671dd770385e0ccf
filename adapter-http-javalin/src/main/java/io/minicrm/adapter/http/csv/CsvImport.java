package io.minicrm.adapter.http.csv;

import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import java.util.ArrayList;
import java.util.List;


/**
 * Imports a streamed CSV in chunks of {@value #CHUNK} rows (fewer when their cells pass
 * {@value #CHUNK_CHARS} characters): each chunk is validated and written by the ingestion use case (rows
 * indexed from the first data row, 0), so memory holds one bounded chunk whatever the file size. The report keeps the first {@value #MAX_REPORTED} rejected rows and counts all of them.
 * If the CSV turns out malformed or too large part-way, the import stops there; the problem it raises
 * says how many rows were written before (extension members {@code accepted}, {@code rejectedCount}).
 */
public final class CsvImport {
    public static final int CHUNK = 1000;
    /** Most characters of cell text held in one chunk. */
    public static final long CHUNK_CHARS = 4_000_000;
    public static final int MAX_REPORTED = 1000;

    /** Validates and writes one chunk whose first row has index {@code firstIndex}. */
    @FunctionalInterface
    public interface ChunkWriter {
        BulkResult write(List<Object> rows, int firstIndex);
    }

    /** The outcome: rows read, accepted (written), rejected (all counted, the first ones listed). */
    public record Report(long rows, long accepted, long rejectedCount, List<RowError> rejected, boolean rejectedTruncated) {
    }

    private CsvImport() {
    }

    public static Report run(CsvRows csv, ChunkWriter writer) {
        long accepted = 0;
        long rejectedCount = 0;
        List<RowError> rejected = new ArrayList<>();
        List<Object> chunk = new ArrayList<>(CHUNK);
        int firstIndex = 0;
        long chunkChars = 0;
        try {
            while (true) {
                Object row = csv.nextRow();
                if (row != null) {
                    chunk.add(row);
                    chunkChars += csv.lastRowChars();
                }
                if (chunk.size() == CHUNK || chunkChars >= CHUNK_CHARS || (row == null && !chunk.isEmpty())) {
                    chunkChars = 0;
                    List<RowError> chunkRejected = new ArrayList<>();
                    List<Object> good = new ArrayList<>(chunk.size());
                    List<Integer> goodIndexes = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        if (chunk.get(i) instanceof CsvRows.TooWide wide) {
                            chunkRejected.add(new RowError(firstIndex + i, List.of(wide.problem())));
                        } else {
                            good.add(chunk.get(i));
                            goodIndexes.add(firstIndex + i);
                        }
                    }
                    if (!good.isEmpty()) {
                        BulkResult r = writer.write(good, 0);
                        accepted += r.accepted();
                        for (RowError e : r.rejected()) {
                            chunkRejected.add(new RowError(goodIndexes.get(e.index()), e.errors()));
                        }
                    }
                    chunkRejected.sort((a, b) -> Integer.compare(a.index(), b.index()));
                    rejectedCount += chunkRejected.size();
                    for (RowError e : chunkRejected) {
                        if (rejected.size() < MAX_REPORTED) {
                            rejected.add(e);
                        }
                    }
                    firstIndex += chunk.size();
                    chunk.clear();
                }
                if (row == null) {
                    break;
                }
            }
        } catch (ApiProblem p) {
            throw p.withExtension("accepted", accepted).withExtension("rejectedCount", rejectedCount)
                    .withExtension("rowsWritten", "rows before data row " + firstIndex + " were processed; "
                            + accepted + " of them written");
        }
        if (csv.rowsRead() == 0) {
            throw ApiProblem.badRequest("", "the CSV has a header but no rows");
        }
        return new Report(csv.rowsRead(), accepted, rejectedCount, rejected, rejectedCount > rejected.size());
    }

}
