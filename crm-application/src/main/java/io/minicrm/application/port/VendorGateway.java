package io.minicrm.application.port;

import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.delivery.DeliveryId;
import java.util.List;
import java.util.Objects;

/**
 * The messaging vendor. Sends a batch; the answer for each message says whether the vendor took it
 * (with its message id; the outcome arrives later as a receipt) or refused it. The idempotency key
 * identifies one attempt: sending it again must not send the message twice.
 */
@FunctionalInterface
public interface VendorGateway {

    /**
     * @return one result per message, in the same order
     * @throws VendorUnavailableException when the vendor could not be reached or answered with an error;
     *         nothing is known about the batch, so it is sent again later under the same keys
     */
    List<SendResult> send(List<OutboundMessage> batch);

    record OutboundMessage(DeliveryId deliveryId, int attempt, String idempotencyKey, CampaignId campaignId,
                           String toEmail, String toPhone, String text) {
        public OutboundMessage {
            Objects.requireNonNull(deliveryId, "deliveryId");
            Objects.requireNonNull(idempotencyKey, "idempotencyKey");
            Objects.requireNonNull(text, "text");
        }
    }

    sealed interface SendResult permits Accepted, Rejected {
    }

    record Accepted(String vendorMessageId) implements SendResult {
        public Accepted {
            Objects.requireNonNull(vendorMessageId, "vendorMessageId");
        }
    }

    record Rejected(String reason, boolean retryable) implements SendResult {
    }

    class VendorUnavailableException extends RuntimeException {
        public VendorUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The vendor refused the request as it is (a 4xx other than for credentials or throttling): sending the
     * same batch again cannot succeed. Some message of it is unacceptable; the others may be fine.
     */
    class RequestRefusedException extends RuntimeException {
        public RequestRefusedException(String message) {
            super(message);
        }
    }
}
