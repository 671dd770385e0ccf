package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.Rule;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A rule compiled once into a tree of predicate nodes. Relative dates ({@code inLastDays}) are
 * measured from the clock's time when a matcher is taken, so one scan uses one "now".
 * Evaluating a customer allocates nothing.
 */
public final class CompiledRule {
    private final Rule rule;
    private final Clock clock;
    private final Node root;

    CompiledRule(Rule rule, Clock clock, Node root) {
        this.rule = rule;
        this.clock = clock;
        this.root = root;
    }

    /** Compiles {@code rule}; relative dates are taken from {@code clock}. */
    public static CompiledRule compile(Rule rule, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        return new CompiledRule(rule, clock, RuleCompiler.compile(rule));
    }

    /** The rule this was compiled from. */
    public Rule rule() {
        return rule;
    }

    /** A predicate with "now" fixed at the clock's current time. */
    public Predicate<Customer> matcher() {
        return matcherAt(clock.instant());
    }

    /** A predicate with "now" fixed at {@code now}. */
    public Predicate<Customer> matcherAt(Instant now) {
        long nowMillis = now.toEpochMilli();
        Node r = root;
        return c -> r.test(c, nowMillis);
    }

    /** Evaluates one customer at the clock's current time. */
    public boolean matches(Customer customer) {
        return root.test(customer, clock.millis());
    }

    /** Evaluates one customer at a given time (milliseconds since the epoch); allocation-free. */
    public boolean matches(Customer customer, long nowMillis) {
        return root.test(customer, nowMillis);
    }
}
