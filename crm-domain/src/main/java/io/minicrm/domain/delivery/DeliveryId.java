package io.minicrm.domain.delivery;

import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity of a delivery row. Derived from (campaign, customer), so writing a campaign's rows again
 * after a crash produces the same ids and adds nothing.
 */
public record DeliveryId(String value) {
    public DeliveryId {
        Ids.require(value, "delivery id");
    }

    /** The id, validated. */
    public static DeliveryId of(String value) {
        return new DeliveryId(value);
    }

    /** The id of the row for this customer in this campaign: 32 hex characters of SHA-256. */
    public static DeliveryId of(CampaignId campaign, CustomerId customer) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((campaign.value() + '\u0000' + customer.value()).getBytes(StandardCharsets.UTF_8));
            return new DeliveryId(HexFormat.of().formatHex(h, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The key under which attempt {@code attempt} of this delivery is sent to the vendor. */
    public String idempotencyKey(int attempt) {
        return value + "-" + attempt;
    }

    @Override
    public String toString() {
        return value;
    }
}
