package io.minicrm.domain.delivery;

import io.minicrm.domain.delivery.Delivery.Change;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/** Receipts arrive late, twice, and out of order; the delivery log must not care. */
class DeliveryProperties {
    private static final Instant T0 = DeliveryTest.T0;
    private static final Instant NOW = T0.plusSeconds(5_000);

    /** How the vendor's attempts went: all but the last failed retryably; the last as given. */
    record Story(int attempts, Receipt.Outcome lastOutcome, boolean lastRetryable, int maxAttempts, List<Integer> copies) {
    }

    @Property(tries = 300)
    void shuffledDuplicatedReceipts_endInTheSameStateAsInOrder(@ForAll("stories") Story story, @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(story.maxAttempts(), Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2);
        Delivery start = DeliveryTest.fresh();
        List<Receipt> inOrder = receipts(start, story);

        Delivery expected = start;
        for (Receipt r : inOrder) {
            expected = expected.applyReceipt(r, policy, NOW).delivery();
        }

        List<Receipt> arriving = new ArrayList<>();
        for (int i = 0; i < inOrder.size(); i++) {
            for (int k = 0; k < story.copies().get(i); k++) {
                arriving.add(inOrder.get(i));
            }
        }
        Collections.shuffle(arriving, new Random(seed));
        // the vendor re-delivers every receipt until its webhooks stop changing anything
        Delivery actual = start;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Receipt r : arriving) {
                Delivery.Transition t = actual.applyReceipt(r, policy, NOW);
                changed |= t.change() != Change.NONE;
                actual = t.delivery();
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.history()).extracting(Delivery.Attempt::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, actual.history().size()).boxed().toList());
        assertThat(actual.version()).isEqualTo(actual.history().size());
    }

    @Property(tries = 300)
    void applyingAReceiptTwice_isTheSameAsApplyingItOnce(@ForAll("stories") Story story, @ForAll @IntRange(max = 5) int prefix,
                                                         @ForAll int pick) {
        RetryPolicy policy = new RetryPolicy(story.maxAttempts(), Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2);
        Delivery d = DeliveryTest.fresh();
        List<Receipt> receipts = receipts(d, story);
        for (int i = 0; i < Math.min(prefix, receipts.size()); i++) {
            d = d.applyReceipt(receipts.get(i), policy, NOW).delivery();
        }
        Receipt r = receipts.get(Math.floorMod(pick, receipts.size()));
        Delivery once = d.applyReceipt(r, policy, NOW).delivery();
        Delivery.Transition twice = once.applyReceipt(r, policy, NOW);
        assertThat(twice.change()).isEqualTo(Change.NONE);
        assertThat(twice.delivery()).isSameAs(once);
    }

    @Property(tries = 200)
    void onceFinal_noEventMovesTheDelivery(@ForAll("stories") Story story, @ForAll long seed) {
        RetryPolicy policy = new RetryPolicy(story.maxAttempts(), Duration.ofSeconds(30), Duration.ofMinutes(30), 0);
        Delivery d = DeliveryTest.fresh();
        for (Receipt r : receipts(d, story)) {
            d = d.applyReceipt(r, policy, NOW).delivery();
        }
        if (!d.status().isFinal()) {
            d = d.cancel(NOW).delivery();
        }
        Delivery done = d;
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            int attempt = 1 + random.nextInt(4);
            Receipt r = new Receipt(done.id(), random.nextBoolean() ? null : "m" + attempt,
                    random.nextBoolean() ? Receipt.Outcome.SENT : Receipt.Outcome.FAILED, "r", random.nextBoolean(), NOW,
                    random.nextBoolean() ? null : attempt);
            assertThat(done.applyReceipt(r, policy, NOW).delivery()).isSameAs(done);
            assertThat(done.cancel(NOW).delivery()).isSameAs(done);
            assertThat(done.skip("x", NOW).delivery()).isSameAs(done);
            assertThat(done.accepted(attempt, "m", NOW, Duration.ofMinutes(1))).isSameAs(done);
            assertThat(done.released(NOW)).isSameAs(done);
        }
    }

    @Provide
    Arbitrary<Story> stories() {
        return Arbitraries.integers().between(1, 5).flatMap(max -> Arbitraries.integers().between(1, max).flatMap(attempts ->
                Combinators.combine(Arbitraries.of(Receipt.Outcome.values()), Arbitraries.of(true, false),
                                Arbitraries.integers().between(1, 3).list().ofSize(attempts))
                        .as((outcome, retryable, copies) -> new Story(attempts, outcome, retryable, max, copies))));
    }

    /** One receipt per attempt: the vendor echoes our idempotency key, so each names its attempt. */
    private static List<Receipt> receipts(Delivery d, Story story) {
        List<Receipt> out = new ArrayList<>();
        for (int a = 1; a <= story.attempts(); a++) {
            boolean last = a == story.attempts();
            Receipt.Outcome outcome = last ? story.lastOutcome() : Receipt.Outcome.FAILED;
            out.add(new Receipt(d.id(), "m" + a, outcome, outcome == Receipt.Outcome.FAILED ? "busy" : null,
                    !last || story.lastRetryable(), T0.plusSeconds(a * 60L), a));
        }
        return out;
    }
}
