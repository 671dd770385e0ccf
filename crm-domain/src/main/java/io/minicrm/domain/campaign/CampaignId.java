package io.minicrm.domain.campaign;

import io.minicrm.domain.shared.Ids;

/** Identity of a campaign. */
public record CampaignId(String value) {
    public CampaignId {
        Ids.require(value, "campaign id");
    }

    /** The id, validated (1 to 64 letters, digits, {@code _} or {@code -}). */
    public static CampaignId of(String value) {
        return new CampaignId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
