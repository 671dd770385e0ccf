package io.minicrm.domain.bench;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.testing.CustomerSamples;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A cross-check of the JMH figures that holds up on a busy machine: the evaluators take turns over the same
 * 1,000,000 customers, round after round in one JVM, and each keeps its best (least disturbed) round, timed
 * in CPU time of this thread (time spent descheduled by other processes does not count). Each evaluator has
 * its own loop, so their call-site profiles do not mix.
 *
 * <pre>java -cp ... io.minicrm.domain.bench.InterleavedComparison [rounds]</pre>
 */
public final class InterleavedComparison {
    private InterleavedComparison() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Customer[] customers = CustomerSamples.generate(RuleEvaluationBenchmark.CUSTOMERS, RuleEvaluationBenchmark.SEED,
                RuleEvaluationBenchmark.NOW).toArray(Customer[]::new);
        ReferenceRuleEvaluators rules = new ReferenceRuleEvaluators(RuleEvaluationBenchmark.NOW);
        rules.compileSpel(customers);
        int matches = rules.checkAgreement(customers);
        String[] names = {"handWritten", "compiledRule", "compiledRuleMatcher", "spelCompiled", "jexl"};
        double[] best = new double[names.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < names.length; i++) {
                long t0 = mx.getCurrentThreadCpuTime();
                int n = switch (i) {
                    case 0 -> hand(rules, customers);
                    case 1 -> compiled(rules.compiled, rules.nowMillis, customers);
                    case 2 -> matcher(rules.compiled.matcherAt(rules.now), customers);
                    case 3 -> spel(rules, customers);
                    default -> jexl(rules, customers);
                };
                double ns = (mx.getCurrentThreadCpuTime() - t0) / (double) customers.length;
                if (n != matches) {
                    throw new IllegalStateException(names[i] + " matched " + n + ", expected " + matches);
                }
                best[i] = Math.min(best[i], ns);
            }
        }
        System.out.printf(Locale.ROOT, "best of %d interleaved rounds (thread CPU time) over %d customers (%d match)%n", rounds,
                customers.length, matches);
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "%-22s %10.2f ns/customer %8.2f x hand-written%n", names[i], best[i], best[i] / best[0]);
        }
    }

    private static int hand(ReferenceRuleEvaluators r, Customer[] customers) {
        long cutoff = r.cutoffMillis;
        long now = r.nowMillis;
        int n = 0;
        for (Customer c : customers) {
            if (ReferenceRuleEvaluators.handWritten(c, cutoff, now)) {
                n++;
            }
        }
        return n;
    }

    private static int compiled(CompiledRule rule, long now, Customer[] customers) {
        int n = 0;
        for (Customer c : customers) {
            if (rule.matches(c, now)) {
                n++;
            }
        }
        return n;
    }

    private static int matcher(Predicate<Customer> matcher, Customer[] customers) {
        int n = 0;
        for (Customer c : customers) {
            if (matcher.test(c)) {
                n++;
            }
        }
        return n;
    }

    private static int spel(ReferenceRuleEvaluators r, Customer[] customers) {
        int n = 0;
        for (Customer c : customers) {
            if (r.spel(c)) {
                n++;
            }
        }
        return n;
    }

    private static int jexl(ReferenceRuleEvaluators r, Customer[] customers) {
        int n = 0;
        for (Customer c : customers) {
            if (r.jexl(c)) {
                n++;
            }
        }
        return n;
    }
}
