package io.minicrm.domain.segment.eval;

import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.testing.CustomerSamples;
import io.minicrm.domain.testing.RuleFixtures;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class CompiledRuleAllocationTest {
    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private static final int EVALUATIONS = 200_000;
    private static final long BOUND = 64 * 1024;

    @Test
    void referenceRule_allocatesNothingPerCustomer() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "the JVM cannot measure allocation per thread");
        mx.setThreadAllocatedMemoryEnabled(true);
        Customer[] customers = CustomerSamples.generate(2_000, 7, NOW).toArray(Customer[]::new);
        CompiledRule rule = RuleFixtures.compile(RuleFixtures.REFERENCE_DSL, NOW);
        Predicate<Customer> matcher = rule.matcher();
        long nowMillis = NOW.toEpochMilli();
        long threadId = Thread.currentThread().getId();

        int warm = countWithMatcher(matcher, customers) + countWithMatches(rule, customers, nowMillis);

        long before = mx.getThreadAllocatedBytes(threadId);
        int viaMatcher = countWithMatcher(matcher, customers);
        long afterMatcher = mx.getThreadAllocatedBytes(threadId);
        int viaMatches = countWithMatches(rule, customers, nowMillis);
        long afterMatches = mx.getThreadAllocatedBytes(threadId);

        assertThat(afterMatcher - before).as("bytes allocated by %d matcher() tests", EVALUATIONS).isLessThan(BOUND);
        assertThat(afterMatches - afterMatcher).as("bytes allocated by %d matches(c, now) calls", EVALUATIONS).isLessThan(BOUND);
        assertThat(viaMatcher).isEqualTo(viaMatches).isEqualTo(warm / 2).isStrictlyBetween(EVALUATIONS / 20, EVALUATIONS / 2);
    }

    @Test
    void referenceRule_selectsTheSameCustomersAsAHandWrittenPredicate() {
        List<Customer> customers = CustomerSamples.generate(20_000, 11, NOW);
        CompiledRule rule = RuleFixtures.compile(RuleFixtures.REFERENCE_DSL, NOW);
        long cutoff = NOW.minusSeconds(90L * 86_400).toEpochMilli();
        long now = NOW.toEpochMilli();
        for (Customer c : customers) {
            Instant last = c.lastOrderAt();
            boolean inactive = last == null || last.toEpochMilli() < cutoff || last.toEpochMilli() > now;
            boolean expected = c.totalSpentMinor() > 1_000_000 && (c.visits() != null && c.visits() < 3 || inactive) && !c.tags().contains("churned");
            assertThat(rule.matches(c, now)).as(c.toString()).isEqualTo(expected);
        }
    }

    private static int countWithMatcher(Predicate<Customer> matcher, Customer[] customers) {
        int n = 0;
        for (int i = 0; i < EVALUATIONS; i++) {
            if (matcher.test(customers[i % customers.length])) {
                n++;
            }
        }
        return n;
    }

    private static int countWithMatches(CompiledRule rule, Customer[] customers, long now) {
        int n = 0;
        for (int i = 0; i < EVALUATIONS; i++) {
            if (rule.matches(customers[i % customers.length], now)) {
                n++;
            }
        }
        return n;
    }
}
