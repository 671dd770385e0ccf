package io.minicrm.adapter.mongo.delivery;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import io.minicrm.domain.delivery.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Maps {@link Delivery} to its document and back. Layout version 1:
 * <pre>
 * _id          DeliveryId (derived from campaign + customer: unique per pair)
 * schemaVersion 1
 * version      int64, the row's version (compare-and-set)
 * campaignId, customerId, status (wire name), attempt (int32)
 * vendorMessageId?, reason?
 * createdAt, nextAttemptAt   date
 * leaseUntil?, dispatchedAt?, finishedAt?   date, absent when null
 * history      [{number, vendorMessageId?, outcome, reason?, retryable, at}]
 * writes       {"v&lt;version&gt;": ObjectId}: which compareAndSetAll call wrote each recent version
 * </pre>
 */
public final class DeliveryDocuments {
    public static final int SCHEMA_VERSION = 1;
    public static final String ID = "_id";
    public static final String VERSION = "version";
    public static final String CAMPAIGN_ID = "campaignId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String STATUS = "status";
    public static final String ATTEMPT = "attempt";
    public static final String CREATED_AT = "createdAt";
    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String LEASE_UNTIL = "leaseUntil";
    public static final String DISPATCHED_AT = "dispatchedAt";
    public static final String WRITES = "writes";
    /** Fields that may be absent (null in the domain): removed with $unset when a write clears them. */
    static final List<String> OPTIONAL = List.of("vendorMessageId", "reason", LEASE_UNTIL, DISPATCHED_AT, "finishedAt");

    private DeliveryDocuments() {
    }

    /** The fields of {@code d} (without {@code _id} and the write marks); null values are left out. */
    public static BsonDocument fields(Delivery d) {
        BsonDocument doc = new BsonDocument();
        doc.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        doc.put(VERSION, Bsons.int64(d.version()));
        doc.put(CAMPAIGN_ID, new BsonString(d.campaignId().value()));
        doc.put(CUSTOMER_ID, new BsonString(d.customerId().value()));
        doc.put(STATUS, new BsonString(d.status().wire()));
        doc.put(ATTEMPT, new BsonInt32(d.attempt()));
        Bsons.putIfPresent(doc, "vendorMessageId", d.vendorMessageId());
        Bsons.putIfPresent(doc, "reason", d.reason());
        doc.put(CREATED_AT, Bsons.date(d.createdAt()));
        doc.put(NEXT_ATTEMPT_AT, Bsons.date(d.nextAttemptAt()));
        Bsons.putIfPresent(doc, LEASE_UNTIL, d.leaseUntil());
        Bsons.putIfPresent(doc, DISPATCHED_AT, d.dispatchedAt());
        Bsons.putIfPresent(doc, "finishedAt", d.finishedAt());
        BsonArray history = new BsonArray();
        for (Delivery.Attempt a : d.history()) {
            BsonDocument h = new BsonDocument("number", new BsonInt32(a.number()));
            Bsons.putIfPresent(h, "vendorMessageId", a.vendorMessageId());
            h.put("outcome", new BsonString(a.outcome().name().toLowerCase(Locale.ROOT)));
            Bsons.putIfPresent(h, "reason", a.reason());
            h.put("retryable", BsonBoolean.valueOf(a.retryable()));
            Bsons.putIfPresent(h, "at", a.at());
            history.add(h);
        }
        doc.put("history", history);
        return doc;
    }

    /** The document of a new row. */
    public static BsonDocument toDocument(Delivery d) {
        BsonDocument doc = new BsonDocument(ID, new BsonString(d.id().value()));
        doc.putAll(fields(d));
        return doc;
    }

    public static Delivery fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        List<Delivery.Attempt> history = new ArrayList<>();
        BsonValue raw = d.get("history");
        if (raw != null && raw.isArray()) {
            for (BsonValue v : raw.asArray()) {
                BsonDocument h = v.asDocument();
                history.add(new Delivery.Attempt(Bsons.int32(h, "number"), Bsons.optString(h, "vendorMessageId"),
                        Receipt.Outcome.valueOf(Bsons.string(h, "outcome").toUpperCase(Locale.ROOT)),
                        Bsons.optString(h, "reason"), Bsons.bool(h, "retryable", false), Bsons.optInstant(h, "at")));
            }
        }
        return new Delivery(DeliveryId.of(Bsons.string(d, ID)), CampaignId.of(Bsons.string(d, CAMPAIGN_ID)),
                CustomerId.of(Bsons.string(d, CUSTOMER_ID)), status(Bsons.string(d, STATUS)), Bsons.int32(d, ATTEMPT),
                Bsons.optString(d, "vendorMessageId"), Bsons.optString(d, "reason"), Bsons.instant(d, CREATED_AT),
                Bsons.optInstant(d, NEXT_ATTEMPT_AT), Bsons.optInstant(d, LEASE_UNTIL), Bsons.optInstant(d, DISPATCHED_AT),
                Bsons.optInstant(d, "finishedAt"), history, Bsons.int64(d, VERSION, 0));
    }

    static DeliveryStatus status(String wire) {
        return DeliveryStatus.fromWire(wire).orElseThrow(() -> new IllegalStateException("unknown delivery status " + wire));
    }

    /** Key of the write mark of {@code version} inside {@link #WRITES}. */
    static String writeMark(long version) {
        return "v" + version;
    }
}
