package io.minicrm.domain.delivery;

import io.minicrm.domain.delivery.Delivery.Change;
import io.minicrm.domain.testing.Property;
import io.minicrm.domain.testing.RandomValues;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Receipts arrive late, twice, and out of order; the delivery log must not care. */
class DeliveryPropertyTest {
    private static final Instant T0 = DeliveryTest.T0;
    private static final Instant NOW = T0.plusSeconds(5_000);

    /** How the vendor's attempts went: all but the last failed retryably; the last as given; each receipt arrives 1-3 times. */
    record Story(int attempts, Receipt.Outcome lastOutcome, boolean lastRetryable, int maxAttempts, List<Integer> copies) {
        /** Up to 5 allowed attempts, 1..max made, any last outcome. */
        static Story random(SplittableRandom r) {
            int max = 1 + r.nextInt(5);
            int attempts = 1 + r.nextInt(max);
            return new Story(attempts, RandomValues.pick(r, Receipt.Outcome.values()), r.nextBoolean(), max,
                    RandomValues.list(r, attempts, attempts, x -> 1 + x.nextInt(3)));
        }
    }

    /** A story and a seed for shuffling / random events. */
    record StoryAndSeed(Story story, long seed) {
        static StoryAndSeed random(SplittableRandom r) {
            return new StoryAndSeed(Story.random(r), RandomValues.anyLong(r));
        }
    }

    /** A story, how many of its receipts to apply first (0..5), and which receipt to apply twice (any int, modulo). */
    record StoryPrefixPick(Story story, int prefix, int pick) {
        static StoryPrefixPick random(SplittableRandom r) {
            return new StoryPrefixPick(Story.random(r), r.nextInt(6), RandomValues.anyInt(r));
        }
    }

    @Test
    void shuffledDuplicatedReceipts_endInTheSameStateAsInOrder() {
        Property.forAll("shuffled duplicated receipts", 1000, StoryAndSeed::random, c -> {
            Story story = c.story();
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
            Collections.shuffle(arriving, new Random(c.seed()));
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
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, actual.history().size()).boxed().toList());
            assertThat(actual.version()).isEqualTo(actual.history().size());
        });
    }

    @Test
    void applyingAReceiptTwice_isTheSameAsApplyingItOnce() {
        Property.forAll("a receipt twice == once", 1000, StoryPrefixPick::random, c -> {
            Story story = c.story();
            RetryPolicy policy = new RetryPolicy(story.maxAttempts(), Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2);
            Delivery d = DeliveryTest.fresh();
            List<Receipt> receipts = receipts(d, story);
            for (int i = 0; i < Math.min(c.prefix(), receipts.size()); i++) {
                d = d.applyReceipt(receipts.get(i), policy, NOW).delivery();
            }
            Receipt r = receipts.get(Math.floorMod(c.pick(), receipts.size()));
            Delivery once = d.applyReceipt(r, policy, NOW).delivery();
            Delivery.Transition twice = once.applyReceipt(r, policy, NOW);
            assertThat(twice.change()).isEqualTo(Change.NONE);
            assertThat(twice.delivery()).isSameAs(once);
        });
    }

    @Test
    void onceFinal_noEventMovesTheDelivery() {
        Property.forAll("final deliveries do not move", 500, StoryAndSeed::random, c -> {
            Story story = c.story();
            RetryPolicy policy = new RetryPolicy(story.maxAttempts(), Duration.ofSeconds(30), Duration.ofMinutes(30), 0);
            Delivery d = DeliveryTest.fresh();
            for (Receipt r : receipts(d, story)) {
                d = d.applyReceipt(r, policy, NOW).delivery();
            }
            if (!d.status().isFinal()) {
                d = d.cancel(NOW).delivery();
            }
            Delivery done = d;
            Random random = new Random(c.seed());
            for (int i = 0; i < 20; i++) {
                int attempt = 1 + random.nextInt(4);
                Receipt r = new Receipt(done.id(), random.nextBoolean() ? null : "m" + attempt,
                        random.nextBoolean() ? Receipt.Outcome.SENT : Receipt.Outcome.FAILED, "r", random.nextBoolean(), NOW,
                        random.nextBoolean() ? null : attempt);
                assertThat(done.applyReceipt(r, policy, NOW).delivery()).as("%s", r).isSameAs(done);
                assertThat(done.cancel(NOW).delivery()).isSameAs(done);
                assertThat(done.skip("x", NOW).delivery()).isSameAs(done);
                assertThat(done.accepted(attempt, "m", NOW, Duration.ofMinutes(1))).isSameAs(done);
                assertThat(done.released(NOW)).isSameAs(done);
            }
        });
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
