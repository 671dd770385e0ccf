package io.minicrm.application.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The outcome of a bulk write: how many rows were accepted (written), and each rejected row with
 * its problems. Rejected rows wrote nothing. {@code ids} is aligned with the request's rows: the id of
 * each row's customer or order, {@code null} where the row was rejected.
 */
public record BulkResult(int accepted, List<RowError> rejected, int inserted, int updated, int unchanged,
                         List<String> ids) {
    public BulkResult {
        rejected = List.copyOf(rejected);
        // not List.copyOf: rejected rows have a null id
        ids = ids == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(ids));
    }
}
