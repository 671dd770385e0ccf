package io.minicrm.application.port;

import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The delivery log: one row per (campaign, customer), unique on that pair (its id is derived from it).
 * Rows change only by compare-and-set on {@link Delivery#version()}.
 */
public interface DeliveryLogRepository {

    /**
     * Inserts the rows whose id is new, stored as given (whatever their status and version); existing rows are
     * left as they are. Returns the ids inserted. Safe against concurrent inserts of the same rows.
     */
    Set<DeliveryId> insertAll(List<Delivery> rows);

    Map<DeliveryId, Delivery> findByIds(Collection<DeliveryId> ids);

    Optional<Delivery> findById(DeliveryId id);

    /**
     * Writes each row only where the stored version is still {@code row.version() - 1}.
     * Returns the ids actually written; the others were changed concurrently (re-read and retry).
     */
    Set<DeliveryId> compareAndSetAll(List<Delivery> rows);

    /** Rows due for sending at {@code now} ({@link Delivery#isDue}), of any campaign, oldest first. */
    List<Delivery> findDue(Instant now, int limit);

    /** Rows of a campaign still PENDING, in id order after {@code after} (null: from the start). */
    List<Delivery> findPending(CampaignId campaign, DeliveryId after, int limit);

    /** Counters recounted from the rows (retries = sum of attempts after the first). */
    DeliveryCounts countByStatus(CampaignId campaign);

    /** A campaign's rows in id order, optionally of one status. */
    Page<Delivery> list(CampaignId campaign, Optional<DeliveryStatus> status, PageRequest page);

    /**
     * For each customer, how many rows of other campaigns were PENDING or SENT for them created at or
     * after {@code since} (the frequency cap).
     */
    Map<CustomerId, Long> recentMessageCounts(Collection<CustomerId> customers, CampaignId excluding, Instant since);

    /** Earliest and latest time a message of the campaign was handed to the vendor (empty if none yet). */
    Optional<SendWindow> sendWindow(CampaignId campaign);

    /**
     * The rows of one customer across campaigns (the messages sent or meant for them), newest first
     * (by {@link Delivery#createdAt()}, then id), paged.
     */
    Page<Delivery> listForCustomer(CustomerId customer, PageRequest page);

    /**
     * A campaign's activity over time in buckets of {@code bucket} from {@code origin}: per bucket, how many
     * rows were handed to the vendor ({@link Delivery#dispatchedAt()}, the latest attempt) and how many ended
     * SENT or FAILED ({@link Delivery#finishedAt()}). Times before {@code origin} count in the first bucket.
     * Only buckets with something in them, in time order.
     */
    List<Activity> activity(CampaignId campaign, Instant origin, Duration bucket);

    /** One bucket of {@link #activity}: {@code [start, start + bucket)}. */
    record Activity(Instant start, long dispatched, long sent, long failed) {
    }

    /** Whether {@code customer} has a row in {@code campaign}. */
    boolean exists(CampaignId campaign, CustomerId customer);
}
