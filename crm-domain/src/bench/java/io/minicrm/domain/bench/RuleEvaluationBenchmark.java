package io.minicrm.domain.bench;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.testing.CustomerSamples;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluates the reference rule over 1,000,000 seeded customers, single-threaded; one operation is one
 * customer, so the score is ns/customer (and {@code -prof gc}'s alloc.rate.norm is bytes/customer).
 * Run with {@link RuleBenchmarkMain}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEvaluationBenchmark {
    public static final int CUSTOMERS = 1_000_000;
    public static final long SEED = 42;
    public static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

    Customer[] customers;
    ReferenceRuleEvaluators rules;

    @Setup
    public void setUp() {
        customers = CustomerSamples.generate(CUSTOMERS, SEED, NOW).toArray(Customer[]::new);
        rules = new ReferenceRuleEvaluators(NOW);
        rules.compileSpel(customers);
        int matches = rules.checkAgreement(customers);
        if (matches == 0 || matches == CUSTOMERS) {
            throw new IllegalStateException("the population does not exercise the rule: " + matches + " match");
        }
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public int handWritten() {
        long cutoff = rules.cutoffMillis;
        long now = rules.nowMillis;
        int n = 0;
        for (Customer c : customers) {
            if (ReferenceRuleEvaluators.handWritten(c, cutoff, now)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public int compiledRule() {
        CompiledRule rule = rules.compiled;
        long now = rules.nowMillis;
        int n = 0;
        for (Customer c : customers) {
            if (rule.matches(c, now)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public int compiledRuleMatcher() {
        java.util.function.Predicate<Customer> matcher = rules.compiled.matcherAt(NOW);
        int n = 0;
        for (Customer c : customers) {
            if (matcher.test(c)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public int spelCompiled() {
        int n = 0;
        for (Customer c : customers) {
            if (rules.spel(c)) {
                n++;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(CUSTOMERS)
    public int jexl() {
        int n = 0;
        for (Customer c : customers) {
            if (rules.jexl(c)) {
                n++;
            }
        }
        return n;
    }
}
