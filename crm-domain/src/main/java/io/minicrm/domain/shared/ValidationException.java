package io.minicrm.domain.shared;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input was rejected; carries the problems found, each with its path: every one up to
 * {@value #MAX_PROBLEMS}, beyond that the first ones and {@code "and N more problems"}. Adapters turn it
 * into a 400/422 with the list, never into a 500.
 */
public class ValidationException extends RuntimeException {
    /** Most problems kept (the last one says how many more there were). */
    public static final int MAX_PROBLEMS = 100;

    private final transient List<Problem> problems;

    /** An input refused for these problems (at least one; more than {@value #MAX_PROBLEMS} are capped). */
    public ValidationException(List<Problem> problems) {
        super(summary(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one problem");
        }
        this.problems = Problem.capped(problems, MAX_PROBLEMS);
    }

    /** An input refused for one problem at {@code path}. */
    public ValidationException(String path, String message) {
        this(List.of(new Problem(path, message)));
    }

    /** Every problem found, capped at {@value #MAX_PROBLEMS}. */
    public List<Problem> problems() {
        return problems;
    }

    /** The same problems, each located under {@code prefix}. */
    public ValidationException under(String prefix) {
        return new ValidationException(problems.stream().map(p -> p.under(prefix)).toList());
    }

    private static String summary(List<Problem> problems) {
        String shown = problems.stream().limit(5).map(Problem::toString).collect(Collectors.joining("; "));
        return problems.size() > 5 ? shown + "; and " + (problems.size() - 5) + " more" : shown;
    }
}
