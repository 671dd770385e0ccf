package io.minicrm.domain.segment.syntax;

import io.minicrm.domain.segment.InvalidRuleException;
import io.minicrm.domain.shared.Problem;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/** The problems a rule reader reports, as {@code "path: message"} strings. */
final class Problems {
    private Problems() {
    }

    static List<String> of(Runnable read) {
        try {
            read.run();
        } catch (InvalidRuleException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        return fail("expected an InvalidRuleException");
    }
}
