package io.minicrm.domain.campaign;

import io.minicrm.domain.shared.Ids;

/** Identity of a campaign. */
public record CampaignId(String value) {
    public CampaignId {
        Ids.require(value, "campaign id");
    }

    public static CampaignId of(String value) {
        return new CampaignId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
