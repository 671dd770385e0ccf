package io.minicrm.domain.testing;

import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Large, reproducible populations of customers from a seeded {@link Random}, for benchmarks,
 * allocation tests and load tests. Spend is uniform in 0..20000.00, visits 0..9, a fifth never ordered,
 * the rest ordered within the last year; about 15% are tagged {@code churned}; names and cities come from
 * {@link RandomRules}' pools, attributes {@code plan} (text) and {@code score} (number) are set for some.
 */
public final class CustomerSamples {
    private static final long DAY = 86_400_000L;
    private static final List<Set<String>> TAG_SETS = List.of(Set.of(), Set.of("vip"), Set.of("new"), Set.of("churned"),
            Set.of("vip", "b2b"), Set.of("churned", "vip"), Set.of(), Set.of("öko"));

    private CustomerSamples() {
    }

    /** {@code count} customers, the same for the same seed and {@code now}. */
    public static List<Customer> generate(int count, long seed, Instant now) {
        Random r = new Random(seed);
        long nowMillis = now.toEpochMilli();
        List<Attributes> attributeSets = List.of(Attributes.EMPTY,
                Attributes.of(Map.of("plan", new AttributeValue.Text("gold"))),
                Attributes.of(Map.of("plan", new AttributeValue.Text("silver"), "score", new AttributeValue.Num(BigDecimal.TEN))),
                Attributes.of(Map.of("score", new AttributeValue.Num(new BigDecimal("2.5")))));
        List<Customer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String id = "c" + i;
            Instant lastOrder = r.nextInt(5) == 0 ? null : Instant.ofEpochMilli(nowMillis - (long) (r.nextDouble() * 365 * DAY));
            Instant firstOrder = lastOrder == null ? null : lastOrder.minusMillis((long) (r.nextDouble() * 365 * DAY));
            long spentMinor = lastOrder == null && r.nextBoolean() ? 0 : (long) (r.nextDouble() * 2_000_000);
            PurchaseHistory imported = new PurchaseHistory(Money.ofMinor(spentMinor), lastOrder == null ? 0 : 1 + r.nextInt(20),
                    firstOrder, lastOrder);
            Set<String> tags = r.nextInt(100) < 15 ? Set.of("churned") : TAG_SETS.get(r.nextInt(TAG_SETS.size()));
            out.add(new Customer(CustomerId.of(id), Email.of(id + "@example.com"),
                    pick(r, RandomRules.NAMES, 0.1), pick(r, RandomRules.PHONES, 0.5), pick(r, RandomRules.CITIES, 0.1),
                    tags, attributeSets.get(r.nextInt(attributeSets.size())), r.nextInt(20) == 0, (long) r.nextInt(10),
                    r.nextInt(4) == 0 ? null : Instant.ofEpochMilli(nowMillis - (long) (r.nextDouble() * 60 * DAY)),
                    imported, PurchaseHistory.NONE, Set.of(), Instant.ofEpochMilli(nowMillis - 400 * DAY), null));
        }
        return out;
    }

    private static String pick(Random r, List<String> pool, double nullChance) {
        return r.nextDouble() < nullChance ? null : pool.get(r.nextInt(pool.size()));
    }
}
