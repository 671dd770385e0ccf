package io.minicrm.domain.segment;

import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.ValidationException;
import java.util.List;

/** A rule could not be read or is not valid; carries every problem with its path. */
public class InvalidRuleException extends ValidationException {
    /** A rule refused for these problems (at least one). */
    public InvalidRuleException(List<Problem> problems) {
        super(problems);
    }

    /** A rule refused for one problem at {@code path}. */
    public InvalidRuleException(String path, String message) {
        super(path, message);
    }

    @Override
    public InvalidRuleException under(String prefix) {
        return new InvalidRuleException(problems().stream().map(p -> p.under(prefix)).toList());
    }
}
