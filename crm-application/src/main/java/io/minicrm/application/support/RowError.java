package io.minicrm.application.support;

import io.minicrm.domain.shared.Problem;
import java.util.List;

/**
 * A rejected row of a bulk request: its index in the request and the problems found (at most
 * {@value #MAX_ERRORS}, the last of them saying how many more there were).
 */
public record RowError(int index, List<Problem> errors) {
    /** Most problems kept per row. */
    public static final int MAX_ERRORS = 20;

    public RowError {
        errors = Problem.capped(errors, MAX_ERRORS);
    }
}
