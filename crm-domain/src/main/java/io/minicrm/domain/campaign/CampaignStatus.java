package io.minicrm.domain.campaign;

import java.util.Locale;

/** Campaign lifecycle: DRAFT -> SCHEDULED -> SENDING -> COMPLETED | CANCELLED | FAILED. */
public enum CampaignStatus {
    /** Saved, not sending until launched. */
    DRAFT,
    /** Launches by itself at its scheduled time. */
    SCHEDULED,
    /** Messages are being handed to the vendor. */
    SENDING,
    /** Every recipient's delivery has finished. */
    COMPLETED,
    /** Stopped by a person; deliveries not yet sent are cancelled. */
    CANCELLED,
    /** Could not be sent (e.g. its audience could not be read). */
    FAILED;

    /** The name in the API ({@code sending}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the campaign can change no more (completed, cancelled or failed). */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /**
     * Whether a campaign in this status keeps its counters as they are: a completed campaign's counters were
     * recounted from its delivery rows when it completed, so they already hold every change still on its way.
     * Cancelled and failed campaigns still count the receipts of messages that were on their way.
     */
    public boolean countersAreFinal() {
        return this == COMPLETED;
    }
}
