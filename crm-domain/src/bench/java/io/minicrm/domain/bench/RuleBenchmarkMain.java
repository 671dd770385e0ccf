package io.minicrm.domain.bench;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.testing.CustomerSamples;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link RuleEvaluationBenchmark} with JMH (any JMH command-line options, e.g. {@code -wi 3 -i 5 -f 1 -prof gc}),
 * then prints ns/customer and the ratio to the hand-written predicate, and measures bytes allocated per
 * customer for each evaluator with {@code ThreadMXBean} (after warming it up in this JVM).
 *
 * <pre>mvn -q -Pbench -pl crm-domain test-compile exec:exec@bench -Dbench.args="-wi 3 -i 5 -f 1"</pre>
 */
public final class RuleBenchmarkMain {
    private RuleBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        if (cli.shouldHelp()) {
            cli.showHelp();
            return;
        }
        if (cli.shouldList() || cli.shouldListWithParams()) {
            new Runner(cli).list();
            return;
        }
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(RuleEvaluationBenchmark.class.getSimpleName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Double> nsPerCustomer = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            nsPerCustomer.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
        }
        Map<String, Double> bytesPerCustomer = allocationPerCustomer();

        double hand = nsPerCustomer.getOrDefault("handWritten", Double.NaN);
        System.out.println();
        System.out.println("Reference rule over " + RuleEvaluationBenchmark.CUSTOMERS + " customers (seed "
                + RuleEvaluationBenchmark.SEED + "), single thread");
        System.out.printf(Locale.ROOT, "%-22s %14s %16s %18s%n", "evaluator", "ns/customer", "x hand-written", "bytes/customer");
        for (Map.Entry<String, Double> e : nsPerCustomer.entrySet()) {
            String key = e.getKey().equals("compiledRuleMatcher") ? "compiledRule" : e.getKey();
            System.out.printf(Locale.ROOT, "%-22s %14.2f %16.2f %18.3f%n", e.getKey(), e.getValue(), e.getValue() / hand,
                    bytesPerCustomer.getOrDefault(key, Double.NaN));
        }
    }

    /** Bytes allocated per evaluation, measured with ThreadMXBean over 1M customers after two warm-up passes. */
    static Map<String, Double> allocationPerCustomer() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Customer[] customers = CustomerSamples.generate(RuleEvaluationBenchmark.CUSTOMERS, RuleEvaluationBenchmark.SEED,
                RuleEvaluationBenchmark.NOW).toArray(Customer[]::new);
        ReferenceRuleEvaluators rules = new ReferenceRuleEvaluators(RuleEvaluationBenchmark.NOW);
        rules.compileSpel(customers);
        rules.checkAgreement(customers);
        Map<String, Double> out = new LinkedHashMap<>();
        long thread = Thread.currentThread().getId();
        for (Map.Entry<String, Predicate<Customer>> e : rules.all().entrySet()) {
            Predicate<Customer> p = e.getValue();
            count(p, customers);
            count(p, customers);
            long before = mx.getThreadAllocatedBytes(thread);
            count(p, customers);
            long after = mx.getThreadAllocatedBytes(thread);
            out.put(e.getKey(), (after - before) / (double) customers.length);
        }
        return out;
    }

    private static int count(Predicate<Customer> p, Customer[] customers) {
        int n = 0;
        for (Customer c : customers) {
            if (p.test(c)) {
                n++;
            }
        }
        return n;
    }
}
