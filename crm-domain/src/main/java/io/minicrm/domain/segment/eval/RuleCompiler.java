package io.minicrm.domain.segment.eval;

import io.minicrm.domain.segment.AttributeField;
import io.minicrm.domain.segment.Condition;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.StandardField;
import java.util.List;

/**
 * Compiles a rule into a tree of small, specialised predicate {@link Node}s (one class per field kind and
 * operator, fixed-arity and/or nodes), so the JIT can inline a hot rule almost as well as a hand-written
 * predicate. Connectives are compiled here; each condition goes to its operand family's file.
 *
 * <p>Implements docs/rules.md's missing-value semantics: on a missing value positive comparisons are false and
 * negated ones ({@code ne}, {@code notIn}, {@code notContains}, {@code notInLastDays}) true. A custom
 * attribute holding a value of another type than the condition's counts as missing for it (as MongoDB's
 * type bracketing does).
 */
final class RuleCompiler {
    private RuleCompiler() {
    }

    static Node compile(Rule rule) {
        if (rule instanceof Rule.And a) {
            return Connectives.and(compileAll(a.rules()));
        }
        if (rule instanceof Rule.Or o) {
            return Connectives.or(compileAll(o.rules()));
        }
        if (rule instanceof Rule.Not n) {
            return compile(n.rule()).negate();
        }
        Condition c = (Condition) rule;
        if (c.field() instanceof StandardField f) {
            return switch (f.type()) {
                case MONEY, INTEGER -> f == StandardField.VISITS ? VisitsNodes.compile(c) : NumberNodes.compile(f, c);
                case STRING -> TextNodes.compile(f, c);
                case DATE -> DateNodes.compile(f, c);
                case SET -> TagNodes.compile(c);
                case BOOLEAN -> BooleanNodes.compile(f, c);
                case ATTRIBUTE -> throw new IllegalStateException("a catalog field is never of the attribute type");
            };
        }
        return AttributeNodes.compile(((AttributeField) c.field()).key(), c);
    }

    private static Node[] compileAll(List<Rule> rules) {
        Node[] out = new Node[rules.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = compile(rules.get(i));
        }
        return out;
    }
}
