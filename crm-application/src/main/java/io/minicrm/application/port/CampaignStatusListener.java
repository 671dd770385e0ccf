package io.minicrm.application.port;

import io.minicrm.domain.campaign.Campaign;
import java.util.List;

/**
 * Told when this instance changes a campaign's status (launched, completed, cancelled, failed), after the
 * change is stored. Changes made by another instance on the same store are not reported here; whoever needs
 * them also reads the store (see {@code CampaignWatch}). A listener must be quick and must not throw: it
 * runs on the thread that made the change.
 */
@FunctionalInterface
public interface CampaignStatusListener {
    /** Nobody listens. */
    CampaignStatusListener NONE = campaign -> { };

    /** @param campaign the campaign as stored after the change */
    void statusChanged(Campaign campaign);

    /** Tells each of {@code listeners} in turn; one that throws does not keep the others from hearing. */
    static CampaignStatusListener all(List<CampaignStatusListener> listeners) {
        List<CampaignStatusListener> copy = List.copyOf(listeners);
        return campaign -> {
            for (CampaignStatusListener l : copy) {
                try {
                    l.statusChanged(campaign);
                } catch (RuntimeException ignored) {
                    // a listener's failure is its own; the status change has happened
                }
            }
        };
    }
}
