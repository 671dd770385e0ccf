package io.minicrm.domain.campaign;

import java.util.Locale;

/** Campaign lifecycle: DRAFT -> SCHEDULED -> SENDING -> COMPLETED | CANCELLED | FAILED. */
public enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, COMPLETED, CANCELLED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
