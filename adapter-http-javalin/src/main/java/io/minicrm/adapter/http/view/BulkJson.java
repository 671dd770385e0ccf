package io.minicrm.adapter.http.view;

import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import java.util.List;

/**
 * The answer of a bulk write: {@code accepted} rows written (of which {@code inserted}, {@code updated},
 * {@code unchanged}), every {@code rejected} row with its index and problems (nothing was written for
 * it), and the id of each row by index ({@code null} where rejected).
 */
public record BulkJson(int accepted, int inserted, int updated, int unchanged, List<RowError> rejected,
                       List<String> ids) {

    public static BulkJson from(BulkResult r) {
        return new BulkJson(r.accepted(), r.inserted(), r.updated(), r.unchanged(), r.rejected(), r.ids());
    }
}
