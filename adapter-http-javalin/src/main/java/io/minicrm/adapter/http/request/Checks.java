package io.minicrm.adapter.http.request;

import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.Problem;
import io.minicrm.domain.shared.Times;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the problems of a bound request (required fields, id shapes, dates) so that all of them are
 * reported at once; {@link #done()} throws a {@link ValidationException} (400) when there are any.
 */
public final class Checks {
    private final List<Problem> problems = new ArrayList<>();

    public String required(String path, String value) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem(path, "is required"));
            return null;
        }
        return value;
    }

    public Object required(String path, Object value) {
        if (value == null) {
            problems.add(new Problem(path, "is required"));
        }
        return value;
    }

    /** A required identifier (1..64 of letters, digits, '_' or '-'). */
    public String id(String path, String value) {
        if (required(path, value) == null) {
            return null;
        }
        if (!Ids.isValid(value)) {
            problems.add(new Problem(path, "not a valid id"));
            return null;
        }
        return value;
    }

    /** An optional ISO-8601 date or date-time. */
    public Instant instant(String path, String value) {
        if (value == null) {
            return null;
        }
        Optional<Instant> t = Times.parse(value);
        if (t.isEmpty()) {
            problems.add(new Problem(path, "expected an ISO-8601 date or date-time"));
            return null;
        }
        return t.get();
    }

    public void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    public void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    public void done() {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
