package io.minicrm.application.contract;

import static io.minicrm.application.contract.Fixtures.NOW;
import static io.minicrm.application.contract.Fixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import io.minicrm.domain.delivery.RetryPolicy;
import io.minicrm.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DeliveryLogRepository}: one row per (campaign, customer), idempotent inserts,
 * compare-and-set writes on the version (one winner among concurrent writers), due rows as
 * {@link Delivery#isDue} defines them, counters recounted from the rows, paging, the frequency-cap
 * query and the send window.
 */
public abstract class DeliveryLogRepositoryContract {
    protected static final CampaignId CAMPAIGN = CampaignId.of("camp-a");
    protected static final CampaignId OTHER = CampaignId.of("camp-b");
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(10);
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(30), 0);

    /** A fresh, empty repository. */
    protected abstract DeliveryLogRepository newRepository();

    protected DeliveryLogRepository repo;

    @BeforeEach
    void setUpRepository() {
        repo = newRepository();
    }

    protected static CustomerId customer(int n) {
        return CustomerId.of(String.format("cust%05d", n));
    }

    protected static Delivery pending(CampaignId campaign, int customer, Instant at) {
        return Delivery.pending(campaign, customer(customer), at);
    }

    /** A row taken through enqueue, claim and the vendor's acceptance (waiting for its receipt). */
    protected static Delivery awaitingReceipt(CampaignId campaign, int customer, Instant at) {
        return pending(campaign, customer, at).enqueue(at, GRACE).claim(at, LEASE)
                .accepted(1, "vm-" + customer, at, RECEIPT_TIMEOUT);
    }

    protected static Delivery receipt(Delivery d, Receipt.Outcome outcome, boolean retryable, Instant at) {
        return d.applyReceipt(new Receipt(d.id(), d.vendorMessageId(), outcome, outcome == Receipt.Outcome.FAILED
                ? "carrier said no" : null, retryable, at, d.attempt()), RETRY, at).delivery();
    }

    /** Inserts {@code first} and writes each later state with compare-and-set. */
    private void storeChain(Delivery first, Delivery... later) {
        assertThat(repo.insertAll(List.of(first))).containsExactly(first.id());
        for (Delivery d : later) {
            assertThat(repo.compareAndSetAll(List.of(d))).as("write of version %d", d.version()).containsExactly(d.id());
        }
    }

    @Test
    void insertAll_returnsOnlyTheNewIds_andNeverOverwrites() {
        Delivery a = pending(CAMPAIGN, 1, NOW);
        Delivery b = pending(CAMPAIGN, 2, NOW);
        assertThat(repo.insertAll(List.of(a, b))).containsExactlyInAnyOrder(a.id(), b.id());

        Delivery aChanged = Delivery.skipped(CAMPAIGN, customer(1), "other", NOW.plusSeconds(5));
        Delivery c = pending(CAMPAIGN, 3, NOW);
        assertThat(repo.insertAll(List.of(aChanged, b, c))).containsExactly(c.id());
        assertThat(repo.insertAll(List.of(a, b, c))).isEmpty();
        assertThat(repo.insertAll(List.of())).isEmpty();

        assertThat(repo.findById(a.id())).contains(a);
        assertThat(repo.findByIds(List.of(a.id(), b.id(), c.id(), DeliveryId.of("missing"))))
                .containsOnlyKeys(a.id(), b.id(), c.id());
        assertThat(repo.exists(CAMPAIGN, customer(3))).isTrue();
        assertThat(repo.exists(OTHER, customer(3))).isFalse();
    }

    @Test
    void concurrentInsertsOfTheSameRows_insertEachRowOnce() {
        List<Delivery> rows = IntStream.range(0, 200).mapToObj(i -> pending(CAMPAIGN, i, NOW)).toList();
        List<Set<DeliveryId>> results = concurrently(4, t -> repo.insertAll(rows));

        assertThat(results.stream().mapToInt(Set::size).sum()).isEqualTo(200);
        Set<DeliveryId> union = new HashSet<>();
        results.forEach(union::addAll);
        assertThat(union).hasSize(200);
        assertThat(repo.countByStatus(CAMPAIGN).pending()).isEqualTo(200);
    }

    @Test
    void everyStateReadsBackEqual() {
        Delivery p = pending(CAMPAIGN, 1, NOW);
        Delivery q = p.enqueue(NOW, GRACE);
        Delivery cl = q.claim(NOW, LEASE);
        Delivery acc = cl.accepted(1, "vm-1", NOW, RECEIPT_TIMEOUT);
        Delivery retry = receipt(acc, Receipt.Outcome.FAILED, true, NOW.plusSeconds(2));
        Delivery q2 = retry.enqueue(retry.nextAttemptAt(), GRACE);
        Delivery cl2 = q2.claim(retry.nextAttemptAt(), LEASE);
        Delivery acc2 = cl2.accepted(2, "vm-1b", retry.nextAttemptAt(), RECEIPT_TIMEOUT);
        Delivery sent = receipt(acc2, Receipt.Outcome.SENT, false, retry.nextAttemptAt().plusMillis(1234));
        storeChain(p, q, cl, acc, retry, q2, cl2, acc2, sent);

        Delivery stored = repo.findById(p.id()).orElseThrow();
        assertThat(stored).isEqualTo(sent);
        assertThat(stored.history()).hasSize(2);
        assertThat(stored.status()).isEqualTo(DeliveryStatus.SENT);

        Delivery skipped = Delivery.skipped(CAMPAIGN, customer(2), "frequency cap", NOW);
        Delivery cancelled = pending(CAMPAIGN, 3, NOW).cancel(NOW.plusSeconds(1)).delivery();
        insertAsIs(List.of(skipped));
        storeChain(pending(CAMPAIGN, 3, NOW), cancelled);
        assertThat(repo.findById(skipped.id())).contains(skipped);
        assertThat(repo.findById(cancelled.id())).contains(cancelled);
    }

    @Test
    void compareAndSetAll_writesOnlyRowsWhoseStoredVersionIsTheOneBefore() {
        Delivery a = pending(CAMPAIGN, 1, NOW);
        Delivery b = pending(CAMPAIGN, 2, NOW);
        repo.insertAll(List.of(a, b));
        Delivery aNext = a.enqueue(NOW, GRACE);
        Delivery bTooFar = b.enqueue(NOW, GRACE).claim(NOW, LEASE);
        Delivery ghost = pending(CAMPAIGN, 3, NOW).enqueue(NOW, GRACE);

        assertThat(repo.compareAndSetAll(List.of(aNext, bTooFar, ghost))).containsExactly(aNext.id());
        assertThat(repo.findById(a.id())).contains(aNext);
        assertThat(repo.findById(b.id())).contains(b);
        assertThat(repo.findById(ghost.id())).as("compare-and-set never inserts").isEmpty();
        assertThat(repo.compareAndSetAll(List.of(aNext))).as("the same write again").isEmpty();
        assertThat(repo.compareAndSetAll(List.of())).isEmpty();
    }

    @Test
    void concurrentWritersOfOneVersion_exactlyOneWinsPerRow() {
        List<Delivery> rows = IntStream.range(0, 100).mapToObj(i -> pending(CAMPAIGN, i, NOW)).toList();
        repo.insertAll(rows);
        int writers = 6;

        List<Set<DeliveryId>> won = concurrently(writers, t -> {
            Instant at = NOW.plusMillis(t);
            List<Delivery> mine = new ArrayList<>(rows.stream().map(d -> d.enqueue(at, GRACE)).toList());
            java.util.Collections.rotate(mine, t * 17);
            return repo.compareAndSetAll(mine);
        });

        Map<DeliveryId, Integer> winner = new java.util.HashMap<>();
        for (int t = 0; t < writers; t++) {
            for (DeliveryId id : won.get(t)) {
                assertThat(winner.put(id, t)).as("row %s written twice", id).isNull();
            }
        }
        assertThat(winner).hasSize(100);
        for (Delivery d : rows) {
            Delivery stored = repo.findById(d.id()).orElseThrow();
            assertThat(stored.version()).isEqualTo(1);
            assertThat(stored.leaseUntil()).isEqualTo(NOW.plusMillis(winner.get(d.id())).plus(GRACE));
        }
    }

    @Test
    void findDue_returnsExactlyTheRowsDeliveryIsDueSaysAreDue_oldestFirst() {
        Instant now = NOW.plus(Duration.ofHours(1));
        List<Delivery> rows = new ArrayList<>();
        rows.add(pending(CAMPAIGN, 1, NOW));                                        // due (new, never queued)
        rows.add(pending(OTHER, 2, NOW.minusSeconds(60)));                          // due, older, other campaign
        rows.add(pending(CAMPAIGN, 3, now.plusSeconds(1)));                         // not yet (future)
        rows.add(pending(CAMPAIGN, 4, NOW).enqueue(now.minusSeconds(10), GRACE));   // queued, lease active
        rows.add(pending(CAMPAIGN, 5, NOW).enqueue(NOW, GRACE));                    // queued long ago, lease over
        rows.add(awaitingReceipt(CAMPAIGN, 6, now.minusSeconds(5)));                // waiting for its receipt
        rows.add(awaitingReceipt(CAMPAIGN, 7, NOW.minus(Duration.ofMinutes(30))));  // receipt overdue
        rows.add(receipt(awaitingReceipt(CAMPAIGN, 8, NOW), Receipt.Outcome.SENT, false, NOW)); // final
        rows.add(receipt(awaitingReceipt(CAMPAIGN, 9, now), Receipt.Outcome.FAILED, true, now)); // retry later
        rows.add(receipt(awaitingReceipt(CAMPAIGN, 10, NOW), Receipt.Outcome.FAILED, true, NOW)); // retry due
        rows.add(Delivery.skipped(CAMPAIGN, customer(11), "cap", NOW));           // final
        rows.add(pending(CAMPAIGN, 12, NOW).cancel(NOW).delivery());                // final
        rows.add(pending(CAMPAIGN, 13, NOW).enqueue(NOW, GRACE).claim(NOW, LEASE)
                .released(now.minusSeconds(1)));                                      // released, due again
        insertAsIs(rows);

        List<Delivery> expected = rows.stream().filter(d -> d.isDue(now))
                .sorted(Comparator.comparing(Delivery::nextAttemptAt)).toList();
        assertThat(expected).extracting(d -> d.customerId().value())
                .containsExactlyInAnyOrder("cust00001", "cust00002", "cust00005", "cust00007", "cust00010", "cust00013");

        List<Delivery> due = repo.findDue(now, 100);
        assertThat(due).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(due).extracting(Delivery::nextAttemptAt).isSorted();
        assertThat(repo.findDue(now, 2)).extracting(Delivery::nextAttemptAt)
                .containsExactlyElementsOf(expected.stream().limit(2).map(Delivery::nextAttemptAt).toList());
    }

    /** Stores rows in whatever state they were built (insert stores a new row as it is, whatever its version). */
    private void insertAsIs(List<Delivery> rows) {
        assertThat(repo.insertAll(rows)).hasSize(rows.size());
    }

    @Test
    void findPending_returnsPendingRowsOfTheCampaignInIdOrder_afterTheCursor() {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Delivery d = pending(CAMPAIGN, i, NOW);
            rows.add(i % 5 == 0 ? receipt(awaitingReceipt(CAMPAIGN, i, NOW), Receipt.Outcome.SENT, false, NOW) : d);
        }
        rows.add(pending(OTHER, 99, NOW));
        insertAsIs(rows);
        List<DeliveryId> expected = rows.stream().filter(d -> d.campaignId().equals(CAMPAIGN))
                .filter(d -> d.status() == DeliveryStatus.PENDING).map(Delivery::id)
                .sorted(Comparator.comparing(DeliveryId::value)).toList();

        List<DeliveryId> seen = new ArrayList<>();
        DeliveryId after = null;
        while (true) {
            List<Delivery> page = repo.findPending(CAMPAIGN, after, 7);
            page.forEach(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
            page.forEach(d -> seen.add(d.id()));
            if (page.size() < 7) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    void countByStatus_recountsTheRows_retriesAreAttemptsAfterTheFirst() {
        Delivery retryScheduled = receipt(awaitingReceipt(CAMPAIGN, 1, NOW), Receipt.Outcome.FAILED, true, NOW);
        Delivery sentAfterRetry = receipt(retryScheduled.enqueue(retryScheduled.nextAttemptAt(), GRACE)
                        .claim(retryScheduled.nextAttemptAt(), LEASE).accepted(2, "vm-x", retryScheduled.nextAttemptAt(),
                                RECEIPT_TIMEOUT), Receipt.Outcome.SENT, false, retryScheduled.nextAttemptAt());
        Delivery gaveUp = failThrice(awaitingReceipt(CAMPAIGN, 2, NOW));
        insertAsIs(List.of(
                pending(CAMPAIGN, 0, NOW),
                sentAfterRetry,
                gaveUp,
                receipt(awaitingReceipt(CAMPAIGN, 3, NOW), Receipt.Outcome.SENT, false, NOW),
                receipt(awaitingReceipt(CAMPAIGN, 4, NOW), Receipt.Outcome.FAILED, false, NOW),
                Delivery.skipped(CAMPAIGN, customer(5), "cap", NOW),
                pending(CAMPAIGN, 6, NOW).cancel(NOW).delivery(),
                receipt(awaitingReceipt(CAMPAIGN, 7, NOW), Receipt.Outcome.FAILED, true, NOW),
                pending(OTHER, 8, NOW)));

        assertThat(gaveUp.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(gaveUp.attempt()).isEqualTo(3);
        assertThat(repo.countByStatus(CAMPAIGN)).isEqualTo(new DeliveryCounts(2, 2, 2, 1, 1, 1 + 2 + 1));
        assertThat(repo.countByStatus(OTHER)).isEqualTo(new DeliveryCounts(1, 0, 0, 0, 0, 0));
        assertThat(repo.countByStatus(CampaignId.of("none"))).isEqualTo(DeliveryCounts.ZERO);
    }

    private static Delivery failThrice(Delivery d) {
        Delivery row = d;
        for (int attempt = 1; attempt <= 3; attempt++) {
            row = receipt(row, Receipt.Outcome.FAILED, true, NOW);
            if (row.status() == DeliveryStatus.PENDING) {
                Instant at = row.nextAttemptAt();
                row = row.enqueue(at, GRACE).claim(at, LEASE).accepted(row.attempt(), "vm-" + attempt, at, RECEIPT_TIMEOUT);
            }
        }
        return row;
    }

    @Test
    void list_pagesTheCampaignsRowsInIdOrder_optionallyOfOneStatus() {
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rows.add(i % 3 == 0 ? receipt(awaitingReceipt(CAMPAIGN, i, NOW), Receipt.Outcome.SENT, false, NOW)
                    : pending(CAMPAIGN, i, NOW));
        }
        rows.add(pending(OTHER, 100, NOW));
        insertAsIs(rows);
        List<DeliveryId> all = rows.stream().filter(d -> d.campaignId().equals(CAMPAIGN)).map(Delivery::id)
                .sorted(Comparator.comparing(DeliveryId::value)).toList();
        List<DeliveryId> sent = rows.stream().filter(d -> d.campaignId().equals(CAMPAIGN))
                .filter(d -> d.status() == DeliveryStatus.SENT).map(Delivery::id)
                .sorted(Comparator.comparing(DeliveryId::value)).toList();

        assertThat(readAll(Optional.empty(), 6)).containsExactlyElementsOf(all);
        assertThat(readAll(Optional.of(DeliveryStatus.SENT), 4)).containsExactlyElementsOf(sent);
        assertThat(readAll(Optional.of(DeliveryStatus.FAILED), 4)).isEmpty();
        assertThat(repo.list(CampaignId.of("none"), Optional.empty(), PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void aMalformedCursor_isBadInput() {
        insertAsIs(List.of(pending(CAMPAIGN, 1, NOW)));
        assertThatThrownBy(() -> repo.list(CAMPAIGN, Optional.empty(), new PageRequest("%%% not a cursor %%%", 5)))
                .isInstanceOf(ValidationException.class);
    }

    private List<DeliveryId> readAll(Optional<DeliveryStatus> status, int size) {
        List<DeliveryId> out = new ArrayList<>();
        String cursor = null;
        for (int guard = 0; guard < 100; guard++) {
            Page<Delivery> page = repo.list(CAMPAIGN, status, new PageRequest(cursor, size));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            page.items().forEach(d -> out.add(d.id()));
            cursor = page.nextCursor();
            if (cursor == null) {
                return out;
            }
        }
        throw new AssertionError("paging did not end");
    }

    @Test
    void recentMessageCounts_countPendingAndSentRowsOfOtherCampaignsSince() {
        Instant since = NOW.minus(Duration.ofDays(7));
        CampaignId third = CampaignId.of("camp-c");
        insertAsIs(List.of(
                pending(OTHER, 1, NOW),                                                          // counts
                receipt(awaitingReceipt(third, 1, NOW.minusSeconds(5)), Receipt.Outcome.SENT, false, NOW), // counts
                pending(CAMPAIGN, 1, NOW),                                                       // excluded campaign
                pending(OTHER, 2, NOW.minus(Duration.ofDays(8))),                                // too old
                receipt(awaitingReceipt(third, 2, NOW), Receipt.Outcome.FAILED, false, NOW),     // failed: no message
                Delivery.skipped(OTHER, customer(3), "cap", NOW),                                // skipped: no message
                pending(third, 3, since),                                                        // exactly at since
                pending(OTHER, 4, NOW).cancel(NOW).delivery()));                                 // cancelled

        Map<CustomerId, Long> counts = repo.recentMessageCounts(
                List.of(customer(1), customer(2), customer(3), customer(4), customer(5)), CAMPAIGN, since);

        assertThat(counts.getOrDefault(customer(1), 0L)).isEqualTo(2);
        assertThat(counts.getOrDefault(customer(2), 0L)).isZero();
        assertThat(counts.getOrDefault(customer(3), 0L)).isEqualTo(1);
        assertThat(counts.getOrDefault(customer(4), 0L)).isZero();
        assertThat(counts.getOrDefault(customer(5), 0L)).isZero();
        assertThat(counts.keySet()).isSubsetOf(customer(1), customer(2), customer(3), customer(4), customer(5));
    }

    @Test
    void sendWindow_isTheFirstAndLastHandOverToTheVendor() {
        assertThat(repo.sendWindow(CAMPAIGN)).isEmpty();
        insertAsIs(List.of(pending(CAMPAIGN, 1, NOW)));
        assertThat(repo.sendWindow(CAMPAIGN)).isEmpty();

        insertAsIs(List.of(
                awaitingReceipt(CAMPAIGN, 2, NOW.plusSeconds(10)),
                receipt(awaitingReceipt(CAMPAIGN, 3, NOW.plusSeconds(5)), Receipt.Outcome.SENT, false, NOW.plusSeconds(6)),
                awaitingReceipt(CAMPAIGN, 4, NOW.plusSeconds(70)),
                awaitingReceipt(OTHER, 5, NOW)));

        assertThat(repo.sendWindow(CAMPAIGN)).contains(
                new io.minicrm.domain.campaign.SendWindow(NOW.plusSeconds(5), NOW.plusSeconds(70)));
    }

    @Test
    void listForCustomer_pagesOneCustomersRowsAcrossCampaigns_newestFirst() {
        List<Delivery> mine = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // two rows share each creation time, so the id breaks the tie
            mine.add(Delivery.pending(CampaignId.of("camp-" + i), customer(1), NOW.plusSeconds(i / 2)));
        }
        List<Delivery> all = new ArrayList<>(mine);
        all.add(pending(CAMPAIGN, 2, NOW.plusSeconds(30)));
        all.add(pending(OTHER, 3, NOW.plusSeconds(30)));
        insertAsIs(all);
        List<DeliveryId> expected = mine.stream().sorted(Comparator.comparing(Delivery::createdAt)
                .thenComparing(d -> d.id().value()).reversed()).map(Delivery::id).toList();

        List<DeliveryId> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page<Delivery> page = repo.listForCustomer(customer(1), new PageRequest(cursor, 3));
            page.items().forEach(d -> read.add(d.id()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
        assertThat(repo.listForCustomer(customer(99), PageRequest.first(5)).items()).isEmpty();
        assertThatThrownBy(() -> repo.listForCustomer(customer(1), new PageRequest("nonsense", 3)))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void activity_countsHandOversAndOutcomesPerTimeBucket() {
        insertAsIs(List.of(
                pending(CAMPAIGN, 1, NOW),
                awaitingReceipt(CAMPAIGN, 2, NOW.plusSeconds(1)),
                receipt(awaitingReceipt(CAMPAIGN, 3, NOW.plusSeconds(2)), Receipt.Outcome.SENT, false, NOW.plusSeconds(11)),
                receipt(awaitingReceipt(CAMPAIGN, 4, NOW.plusSeconds(12)), Receipt.Outcome.FAILED, false, NOW.plusSeconds(13)),
                receipt(awaitingReceipt(CAMPAIGN, 5, NOW.plusSeconds(31)), Receipt.Outcome.SENT, false, NOW.plusSeconds(32)),
                receipt(awaitingReceipt(OTHER, 6, NOW.plusSeconds(2)), Receipt.Outcome.SENT, false, NOW.plusSeconds(3))));

        assertThat(repo.activity(CAMPAIGN, NOW.plusSeconds(1), Duration.ofSeconds(10))).containsExactly(
                new DeliveryLogRepository.Activity(NOW.plusSeconds(1), 2, 0, 0),
                new DeliveryLogRepository.Activity(NOW.plusSeconds(11), 1, 1, 1),
                new DeliveryLogRepository.Activity(NOW.plusSeconds(31), 1, 1, 0));
        assertThat(repo.activity(CampaignId.of("none"), NOW, Duration.ofSeconds(10))).isEmpty();
    }

    @Test
    void rowsOfOneCampaignAreIndependentOfAnother() {
        insertAsIs(IntStream.range(0, 10).mapToObj(i -> pending(i % 2 == 0 ? CAMPAIGN : OTHER, i, NOW)).toList());
        assertThat(repo.countByStatus(CAMPAIGN).pending()).isEqualTo(5);
        assertThat(repo.findPending(OTHER, null, 100)).extracting(Delivery::campaignId).containsOnly(OTHER).hasSize(5);
        assertThat(repo.list(CAMPAIGN, Optional.empty(), PageRequest.first(100)).items()).extracting(Delivery::campaignId)
                .containsOnly(CAMPAIGN);
        assertThat(repo.findByIds(IntStream.range(0, 10).mapToObj(i -> DeliveryId.of(CAMPAIGN, customer(i)))
                .collect(Collectors.toList()))).hasSize(5);
    }
}
