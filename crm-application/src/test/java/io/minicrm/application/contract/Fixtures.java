package io.minicrm.application.contract;

import io.minicrm.application.support.TimeOrderedIds;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderStatus;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.shared.IdGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the port contract tests (and of adapter tests that reuse them). */
public final class Fixtures {
    /** The "now" of tests that need a fixed time. */
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Fixtures() {
    }

    /** Time-ordered ids, as the application makes them (later ids sort after earlier ones). */
    public static IdGenerator ids() {
        return new TimeOrderedIds(Clock.systemUTC());
    }

    /** A map from alternating keys and values (insertion ordered, values may be null). */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** A validated customer profile from JSON-typed fields, e.g. {@code profile("email", "a@x.io", "visits", 3)}. */
    public static CustomerProfile profile(Object... keysAndValues) {
        return CustomerProfileReader.json().read(map(keysAndValues));
    }

    public static Order order(String id, CustomerId customer, long minor, OrderStatus status, Instant at) {
        return new Order(OrderId.of(id), customer, Money.ofMinor(minor), "INR", List.of(), status, at, at);
    }

    public static Campaign draftCampaign(String id, Instant createdAt) {
        return Campaign.draft(CampaignId.of(id), "Campaign " + id, SegmentId.of("seg1"), "Segment one",
                MessageTemplate.of("Hi {{firstName|there}}, {{attributes.city|see you}}!"), null, createdAt, "tester");
    }

    public static Campaign scheduledCampaign(String id, Instant createdAt, Instant at) {
        return Campaign.draft(CampaignId.of(id), "Campaign " + id, SegmentId.of("seg1"), "Segment one",
                MessageTemplate.of("Hello {{name}}"), at, createdAt, "tester");
    }

    /** A body run by several threads at once. */
    @FunctionalInterface
    public interface ThreadBody<T> {
        T run(int thread) throws Exception;
    }

    /**
     * Runs {@code body} on {@code threads} threads released together; returns each thread's result in thread
     * order and fails if any thread failed or they take longer than 60 s.
     */
    public static <T> List<T> concurrently(int threads, ThreadBody<T> body) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return body.run(n);
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("a concurrent task failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
