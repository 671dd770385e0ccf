package io.minicrm.adapter.vendorsim;

/**
 * A snapshot of the {@link VendorSimulator}'s counters (for tests, benchmarks and {@code GET /v1/stats}).
 *
 * @param uniqueMessages        distinct idempotency keys accepted: messages the vendor "sent"
 * @param messagesReceived      messages in all send requests, repeats included
 * @param duplicateMessages     messages whose key had been seen before (answered with the original id)
 * @param rejectedMessages      messages refused at send time (no recipient, empty text, key reused for
 *                              another delivery)
 * @param requests              send requests answered 200
 * @param unavailableAnswers    send requests answered 503 because the simulator was switched down
 * @param peakInFlightRequests  most send requests being handled at once
 * @param receiptsScheduled     receipts planned, duplicates included
 * @param duplicateReceipts     receipts planned as a duplicate of another
 * @param receiptsDelivered     receipts the receipt URL acknowledged with 2xx
 * @param callbacks             callback requests attempted
 * @param callbackFailures      callbacks that failed (non-2xx, connection error, no receipt URL)
 * @param receiptsDropped       receipts given up after the callback max age
 * @param receiptsPending       receipts not yet delivered nor dropped
 */
public record SimulatorCounters(long uniqueMessages, long messagesReceived, long duplicateMessages,
                                long rejectedMessages, long requests, long unavailableAnswers, int peakInFlightRequests,
                                long receiptsScheduled, long duplicateReceipts, long receiptsDelivered, long callbacks,
                                long callbackFailures, long receiptsDropped, long receiptsPending) {
}
