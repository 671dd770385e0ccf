package io.minicrm.application.support;

import java.util.List;

/**
 * The outcome of a bulk write: how many rows were accepted (written), and each rejected row with
 * its problems. Rejected rows wrote nothing.
 */
public record BulkResult(int accepted, List<RowError> rejected, int inserted, int updated, int unchanged,
                         List<String> ids) {
    public BulkResult {
        rejected = List.copyOf(rejected);
        ids = ids == null ? List.of() : List.copyOf(ids);
    }
}
