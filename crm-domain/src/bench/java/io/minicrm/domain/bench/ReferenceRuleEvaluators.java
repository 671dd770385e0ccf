package io.minicrm.domain.bench;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.testing.RuleFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.MapContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * The reference rule of docs/rules.md, {@code totalSpent > 10000 and (visits < 3 or lastOrderAt not in last 90 days)
 * and not tags contains "churned"}, four ways: hand-written Java, {@link CompiledRule}, Spring SpEL compiled to
 * bytecode, and Apache Commons JEXL. "Not in the last 90 days" follows docs/rules.md: never ordered, ordered before the
 * cutoff, or (clock skew) after now.
 */
final class ReferenceRuleEvaluators {
    final Instant now;
    final long nowMillis;
    final long cutoffMillis;
    final CompiledRule compiled;
    final SpelExpression spel;
    final EvaluationContext spelContext;
    final JexlExpression jexl;
    final MapContext jexlContext;

    ReferenceRuleEvaluators(Instant now) {
        this.now = now;
        this.nowMillis = now.toEpochMilli();
        this.cutoffMillis = now.minus(Duration.ofDays(90)).toEpochMilli();
        this.compiled = RuleFixtures.compile(RuleFixtures.REFERENCE_DSL, now);

        // long literals (L) against long-returning methods: an int or double literal would leave mixed operand
        // types that SpEL's compiler refuses, and it would silently stay interpreted
        String spelText = "totalSpentMinor() > 1000000L and (visits() < 3L or lastOrderAt() == null"
                + " or lastOrderAt().toEpochMilli() < " + cutoffMillis + "L or lastOrderAt().toEpochMilli() > " + nowMillis + "L)"
                + " and !tags().contains('churned')";
        SpelParserConfiguration config = new SpelParserConfiguration(SpelCompilerMode.IMMEDIATE, getClass().getClassLoader());
        this.spel = (SpelExpression) new SpelExpressionParser(config).parseExpression(spelText);
        // a SimpleEvaluationContext makes even the compiled expression allocate ~1-2 KB per evaluation (measured);
        // the compiled bytecode does not consult the context, so a plain StandardEvaluationContext is used
        this.spelContext = new StandardEvaluationContext();

        JexlEngine engine = new JexlBuilder().strict(true).silent(false).cache(16)
                .permissions(JexlPermissions.RESTRICTED.compose("io.minicrm.domain.customer.*", "java.time.*"))
                .create();
        this.jexl = engine.createExpression("c.totalSpentMinor() > 1000000 && (c.visits() < 3 || c.lastOrderAt() == null"
                + " || c.lastOrderAt().toEpochMilli() < cutoff || c.lastOrderAt().toEpochMilli() > now)"
                + " && !c.tags().contains('churned')");
        this.jexlContext = new MapContext();
        jexlContext.set("cutoff", cutoffMillis);
        jexlContext.set("now", nowMillis);
    }

    static boolean handWritten(Customer c, long cutoff, long now) {
        if (c.totalSpentMinor() <= 1_000_000) {
            return false;
        }
        if (c.visits() >= 3) {
            Instant last = c.lastOrderAt();
            if (last != null) {
                long t = last.toEpochMilli();
                if (t >= cutoff && t <= now) {
                    return false;
                }
            }
        }
        return !c.tags().contains("churned");
    }

    boolean handWritten(Customer c) {
        return handWritten(c, cutoffMillis, nowMillis);
    }

    boolean compiledRule(Customer c) {
        return compiled.matches(c, nowMillis);
    }

    boolean spel(Customer c) {
        return (Boolean) spel.getValue(spelContext, c);
    }

    boolean jexl(Customer c) {
        jexlContext.set("c", c);
        return (Boolean) jexl.evaluate(jexlContext);
    }

    /**
     * Makes SpEL compile the expression to bytecode and proves it did. SpEL compiles only nodes whose types it
     * has seen, so first evaluate (interpreted) customers that take every branch, then compile explicitly.
     */
    void compileSpel(Customer[] customers) {
        for (int i = 0; i < Math.min(customers.length, 50); i++) {
            spel.getValue(spelContext, customers[i]);
        }
        if (!spel.compileExpression()) {
            throw new IllegalStateException("SpEL did not compile the expression: " + spel.getExpressionString());
        }
        try {
            java.lang.reflect.Field ast = SpelExpression.class.getDeclaredField("compiledAst");
            ast.setAccessible(true);
            if (ast.get(spel) == null) {
                throw new IllegalStateException("SpEL has no compiled AST");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the field is an implementation detail; compileExpression() returning true is the documented signal
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
        }
    }

    /** Fails unless all four agree on every customer; returns how many match. */
    int checkAgreement(Customer[] customers) {
        int matches = 0;
        for (int i = 0; i < customers.length; i++) {
            Customer c = customers[i];
            boolean expected = handWritten(c);
            if (compiledRule(c) != expected || spel(c) != expected || jexl(c) != expected) {
                throw new IllegalStateException("evaluators disagree on customer " + i + ": hand-written=" + expected
                        + " compiled=" + compiledRule(c) + " spel=" + spel(c) + " jexl=" + jexl(c) + " " + c);
            }
            matches += expected ? 1 : 0;
        }
        return matches;
    }

    /** The four evaluators by name, for measurements outside JMH. */
    java.util.Map<String, Predicate<Customer>> all() {
        java.util.Map<String, Predicate<Customer>> out = new java.util.LinkedHashMap<>();
        out.put("handWritten", this::handWritten);
        out.put("compiledRule", this::compiledRule);
        out.put("spelCompiled", this::spel);
        out.put("jexl", this::jexl);
        return out;
    }
}
