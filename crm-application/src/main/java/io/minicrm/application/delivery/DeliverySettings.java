package io.minicrm.application.delivery;

import io.minicrm.domain.delivery.FrequencyCap;
import io.minicrm.domain.delivery.RetryPolicy;
import java.time.Duration;

/**
 * Tuning of the delivery pipeline.
 *
 * @param audiencePageSize   customers read per page when writing a campaign's delivery rows
 * @param dispatchBatch      messages per vendor call (and per dispatch job)
 * @param sendRatePerSecond  messages per second per instance ({@code <= 0}: unlimited)
 * @param dispatchConcurrency dispatch consumer threads per instance
 * @param receiptBatch       receipts applied per batch
 * @param queueGrace         how long a queued row waits for its job before it is queued again
 * @param sendLease          how long a dispatcher holds a row while calling the vendor
 * @param receiptTimeout     how long to wait for a receipt before sending the same attempt again
 * @param vendorBackoff      wait before re-sending when the vendor could not be reached
 * @param retry              retries of failed deliveries
 * @param frequencyCap       at most this many messages per customer per {@code frequencyWindow} across campaigns (0: off)
 * @param frequencyWindow    the frequency cap's window
 * @param supervisorInterval how often the supervisor runs (scheduled launches, sweeps, completion)
 * @param reconcileInterval  how often counters of a sending campaign are recounted from its rows
 */
public record DeliverySettings(int audiencePageSize, int dispatchBatch, double sendRatePerSecond, int dispatchConcurrency,
                               int receiptBatch, Duration queueGrace, Duration sendLease, Duration receiptTimeout,
                               Duration vendorBackoff, RetryPolicy retry, int frequencyCap, Duration frequencyWindow,
                               Duration supervisorInterval, Duration reconcileInterval) {
    /**
     * The defaults of the server and of an embedded Mini CRM alike (the server's environment variables only
     * change them): 10,000 messages per second per instance, {@link RetryPolicy#DEFAULT} retries, no frequency cap.
     */
    public static DeliverySettings defaults() {
        return new DeliverySettings(1000, 250, 10_000, 4, 500, Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofSeconds(5), RetryPolicy.DEFAULT, 0, Duration.ofDays(7),
                Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    public DeliverySettings {
        if (audiencePageSize < 1 || dispatchBatch < 1 || dispatchConcurrency < 1 || receiptBatch < 1) {
            throw new IllegalArgumentException("sizes and concurrency must be >= 1");
        }
        if (frequencyCap < 0) {
            throw new IllegalArgumentException("frequencyCap must be >= 0");
        }
    }

    /** The frequency cap as the domain rule that decides who is held back. */
    public FrequencyCap frequencyCapRule() {
        return frequencyCap == 0 ? FrequencyCap.OFF : new FrequencyCap(frequencyCap, frequencyWindow);
    }

    public DeliverySettings withRetry(RetryPolicy r) {
        return new DeliverySettings(audiencePageSize, dispatchBatch, sendRatePerSecond, dispatchConcurrency, receiptBatch,
                queueGrace, sendLease, receiptTimeout, vendorBackoff, r, frequencyCap, frequencyWindow, supervisorInterval,
                reconcileInterval);
    }

    public DeliverySettings withTimings(Duration grace, Duration lease, Duration receipt, Duration backoff,
                                        Duration supervisor, Duration reconcile) {
        return new DeliverySettings(audiencePageSize, dispatchBatch, sendRatePerSecond, dispatchConcurrency, receiptBatch,
                grace, lease, receipt, backoff, retry, frequencyCap, frequencyWindow, supervisor, reconcile);
    }

    public DeliverySettings withFrequencyCap(int messages, Duration window) {
        return new DeliverySettings(audiencePageSize, dispatchBatch, sendRatePerSecond, dispatchConcurrency, receiptBatch,
                queueGrace, sendLease, receiptTimeout, vendorBackoff, retry, messages, window, supervisorInterval,
                reconcileInterval);
    }

    public DeliverySettings withThroughput(int pageSize, int batch, double ratePerSecond, int concurrency) {
        return new DeliverySettings(pageSize, batch, ratePerSecond, concurrency, receiptBatch, queueGrace, sendLease,
                receiptTimeout, vendorBackoff, retry, frequencyCap, frequencyWindow, supervisorInterval, reconcileInterval);
    }
}
