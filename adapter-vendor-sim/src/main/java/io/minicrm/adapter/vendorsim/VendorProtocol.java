package io.minicrm.adapter.vendorsim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The wire protocol between our {@link HttpVendorGateway} and a messaging vendor (the
 * {@link VendorSimulator} speaks it too). JSON over HTTP/1.1, UTF-8.
 *
 * <h2>Send</h2>
 * {@code POST {VENDOR_URL}/v1/messages}, header {@code X-Api-Key} when a key is configured, body
 * {@link SendRequest}: {@code {"messages":[{"idempotencyKey","deliveryId","attempt","campaignId",
 * "to":{"email","phone"},"text"}]}}. The answer is {@code 200} with {@link SendResponse}: one result per
 * message, in request order, each naming its idempotency key:
 * {@code {"idempotencyKey","status":"accepted","vendorMessageId"}} or
 * {@code {"idempotencyKey","status":"rejected","reason","retryable"}}. A key the vendor has seen before is
 * not sent again: it answers with the original message id and reports the original outcome again.
 * {@code 400} (malformed batch), {@code 401} (bad key), {@code 413} (batch too large),
 * {@code 429}/{@code 5xx} (try later) carry {@link ErrorBody}.
 *
 * <h2>Receipts</h2>
 * Later the vendor {@code POST}s to the receipt URL one {@link DeliveryReceipt}
 * {@code {deliveryId, vendorMessageId, status: "sent"|"failed", reason?, retryable?, occurredAt, attempt, idempotencyKey}}
 * or, when several are due, {@code {"receipts":[...]}} ({@link ReceiptBatch}), signed with header
 * {@code X-Vendor-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} (see {@link ReceiptSigner}).
 * Any non-2xx answer or connection error makes the vendor retry with exponential backoff.
 *
 * <h2>Other</h2>
 * {@code GET /v1/health} ({@code 200} or {@code 503} when down) and {@code GET /v1/stats} (simulator
 * counters).
 */
public final class VendorProtocol {
    /** Path of the send endpoint, relative to the vendor's base URL. */
    public static final String MESSAGES_PATH = "/v1/messages";
    /** Path of the health endpoint. */
    public static final String HEALTH_PATH = "/v1/health";
    /** Path of the simulator's counters. */
    public static final String STATS_PATH = "/v1/stats";
    /** Every idempotency key seen, with its outcome and how often it was sent (tests that audit a sender). */
    public static final String LEDGER_PATH = "/v1/ledger";
    /** Header carrying our API key to the vendor. */
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** Header carrying the receipt signature. */
    public static final String SIGNATURE_HEADER = "X-Vendor-Signature";
    /** Result status: the vendor took the message. */
    public static final String ACCEPTED = "accepted";
    /** Result status: the vendor refused the message. */
    public static final String REJECTED = "rejected";
    /** Receipt status: delivered. */
    public static final String SENT = "sent";
    /** Receipt status: not delivered. */
    public static final String FAILED = "failed";

    private VendorProtocol() {
    }

    /** A batch of messages to send. */
    public record SendRequest(List<Message> messages) {
    }

    /** One message of a batch; {@code attempt} is echoed in its receipt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String idempotencyKey, String deliveryId, Integer attempt, String campaignId, Recipient to,
                          String text) {
    }

    /** Where a message goes: an email address, a phone number, or both. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Recipient(String email, String phone) {
    }

    /** The vendor's answer to a batch: one result per message, in order. */
    public record SendResponse(List<Result> results) {
    }

    /** The vendor's answer for one message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String idempotencyKey, String status, String vendorMessageId, String reason, Boolean retryable) {
        /** The vendor took the message under {@code vendorMessageId}. */
        public static Result accepted(String key, String vendorMessageId) {
            return new Result(key, ACCEPTED, vendorMessageId, null, null);
        }

        /** The vendor refused the message. */
        public static Result rejected(String key, String reason, boolean retryable) {
            return new Result(key, REJECTED, null, reason, retryable);
        }
    }

    /**
     * A delivery receipt (vendor to us). {@code attempt} and {@code idempotencyKey} are echoed from the message:
     * they bind the receipt to the attempt it reports, so a replayed receipt can never count for a later one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryReceipt(String deliveryId, String vendorMessageId, String status, String reason,
                                  Boolean retryable, String occurredAt, Integer attempt, String idempotencyKey) {
    }

    /** Several receipts in one callback. */
    public record ReceiptBatch(List<DeliveryReceipt> receipts) {
    }

    /** One problem of a refused request, with the JSON path it concerns. */
    public record Problem(String path, String message) {
    }

    /** Body of an error answer. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record ErrorBody(String error, List<Problem> problems) {
    }

    /** A mapper that ignores unknown fields (what a client of a vendor should do). */
    static ObjectMapper lenientMapper() {
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** A mapper that refuses unknown fields (the simulator: protocol drift shows up in tests). */
    static ObjectMapper strictMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }
}
