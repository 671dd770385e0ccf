package io.minicrm.adapter.vendorsim;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Every random choice of the simulator about a message, as a pure function of (seed, idempotency key): the
 * vendor message id, the outcome, and per report of that key its delay and whether it is duplicated. Two
 * simulators with the same seed decide the same, whatever the timing or thread interleaving.
 */
final class OutcomePlanner {
    static final String[] RETRYABLE_REASONS = {"carrier timeout", "temporary network error", "throttled by carrier"};
    static final String[] PERMANENT_REASONS = {"invalid recipient", "recipient blocked messages",
            "recipient unsubscribed at carrier"};

    /** What happens to a message. */
    record Decision(String vendorMessageId, boolean sent, String reason, boolean retryable) {
    }

    /** When report number {@code n} of a key is due, and when its duplicate is (null: no duplicate). */
    record ReportPlan(Duration delay, Duration duplicateDelay) {
    }

    private final long seed;
    private final SimulatorSettings.OutcomeMix mix;
    private final SimulatorSettings.DelayRange receiptDelay;

    OutcomePlanner(long seed, SimulatorSettings.OutcomeMix mix, SimulatorSettings.DelayRange receiptDelay) {
        this.seed = seed;
        this.mix = mix;
        this.receiptDelay = receiptDelay;
    }

    Decision decide(String key) {
        SplittableRandom r = random(key, 0);
        String id = "vm_" + hex16(r.nextLong()) + hex16(r.nextLong());
        if (r.nextDouble() < mix.successRate()) {
            return new Decision(id, true, null, false);
        }
        boolean retryable = r.nextDouble() < mix.retryableShare();
        String[] reasons = retryable ? RETRYABLE_REASONS : PERMANENT_REASONS;
        return new Decision(id, false, reasons[r.nextInt(reasons.length)], retryable);
    }

    ReportPlan plan(String key, int report) {
        SplittableRandom r = random(key, report + 1);
        Duration delay = receiptDelay.at(r.nextDouble());
        if (r.nextDouble() < mix.duplicateRate()) {
            return new ReportPlan(delay, delay.plus(receiptDelay.at(r.nextDouble())).plusMillis(1));
        }
        return new ReportPlan(delay, null);
    }

    private SplittableRandom random(String key, int stream) {
        return new SplittableRandom(seed ^ fnv1a(key) ^ (stream * 0x9E3779B97F4A7C15L));
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
