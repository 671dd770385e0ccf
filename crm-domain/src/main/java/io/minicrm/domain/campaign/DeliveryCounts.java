package io.minicrm.domain.campaign;

/**
 * Delivery counters of a campaign. {@code audience} recipients are split into {@code pending},
 * {@code sent}, {@code failed} (final) and {@code cancelled}; {@code skipped} customers (frequency cap)
 * are outside the audience; {@code retries} counts re-sends after retryable failures.
 */
public record DeliveryCounts(long pending, long sent, long failed, long cancelled, long skipped, long retries) {
    /** No deliveries. */
    public static final DeliveryCounts ZERO = new DeliveryCounts(0, 0, 0, 0, 0, 0);
    /** One pending delivery. */
    public static final DeliveryCounts ONE_PENDING = new DeliveryCounts(1, 0, 0, 0, 0, 0);
    /** One sent delivery. */
    public static final DeliveryCounts ONE_SENT = new DeliveryCounts(0, 1, 0, 0, 0, 0);
    /** One delivery failed for good. */
    public static final DeliveryCounts ONE_FAILED = new DeliveryCounts(0, 0, 1, 0, 0, 0);
    /** One cancelled delivery. */
    public static final DeliveryCounts ONE_CANCELLED = new DeliveryCounts(0, 0, 0, 1, 0, 0);
    /** One skipped customer. */
    public static final DeliveryCounts ONE_SKIPPED = new DeliveryCounts(0, 0, 0, 0, 1, 0);
    /** One retry. */
    public static final DeliveryCounts ONE_RETRY = new DeliveryCounts(0, 0, 0, 0, 0, 1);

    /** Recipients: every delivery row but the skipped ones. */
    public long audience() {
        return pending + sent + failed + cancelled;
    }

    /** These counts plus {@code d}. */
    public DeliveryCounts plus(DeliveryCounts d) {
        return new DeliveryCounts(pending + d.pending, sent + d.sent, failed + d.failed, cancelled + d.cancelled,
                skipped + d.skipped, retries + d.retries);
    }

    /** These counts minus {@code d}. */
    public DeliveryCounts minus(DeliveryCounts d) {
        return plus(d.times(-1));
    }

    /** Each count multiplied by {@code n}. */
    public DeliveryCounts times(long n) {
        return new DeliveryCounts(pending * n, sent * n, failed * n, cancelled * n, skipped * n, retries * n);
    }

    /** Whether every count is zero. */
    public boolean isZero() {
        return equals(ZERO);
    }

    /** sent / (sent + failed), or 0 when nothing has finished. */
    public double deliveryRate() {
        long done = sent + failed;
        return done == 0 ? 0.0 : (double) sent / done;
    }
}
