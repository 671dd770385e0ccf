package io.minicrm.application.delivery;

import static io.minicrm.application.contract.Fixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minicrm.application.testing.Rows;
import io.minicrm.application.segment.SegmentService;
import io.minicrm.application.campaign.CampaignService;
import io.minicrm.application.inprocess.InProcessVendor;
import io.minicrm.application.inprocess.InProcessWorkQueue;
import io.minicrm.application.port.VendorGateway;
import io.minicrm.application.testing.CounterLedger;
import io.minicrm.application.testing.Crm;
import io.minicrm.application.testing.ForwardingCustomerRepository;
import io.minicrm.application.testing.Stores;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.delivery.RetryPolicy;
import io.minicrm.domain.segment.Rule;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.eval.CompiledRule;
import io.minicrm.domain.segment.syntax.DslParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Campaigns end to end on the in-process adapters: audience rows, dispatch to the in-process vendor,
 * receipts, retries, completion; crashes, replays, vendor outages, the frequency cap.
 */
class CampaignDeliveryTest {
    private static final String VIP = "tags contains \"vip\"";
    private final List<Crm> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        Collections.reverse(opened);
        opened.forEach(Crm::close);
    }

    private Crm open(Crm crm) {
        opened.add(crm);
        return crm;
    }

    /** Ingests {@code n} customers; {@code row} gives each one's fields. */
    private static void ingest(Crm crm, int n, IntFunction<Map<String, Object>> row) {
        for (int from = 0; from < n; from += 10_000) {
            List<Object> rows = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                rows.add(row.apply(i));
            }
            assertThat(crm.services.ingestCustomers().ingest(Rows.customers(rows)).rejected()).isEmpty();
        }
    }

    private static Map<String, Object> customer(int i, boolean vip, boolean optedOut) {
        return map("email", "c" + i + "@example.com", "name", "Customer " + i, "tags", List.of(vip ? "vip" : "basic"),
                "optedOut", optedOut, "attributes", map("city", i % 2 == 0 ? "Pune" : "Delhi"));
    }

    private static Campaign launch(Crm crm, String rule) {
        Segment s = crm.services.segments().create(new SegmentService.NewSegment("seg " + rule, null, DslParser.parse(rule), "tester"));
        Campaign c = crm.services.campaigns().create(new CampaignService.NewCampaign("Campaign", s.id(), "Hi {{firstName|there}} from {{attributes.city}}", null, false, "tester"));
        return crm.services.campaigns().launch(c.id());
    }

    /** The customers the campaign must reach: matching the rule at launch and not opted out. */
    private static Set<CustomerId> expectedAudience(Crm crm, Campaign c, String rule) {
        Rule r = DslParser.parse(rule);
        CompiledRule compiled = CompiledRule.compile(r, Clock.systemUTC());
        Set<CustomerId> out = new java.util.HashSet<>();
        for (CustomerId id : crm.stores.customers().matchingIds(r, c.startedAt(), null, 1_000_000)) {
            Customer customer = crm.stores.customers().findById(id).orElseThrow();
            if (!customer.optedOut() && compiled.matches(customer, c.startedAt().toEpochMilli())) {
                out.add(id);
            }
        }
        return out;
    }

    /** Exactly one final row per expected recipient, none for anyone else; counters equal the log's aggregate. */
    private static void assertCompletedConsistently(Crm crm, CampaignId id, Set<CustomerId> audience) {
        Campaign c = crm.campaign(id);
        assertThat(c.status()).isEqualTo(CampaignStatus.COMPLETED);
        List<Delivery> rows = crm.rows(id);
        assertThat(rows).extracting(Delivery::customerId).doesNotHaveDuplicates();
        assertThat(rows.stream().map(Delivery::customerId).collect(Collectors.toSet())).isEqualTo(audience);
        assertThat(rows).allSatisfy(d -> assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.FAILED));
        DeliveryCounts recount = crm.stores.deliveries().countByStatus(id);
        assertThat(c.counts()).isEqualTo(recount);
        assertThat(recount.sent() + recount.failed()).isEqualTo(audience.size());
        assertThat(recount.pending()).isZero();
        assertThat(crm.services.campaigns().get(id).counts()).isEqualTo(recount);
        for (Delivery d : rows) {
            assertThat(d.history()).as("history of %s", d.id()).hasSize(d.attempt());
            assertThat(d.history().stream().filter(a -> a.outcome() == Receipt.Outcome.SENT)).hasSizeLessThanOrEqualTo(1);
        }
    }

    /** Every attempt of every row reached the vendor exactly once as a fresh message. */
    private static void assertEachAttemptSentOnce(Crm crm, List<Delivery> rows) {
        long attempts = rows.stream().filter(d -> d.status() == DeliveryStatus.SENT || d.status() == DeliveryStatus.FAILED)
                .mapToLong(Delivery::attempt).sum();
        assertThat(crm.vendor.uniqueMessages()).isEqualTo(attempts);
    }

    @Test
    void aTenThousandCustomerCampaign_reachesEveryOptedInMatchingCustomerOnce_countersEqualTheLog() {
        AtomicReference<CounterLedger> ledger = new AtomicReference<>();
        Crm crm = open(Crm.builder().campaigns(CounterLedger.into(ledger::set)).build().start());
        // 11,000 customers: 10,000 opted-in VIPs, 500 opted-out VIPs, 500 others
        ingest(crm, 11_000, i -> customer(i, i % 22 != 0, i % 22 == 11));

        Campaign c = launch(crm, VIP);
        Set<CustomerId> audience = expectedAudience(crm, c, VIP);
        assertThat(audience).hasSize(10_000);
        crm.awaitCompleted(c.id());

        assertCompletedConsistently(crm, c.id(), audience);
        List<Delivery> rows = crm.rows(c.id());
        assertEachAttemptSentOnce(crm, rows);
        DeliveryCounts counts = crm.campaign(c.id()).counts();
        assertThat(counts.sent()).isBetween(8_800L, 10_000L);
        assertThat(counts.retries()).isPositive();
        for (int i : new int[] {11, 33, 10_989}) {
            CustomerId optedOut = crm.stores.customers().findByEmail(Email.of("c" + i + "@example.com")).orElseThrow().id();
            assertThat(crm.stores.deliveries().exists(c.id(), optedOut)).as("opted-out c%d", i).isFalse();
        }
        assertThat(crm.services.campaigns().get(c.id()).sendWindow()).isPresent();
        // the incremental counters on their own (not the recount that completion writes) add up to the log
        assertThat(ledger.get().total(c.id())).as("every counter change asked for, summed")
                .isEqualTo(crm.stores.deliveries().countByStatus(c.id()));
    }

    @Test
    void dispatch_keepsToTheConfiguredSendRate() {
        // 100 messages/s with bursts of at most one batch (20): 300 messages cannot reach the vendor in under 2.8 s
        Crm crm = open(Crm.builder().vendorSettings(Crm.vendorSettings(1.0, 0.5))
                .delivery(Crm.fastDelivery().withThroughput(200, 20, 100, 4)).build().start());
        ingest(crm, 300, i -> customer(i, true, false));
        long start = System.nanoTime();
        Campaign c = launch(crm, VIP);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> crm.vendor.uniqueMessages() >= 300);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("300 messages at 100/s (burst 20)").isGreaterThanOrEqualTo(2.7);
        crm.awaitCompleted(c.id());
        assertThat(crm.campaign(c.id()).counts().sent()).isEqualTo(300);
    }

    @Test
    void aLaunchInterruptedHalfway_finishesAfterARestart_withoutDuplicatesOrLosses() {
        Stores stores = Stores.fresh();
        InProcessVendor vendor = new InProcessVendor(Crm.vendorSettings(0.9, 0.5), Clock.systemUTC());
        DeliverySettings settings = Crm.fastDelivery().withThroughput(200, 50, 0, 2)
                .withTimings(Duration.ofMillis(800), Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofMillis(100),
                        Duration.ofMillis(20), Duration.ofMillis(200));
        AtomicInteger pagesRead = new AtomicInteger();
        AtomicInteger messagesTaken = new AtomicInteger();
        AtomicBoolean crashed = new AtomicBoolean();
        Crm before = open(Crm.builder().stores(stores).vendor(vendor).delivery(settings)
                .customers(store -> new ForwardingCustomerRepository(store) {
                    @Override
                    public List<CustomerId> matchingIds(Rule rule, java.time.Instant now, CustomerId after, int limit) {
                        if (pagesRead.incrementAndGet() > 7) {
                            throw new IllegalStateException("process killed while enumerating the audience");
                        }
                        return super.matchingIds(rule, now, after, limit);
                    }
                })
                .gateway(v -> batch -> {
                    if (crashed.get()) {
                        throw new IllegalStateException("process is dead");
                    }
                    List<VendorGateway.SendResult> results = v.send(batch);
                    if (messagesTaken.addAndGet(batch.size()) >= 600) {
                        // the vendor took this batch, the process died before recording it; its receipts get lost
                        crashed.set(true);
                        v.receiptsTo(lost -> { });
                        throw new IllegalStateException("process killed after the vendor took the batch");
                    }
                    return results;
                }).build());
        ingest(before, 3_000, i -> customer(i, i % 10 != 0, i % 10 == 5));
        Campaign c = launch(before, VIP);
        Set<CustomerId> audience = expectedAudience(before, c, VIP);
        before.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> crashed.get() && pagesRead.get() > 7);
        before.close();
        Campaign halfway = before.campaign(c.id());
        assertThat(halfway.status()).isEqualTo(CampaignStatus.SENDING);
        assertThat(halfway.audienceComplete()).isFalse();
        assertThat(before.rows(c.id()).size()).isBetween(1, audience.size() - 1);

        Crm after = open(Crm.builder().stores(stores).vendor(vendor).delivery(settings).build().start());
        after.awaitCompleted(c.id());

        assertCompletedConsistently(after, c.id(), audience);
        assertEachAttemptSentOnce(after, after.rows(c.id()));
        assertThat(vendor.duplicateRequests()).as("messages re-sent under the same key after the crash").isPositive();
        vendor.close();
    }

    @Test
    void twoInstancesSharingStoresAndQueue_shareTheWork_andSendEachMessageOnce() {
        Stores stores = Stores.fresh();
        InProcessVendor vendor = new InProcessVendor(Crm.vendorSettings(0.9, 0.5), Clock.systemUTC());
        InProcessWorkQueue queue = new InProcessWorkQueue();
        DeliverySettings settings = Crm.fastDelivery().withThroughput(300, 50, 0, 2);
        Crm a = open(Crm.builder().stores(stores).vendor(vendor).queue(queue).delivery(settings).instance("a").build());
        Crm b = open(Crm.builder().stores(stores).vendor(vendor).queue(queue).delivery(settings).instance("b").build());
        ingest(a, 3_000, i -> customer(i, i % 4 != 0, i % 9 == 0));
        Campaign c = launch(a, VIP);
        a.start();
        b.start();

        b.awaitCompleted(c.id());

        assertCompletedConsistently(b, c.id(), expectedAudience(a, c, VIP));
        assertEachAttemptSentOnce(b, b.rows(c.id()));
        assertThat(a.metrics.total("crm.vendor.messages")).as("instance a sent").isPositive();
        assertThat(b.metrics.total("crm.vendor.messages")).as("instance b sent").isPositive();
        a.close();
        b.close();
        queue.close();
        vendor.close();
    }

    @Test
    void receiptsReplayedThreeTimesAndShuffled_changeNothing() {
        Crm crm = open(Crm.builder().vendorSettings(Crm.vendorSettings(0.7, 0.6)).build().start());
        ingest(crm, 400, i -> customer(i, true, false));
        Campaign c = launch(crm, VIP);
        crm.awaitCompleted(c.id());
        crm.awaitQueueIdle();
        List<Delivery> rowsBefore = crm.rows(c.id());
        Campaign campaignBefore = crm.campaign(c.id());
        List<Receipt> receipts = crm.receipts();
        assertThat(receipts.size()).isGreaterThanOrEqualTo(400);
        assertThat(campaignBefore.counts().retries()).isPositive();

        List<Receipt> replay = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            replay.addAll(receipts);
        }
        Collections.shuffle(replay, new Random(11));
        for (int from = 0; from < replay.size(); from += 250) {
            crm.services.receipts().accept(replay.subList(from, Math.min(replay.size(), from + 250)));
        }
        crm.awaitQueueIdle();
        Collections.shuffle(replay, new Random(12));
        assertThat(crm.services.receiptApplier().apply(replay)).as("rows changed by a direct replay").isZero();

        Map<DeliveryId, Delivery> after = new HashMap<>();
        crm.rows(c.id()).forEach(d -> after.put(d.id(), d));
        assertThat(after).hasSize(rowsBefore.size());
        for (Delivery d : rowsBefore) {
            assertThat(after.get(d.id())).isEqualTo(d);
        }
        assertThat(crm.campaign(c.id())).isEqualTo(campaignBefore);
        assertThat(crm.stores.deliveries().countByStatus(c.id())).isEqualTo(campaignBefore.counts());
    }

    @Test
    void retryableFailures_areRetriedWithBackoff_upToMaxAttempts_thenFinal() {
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(400), 0);
        Crm crm = open(Crm.builder().vendorSettings(Crm.vendorSettings(0.0, 1.0))
                .delivery(Crm.fastDelivery().withRetry(retry)).build().start());
        ingest(crm, 60, i -> customer(i, true, false));

        Campaign c = launch(crm, VIP);
        crm.awaitCompleted(c.id());

        assertCompletedConsistently(crm, c.id(), expectedAudience(crm, c, VIP));
        List<Delivery> rows = crm.rows(c.id());
        assertThat(rows).hasSize(60).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.attempt()).isEqualTo(3);
            assertThat(d.reason()).contains("gave up after 3 attempts");
            assertThat(d.history()).extracting(Delivery.Attempt::number).containsExactly(1, 2, 3);
            assertThat(d.history()).allSatisfy(a -> {
                assertThat(a.outcome()).isEqualTo(Receipt.Outcome.FAILED);
                assertThat(a.retryable()).isTrue();
            });
            assertThat(Duration.between(d.history().get(0).at(), d.history().get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
            assertThat(Duration.between(d.history().get(1).at(), d.history().get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        });
        assertThat(crm.campaign(c.id()).counts()).isEqualTo(new DeliveryCounts(0, 0, 60, 0, 0, 120));
        assertEachAttemptSentOnce(crm, rows);
        assertThat(crm.vendor.uniqueMessages()).isEqualTo(180);
    }

    @Test
    void whileTheVendorIsUnreachable_rowsAreReleased_andSentLaterUnderTheSameKey() {
        Crm crm = open(Crm.builder().build());
        ingest(crm, 200, i -> customer(i, true, false));
        crm.vendor.setAvailable(false);
        crm.start();
        Campaign c = launch(crm, VIP);

        await().atMost(Duration.ofSeconds(10)).until(() -> crm.metrics.total("crm.vendor.unavailable") >= 3);
        assertThat(crm.vendor.requests()).isZero();
        assertThat(crm.rows(c.id())).hasSize(200).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.vendorMessageId()).isNull();
        });
        assertThat(crm.rows(c.id())).anySatisfy(d -> assertThat(d.version()).isGreaterThan(2));
        assertThat(crm.campaign(c.id()).status()).isEqualTo(CampaignStatus.SENDING);

        crm.vendor.setAvailable(true);
        crm.awaitCompleted(c.id());

        assertCompletedConsistently(crm, c.id(), expectedAudience(crm, c, VIP));
        assertEachAttemptSentOnce(crm, crm.rows(c.id()));
        assertThat(crm.vendor.requests()).as("no key was sent twice").isEqualTo(crm.vendor.uniqueMessages());
    }

    @Test
    void theFrequencyCap_skipsCustomersMessagedRecently_withTheReason() {
        Crm crm = open(Crm.builder().vendorSettings(Crm.vendorSettings(0.8, 0.0))
                .delivery(Crm.fastDelivery().withFrequencyCap(1, Duration.ofDays(7))).build().start());
        ingest(crm, 100, i -> customer(i, true, false));
        Campaign first = launch(crm, VIP);
        crm.awaitCompleted(first.id());
        Map<CustomerId, DeliveryStatus> firstOutcome = crm.rows(first.id()).stream()
                .collect(Collectors.toMap(Delivery::customerId, Delivery::status));
        long firstSent = firstOutcome.values().stream().filter(s -> s == DeliveryStatus.SENT).count();
        assertThat(firstSent).isBetween(1L, 99L);

        Campaign second = launch(crm, VIP);
        crm.awaitCompleted(second.id());

        List<Delivery> rows = crm.rows(second.id());
        assertThat(rows).hasSize(100);
        for (Delivery d : rows) {
            if (firstOutcome.get(d.customerId()) == DeliveryStatus.SENT) {
                assertThat(d.status()).isEqualTo(DeliveryStatus.SKIPPED);
                assertThat(d.reason()).startsWith("frequency cap").contains("1 message");
            } else {
                assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.FAILED);
            }
        }
        DeliveryCounts counts = crm.campaign(second.id()).counts();
        assertThat(counts).isEqualTo(crm.stores.deliveries().countByStatus(second.id()));
        assertThat(counts.skipped()).isEqualTo(firstSent);
        assertThat(counts.audience()).isEqualTo(100 - firstSent);
    }

    @Test
    void aCustomerWhoOptsOutAfterTheLaunch_isSkipped_notMessaged() {
        Crm crm = open(Crm.builder().vendorSettings(Crm.vendorSettings(1.0, 0.0)).build());
        ingest(crm, 20, i -> customer(i, true, false));
        Campaign c = launch(crm, VIP);
        crm.services.supervisor().tick(); // rows written and jobs queued, nothing sent yet
        assertThat(crm.rows(c.id())).hasSize(20);
        crm.services.ingestCustomers().ingest(Rows.customers(List.of(map("email", "c5@example.com", "optedOut", true))));

        crm.start();
        Campaign done = crm.awaitCompleted(c.id());

        CustomerId c5 = crm.stores.customers().findByEmail(Email.of("c5@example.com")).orElseThrow().id();
        Delivery skipped = crm.rows(c.id()).stream().filter(d -> d.customerId().equals(c5)).findFirst().orElseThrow();
        assertThat(skipped.status()).isEqualTo(DeliveryStatus.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("customer opted out");
        assertThat(done.counts()).isEqualTo(new DeliveryCounts(0, 19, 0, 0, 1, 0));
        assertThat(crm.vendor.uniqueMessages()).isEqualTo(19);
    }

    @Test
    void cancellingWhileSending_cancelsWhatWasNotHandedOver_theRestFinishesWithItsReceipts() {
        InProcessVendor.Settings slowReceipts = new InProcessVendor.Settings(0.9, 0.0, 0.0, Duration.ofMillis(300),
                Duration.ofMillis(400), 3);
        Crm crm = open(Crm.builder().vendorSettings(slowReceipts)
                .delivery(Crm.fastDelivery().withThroughput(500, 10, 200, 1)).build());
        ingest(crm, 300, i -> customer(i, true, false));
        Campaign c = launch(crm, VIP);
        crm.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> crm.vendor.requests() >= 50);

        crm.services.campaigns().cancel(c.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(crm.rows(c.id()))
                .allSatisfy(d -> assertThat(d.status().isFinal()).isTrue()));
        crm.awaitQueueIdle();

        List<Delivery> rows = crm.rows(c.id());
        assertThat(rows).hasSize(300);
        assertThat(rows).allSatisfy(d -> {
            if (d.dispatchedAt() != null) {
                assertThat(d.status()).isIn(DeliveryStatus.SENT, DeliveryStatus.FAILED);
            }
        });
        DeliveryCounts counts = crm.stores.deliveries().countByStatus(c.id());
        assertThat(counts.cancelled()).isPositive();
        assertThat(counts.sent() + counts.failed()).isEqualTo(crm.vendor.uniqueMessages()).isPositive();
        assertThat(crm.campaign(c.id()).status()).isEqualTo(CampaignStatus.CANCELLED);
        assertThat(crm.campaign(c.id()).counts()).isEqualTo(counts);
    }
}
