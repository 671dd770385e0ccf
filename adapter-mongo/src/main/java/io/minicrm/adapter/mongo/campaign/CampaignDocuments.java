package io.minicrm.adapter.mongo.campaign;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.MessageTemplate;
import io.minicrm.domain.segment.SegmentId;
import java.util.Locale;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * Maps {@link Campaign} to its document and back. Layout version 1:
 * <pre>
 * _id, schemaVersion, version (int64, +1 on every write: compare-and-set and counter increments)
 * name, segmentId, segmentName?, template (text), status (wire name)
 * createdAt, scheduledAt?, startedAt?, completedAt?
 * audienceCursor?, audienceComplete
 * counts {pending, sent, failed, cancelled, skipped, retries}   int64 each, changed with $inc
 * statusReason?, createdBy?
 * firstSentAt?, lastSentAt?   kept once it is finished
 * </pre>
 */
public final class CampaignDocuments {
    public static final int SCHEMA_VERSION = 1;
    public static final String ID = "_id";
    public static final String VERSION = "version";
    public static final String STATUS = "status";
    public static final String SCHEDULED_AT = "scheduledAt";
    public static final String COUNTS = "counts";
    static final String[] COUNTERS = {"pending", "sent", "failed", "cancelled", "skipped", "retries"};

    private CampaignDocuments() {
    }

    public static BsonDocument toDocument(Campaign c, long version) {
        BsonDocument d = new BsonDocument();
        d.put(ID, new BsonString(c.id().value()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put(VERSION, Bsons.int64(version));
        d.put("name", new BsonString(c.name()));
        d.put("segmentId", new BsonString(c.segmentId().value()));
        Bsons.putIfPresent(d, "segmentName", c.segmentName());
        d.put("template", new BsonString(c.template().text()));
        d.put(STATUS, new BsonString(c.status().wire()));
        d.put("createdAt", Bsons.date(c.createdAt()));
        Bsons.putIfPresent(d, SCHEDULED_AT, c.scheduledAt());
        Bsons.putIfPresent(d, "startedAt", c.startedAt());
        Bsons.putIfPresent(d, "completedAt", c.completedAt());
        Bsons.putIfPresent(d, "audienceCursor", c.audienceCursor());
        d.put("audienceComplete", BsonBoolean.valueOf(c.audienceComplete()));
        d.put(COUNTS, counts(c.counts()));
        Bsons.putIfPresent(d, "statusReason", c.statusReason());
        Bsons.putIfPresent(d, "createdBy", c.createdBy());
        Bsons.putIfPresent(d, "firstSentAt", c.firstSentAt());
        Bsons.putIfPresent(d, "lastSentAt", c.lastSentAt());
        return d;
    }

    public static Campaign fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        return new Campaign(CampaignId.of(Bsons.string(d, ID)), Bsons.string(d, "name"),
                SegmentId.of(Bsons.string(d, "segmentId")), Bsons.optString(d, "segmentName"),
                MessageTemplate.of(Bsons.string(d, "template")), status(Bsons.string(d, STATUS)),
                Bsons.instant(d, "createdAt"), Bsons.optInstant(d, SCHEDULED_AT), Bsons.optInstant(d, "startedAt"),
                Bsons.optInstant(d, "completedAt"), Bsons.optString(d, "audienceCursor"),
                Bsons.bool(d, "audienceComplete", false), counts(Bsons.optDocument(d, COUNTS)),
                Bsons.optString(d, "statusReason"), Bsons.optString(d, "createdBy"), Bsons.optInstant(d, "firstSentAt"),
                Bsons.optInstant(d, "lastSentAt"));
    }

    public static long versionOf(BsonDocument d) {
        return Bsons.int64(d, VERSION, 0);
    }

    public static String wire(CampaignStatus s) {
        return s.wire();
    }

    static long[] values(DeliveryCounts c) {
        return new long[] {c.pending(), c.sent(), c.failed(), c.cancelled(), c.skipped(), c.retries()};
    }

    private static BsonDocument counts(DeliveryCounts c) {
        BsonDocument d = new BsonDocument();
        long[] v = values(c);
        for (int i = 0; i < COUNTERS.length; i++) {
            d.put(COUNTERS[i], Bsons.int64(v[i]));
        }
        return d;
    }

    private static DeliveryCounts counts(BsonDocument d) {
        if (d == null) {
            return DeliveryCounts.ZERO;
        }
        return new DeliveryCounts(Bsons.int64(d, "pending", 0), Bsons.int64(d, "sent", 0), Bsons.int64(d, "failed", 0),
                Bsons.int64(d, "cancelled", 0), Bsons.int64(d, "skipped", 0), Bsons.int64(d, "retries", 0));
    }

    private static CampaignStatus status(String wire) {
        return CampaignStatus.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
