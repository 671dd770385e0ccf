package io.minicrm.domain.segment;

import java.util.List;
import java.util.Objects;

/**
 * A segment rule: the AST of the rule language. {@code and}/{@code or} hold at least two children
 * (readers collapse a single child into itself), {@code not} holds one, leaves are {@link Condition}s.
 * Build it with the readers ({@link io.minicrm.domain.segment.syntax.RuleReaders}), which validate; print it
 * with {@link io.minicrm.domain.segment.syntax.CanonicalRuleWriter} and
 * {@link io.minicrm.domain.segment.syntax.DslPrinter}; evaluate it with
 * {@link io.minicrm.domain.segment.eval.CompiledRule}.
 */
public sealed interface Rule permits Rule.And, Rule.Or, Rule.Not, Condition {

    /** All of two or more rules. */
    record And(List<Rule> rules) implements Rule {
        public And {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("and needs at least two rules");
            }
        }
    }

    /** Any of two or more rules. */
    record Or(List<Rule> rules) implements Rule {
        public Or {
            rules = List.copyOf(rules);
            if (rules.size() < 2) {
                throw new IllegalArgumentException("or needs at least two rules");
            }
        }
    }

    /** The negation of a rule. */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /** {@code and} of the given rules, or the rule itself when there is only one. */
    static Rule and(List<Rule> rules) {
        return rules.size() == 1 ? rules.get(0) : new And(rules);
    }

    /** {@code or} of the given rules, or the rule itself when there is only one. */
    static Rule or(List<Rule> rules) {
        return rules.size() == 1 ? rules.get(0) : new Or(rules);
    }
}
