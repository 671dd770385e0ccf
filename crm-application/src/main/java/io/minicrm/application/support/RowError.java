package io.minicrm.application.support;

import io.minicrm.domain.shared.Problem;
import java.util.List;

/** A rejected row of a bulk request: its index in the request and every problem found. */
public record RowError(int index, List<Problem> errors) {
    public RowError {
        errors = List.copyOf(errors);
    }
}
