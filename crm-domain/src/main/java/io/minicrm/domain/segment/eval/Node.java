package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;

/**
 * A compiled predicate over one customer; {@code now} is milliseconds since the epoch. One small final
 * class per field kind and operator (in the family files: {@link NumberNodes}, {@link TextNodes},
 * {@link DateNodes}, {@link TagNodes}, {@link BooleanNodes}, {@link AttributeNodes}) and fixed-arity
 * {@link Connectives}, so that the JIT sees few receiver types per call site and can inline a hot rule.
 */
abstract class Node {
    abstract boolean test(Customer c, long now);

    /**
     * The exact complement of this node. Leaves answer with a dedicated node (e.g. {@code tags contains} gives
     * {@code tags notContains}) rather than a {@code Not} wrapper: one virtual call and type guard less per
     * evaluation, and less machine code per compiled rule. Every leaf is total (missing values answer false
     * for positive tests), so the complement is exactly the negated operator's docs/rules.md semantics.
     */
    Node negate() {
        return new Connectives.Not(this);
    }
}
