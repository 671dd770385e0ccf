package io.minicrm.adapter.mongo.delivery;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.adapter.mongo.support.Continuations;
import io.minicrm.adapter.mongo.support.Lookups;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.adapter.mongo.support.Pages;
import io.minicrm.application.port.DeliveryLogRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.support.ActivityBuckets;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.DeliveryCounts;
import io.minicrm.domain.campaign.SendWindow;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.delivery.Delivery;
import io.minicrm.domain.delivery.DeliveryId;
import io.minicrm.domain.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import static io.minicrm.adapter.mongo.delivery.DeliveryDocuments.*;

/**
 * The delivery log on MongoDB: one document per (campaign, customer), {@code _id} = {@link DeliveryId}
 * (derived from the pair, so a second insert of a row is a duplicate key and adds nothing).
 *
 * <p>{@link #compareAndSetAll} writes a batch in one unordered bulk of conditional updates
 * ({@code {_id, version: v-1}}). Each update also records which call wrote the new version
 * ({@code writes.v<version> = token}, a fresh ObjectId per call; the last {@value #KEPT_MARKS} marks are
 * kept). When every update matched, all rows were written; otherwise the rows are read back and a row
 * counts as written exactly when its mark for the new version is this call's token. Versions are
 * written once each (the condition is on the previous version), so the mark is unambiguous whatever
 * happened to the row after this call wrote it — as long as the mark is still there when it is read back.
 * Marks of the last {@value #KEPT_MARKS} versions are kept: every version of a row is a real event of
 * its life (queued, claimed, accepted, a receipt, a retry), a row has a handful of them, and it cannot
 * move {@value #KEPT_MARKS} versions on between a bulk write and its read-back a few milliseconds later.
 * (With 4 kept marks, a contention test did see a version reported by no writer.)
 *
 * <p>{@link #findPending} keeps its server cursor between pages ({@link Continuations}) and skips rows
 * that stopped being pending since the cursor was opened.
 */
public final class MongoDeliveryLogRepository implements DeliveryLogRepository, AutoCloseable {
    static final int KEPT_MARKS = 64;
    private static final List<String> IMMUTABLE = List.of(Schema.FIELD, CAMPAIGN_ID, CUSTOMER_ID, CREATED_AT);
    private static final BsonDocument ID_ASC = new BsonDocument(ID, new BsonInt32(1));

    private final MongoCollection<BsonDocument> rows;
    private final Continuations continuations;
    private final Lookups lookups;

    /**
     * A repository on {@code rows}; {@code lookups} sizes the reads of many ids at once, {@code continuations}
     * pages the pending-row streams (see {@link Continuations#freshQueries()}).
     */
    public MongoDeliveryLogRepository(MongoCollection<BsonDocument> rows, Lookups lookups, Continuations continuations) {
        this.continuations = continuations;
        this.rows = rows;
        this.lookups = lookups;
    }

    /** Creates the indexes; {@code casIndex}: also the compare-and-set index the embedded server needs (see MongoStore). */
    public static void createIndexes(MongoCollection<BsonDocument> rows, boolean casIndex) {
        if (casIndex) {
            rows.createIndex(new BsonDocument(ID, new BsonInt32(1)).append(VERSION, new BsonInt32(1)),
                    new IndexOptions().unique(true).name("id_version_cas"));
        }
        rows.createIndex(new BsonDocument(STATUS, new BsonInt32(1)).append(NEXT_ATTEMPT_AT, new BsonInt32(1))
                .append(LEASE_UNTIL, new BsonInt32(1)), new IndexOptions().name("due"));
        rows.createIndex(new BsonDocument(CAMPAIGN_ID, new BsonInt32(1)).append(STATUS, new BsonInt32(1))
                .append(ID, new BsonInt32(1)), new IndexOptions().name("campaign_status_id"));
        rows.createIndex(new BsonDocument(CAMPAIGN_ID, new BsonInt32(1)).append(ID, new BsonInt32(1)),
                new IndexOptions().name("campaign_id"));
        rows.createIndex(new BsonDocument(CUSTOMER_ID, new BsonInt32(1)).append(CREATED_AT, new BsonInt32(1)),
                new IndexOptions().name("customer_createdAt"));
    }

    @Override
    public Set<DeliveryId> insertAll(List<Delivery> batch) {
        Set<DeliveryId> inserted = new LinkedHashSet<>();
        if (batch.isEmpty()) {
            return inserted;
        }
        List<BsonDocument> docs = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            docs.add(toDocument(d));
        }
        Set<Integer> duplicates;
        try {
            rows.insertMany(docs, new InsertManyOptions().ordered(false));
            duplicates = Set.of();
        } catch (MongoBulkWriteException e) {
            duplicates = MongoErrors.duplicateIndexes(e);
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!duplicates.contains(i)) {
                inserted.add(batch.get(i).id());
            }
        }
        return inserted;
    }

    @Override
    public Map<DeliveryId, Delivery> findByIds(Collection<DeliveryId> ids) {
        Map<DeliveryId, Delivery> out = new HashMap<>();
        lookups.find(rows, ID, ids.stream().map(DeliveryId::value).toList(), null, d -> {
            Delivery row = fromDocument(d);
            out.put(row.id(), row);
        });
        return out;
    }

    @Override
    public Optional<Delivery> findById(DeliveryId id) {
        return Optional.ofNullable(rows.find(new BsonDocument(ID, new BsonString(id.value()))).first())
                .map(DeliveryDocuments::fromDocument);
    }

    @Override
    public Set<DeliveryId> compareAndSetAll(List<Delivery> batch) {
        if (batch.isEmpty()) {
            return Set.of();
        }
        BsonObjectId token = new BsonObjectId(new ObjectId());
        List<WriteModel<BsonDocument>> writes = new ArrayList<>(batch.size());
        List<Delivery> candidates = new ArrayList<>(batch.size());
        for (Delivery d : batch) {
            if (d.version() < 1) {
                continue; // no stored version precedes version 0: never written
            }
            candidates.add(d);
            BsonDocument filter = new BsonDocument(ID, new BsonString(d.id().value()))
                    .append(VERSION, new BsonInt64(d.version() - 1));
            writes.add(new UpdateOneModel<>(filter, update(d, token)));
        }
        Set<DeliveryId> written = new HashSet<>();
        if (writes.isEmpty()) {
            return written;
        }
        long matched = rows.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount();
        if (matched == candidates.size() && candidates.stream().map(Delivery::id).distinct().count() == matched) {
            candidates.forEach(d -> written.add(d.id()));
            return written;
        }
        Map<String, BsonValue> marks = new HashMap<>();
        BsonDocument projection = new BsonDocument(WRITES, new BsonInt32(1));
        lookups.find(rows, ID, candidates.stream().map(d -> d.id().value()).toList(), projection, d -> {
            BsonDocument w = Bsons.optDocument(d, WRITES);
            marks.put(d.getString(ID).getValue(), w == null ? BsonNull.VALUE : w);
        });
        for (Delivery d : candidates) {
            BsonValue w = marks.get(d.id().value());
            if (w != null && w.isDocument() && token.equals(w.asDocument().get(writeMark(d.version())))) {
                written.add(d.id());
            }
        }
        return written;
    }

    /**
     * {@code $set} of every present field that a transition can change (a row's identity, campaign,
     * customer, creation time and schema never change) and this call's write mark; {@code $unset} of
     * cleared fields and old marks.
     */
    private static BsonDocument update(Delivery d, BsonObjectId token) {
        BsonDocument set = fields(d);
        for (String fixed : IMMUTABLE) {
            set.remove(fixed);
        }
        set.put(WRITES + "." + writeMark(d.version()), token);
        BsonDocument unset = new BsonDocument();
        for (String f : OPTIONAL) {
            if (!set.containsKey(f)) {
                unset.put(f, new BsonString(""));
            }
        }
        if (d.version() - KEPT_MARKS >= 1) {
            unset.put(WRITES + "." + writeMark(d.version() - KEPT_MARKS), new BsonString(""));
        }
        BsonDocument update = new BsonDocument("$set", set);
        if (!unset.isEmpty()) {
            update.put("$unset", unset);
        }
        return update;
    }

    @Override
    public List<Delivery> findDue(Instant now, int limit) {
        BsonValue t = Bsons.date(now);
        BsonDocument filter = new BsonDocument(STATUS, new BsonString(DeliveryStatus.PENDING.wire()))
                .append(NEXT_ATTEMPT_AT, new BsonDocument("$lte", t))
                .append("$or", new BsonArray(List.of(new BsonDocument(LEASE_UNTIL, BsonNull.VALUE),
                        new BsonDocument(LEASE_UNTIL, new BsonDocument("$lte", t)))));
        List<Delivery> out = new ArrayList<>();
        BsonDocument sort = new BsonDocument(NEXT_ATTEMPT_AT, new BsonInt32(1)).append(ID, new BsonInt32(1));
        for (BsonDocument d : rows.find(filter).sort(sort).limit(limit)) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public List<Delivery> findPending(CampaignId campaign, DeliveryId after, int limit) {
        String pending = DeliveryStatus.PENDING.wire();
        BsonDocument filter = new BsonDocument(CAMPAIGN_ID, new BsonString(campaign.value()))
                .append(STATUS, new BsonString(pending));
        List<BsonDocument> docs = continuations.page("deliveries/pending?" + campaign.value(),
                after == null ? null : after.value(), limit,
                from -> rows.find(from == null ? filter
                        : filter.clone().append(ID, new BsonDocument("$gt", new BsonString(from)))).sort(ID_ASC),
                d -> d.getString(ID).getValue(),
                d -> pending.equals(Bsons.optString(d, STATUS)));
        List<Delivery> out = new ArrayList<>(docs.size());
        for (BsonDocument d : docs) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public DeliveryCounts countByStatus(CampaignId campaign) {
        List<BsonDocument> pipeline = List.of(
                new BsonDocument("$match", new BsonDocument(CAMPAIGN_ID, new BsonString(campaign.value()))),
                new BsonDocument("$group", new BsonDocument(ID, new BsonString("$" + STATUS))
                        .append("n", new BsonDocument("$sum", new BsonInt32(1)))
                        .append("retries", new BsonDocument("$sum", new BsonDocument("$subtract",
                                new BsonArray(List.of(new BsonString("$" + ATTEMPT), new BsonInt32(1))))))));
        DeliveryCounts n = DeliveryCounts.ZERO;
        for (BsonDocument g : rows.aggregate(pipeline)) {
            n = n.plus(status(g.getString(ID).getValue()).oneRow().times(g.getNumber("n").longValue()))
                    .plus(DeliveryCounts.ONE_RETRY.times(g.getNumber("retries").longValue()));
        }
        return n;
    }

    @Override
    public Page<Delivery> list(CampaignId campaign, Optional<DeliveryStatus> status, PageRequest page) {
        BsonDocument filter = new BsonDocument(CAMPAIGN_ID, new BsonString(campaign.value()));
        status.ifPresent(s -> filter.put(STATUS, new BsonString(s.wire())));
        return Pages.idOrder(rows, filter, page, DeliveryDocuments::fromDocument);
    }

    /** Newest first by (createdAt, _id) on the customer_createdAt index; cursor {@code <epoch millis>_<id>}. */
    @Override
    public Page<Delivery> listForCustomer(CustomerId customer, PageRequest page) {
        BsonDocument filter = new BsonDocument(CUSTOMER_ID, new BsonString(customer.value()));
        if (page.cursor() != null) {
            String c = page.cursor();
            int sep = c.indexOf('_');
            long millis;
            try {
                millis = sep < 1 ? -1 : Long.parseLong(c.substring(0, sep));
            } catch (NumberFormatException e) {
                millis = -1;
            }
            String id = sep < 1 ? "" : Pages.requireIdCursor(c.substring(sep + 1));
            if (millis < 0 || id == null || id.isEmpty()) {
                throw Pages.malformed();
            }
            BsonValue at = Bsons.date(Instant.ofEpochMilli(millis));
            filter.put("$or", new BsonArray(List.of(new BsonDocument(CREATED_AT, new BsonDocument("$lt", at)),
                    new BsonDocument(CREATED_AT, at).append(ID, new BsonDocument("$lt", new BsonString(id))))));
        }
        List<Delivery> out = new ArrayList<>();
        boolean more = false;
        BsonDocument sort = new BsonDocument(CREATED_AT, new BsonInt32(-1)).append(ID, new BsonInt32(-1));
        for (BsonDocument d : rows.find(filter).sort(sort).limit(page.limit() + 1)) {
            if (out.size() == page.limit()) {
                more = true;
                break;
            }
            out.add(fromDocument(d));
        }
        if (!more) {
            return new Page<>(out, null);
        }
        Delivery last = out.get(out.size() - 1);
        return new Page<>(out, last.createdAt().toEpochMilli() + "_" + last.id().value());
    }

    /** Reads only the three fields it needs of the campaign's rows and counts them in Java. */
    @Override
    public List<Activity> activity(CampaignId campaign, Instant origin, Duration bucket) {
        ActivityBuckets buckets = new ActivityBuckets(origin, bucket);
        BsonDocument projection = new BsonDocument(STATUS, new BsonInt32(1)).append(DISPATCHED_AT, new BsonInt32(1))
                .append("finishedAt", new BsonInt32(1));
        for (BsonDocument d : rows.find(new BsonDocument(CAMPAIGN_ID, new BsonString(campaign.value())))
                .projection(projection).batchSize(5000)) {
            buckets.add(status(d.getString(STATUS).getValue()), Bsons.optInstant(d, DISPATCHED_AT),
                    Bsons.optInstant(d, "finishedAt"));
        }
        return buckets.result();
    }

    @Override
    public Map<CustomerId, Long> recentMessageCounts(Collection<CustomerId> customers, CampaignId excluding,
                                                     Instant since) {
        Map<CustomerId, Long> out = new HashMap<>();
        List<String> ids = customers.stream().map(CustomerId::value).distinct().toList();
        for (int from = 0; from < ids.size(); from += 1000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
            // cheap conditions first: the embedded server checks them in this order on every row
            BsonDocument match = new BsonDocument(CREATED_AT, new BsonDocument("$gte", Bsons.date(since)))
                    .append(STATUS, new BsonDocument("$in", Bsons.strings(List.of(DeliveryStatus.PENDING.wire(),
                            DeliveryStatus.SENT.wire()))))
                    .append(CAMPAIGN_ID, new BsonDocument("$ne", new BsonString(excluding.value())))
                    .append(CUSTOMER_ID, new BsonDocument("$in", Bsons.strings(chunk)));
            List<BsonDocument> pipeline = List.of(new BsonDocument("$match", match),
                    new BsonDocument("$group", new BsonDocument(ID, new BsonString("$" + CUSTOMER_ID))
                            .append("n", new BsonDocument("$sum", new BsonInt32(1)))));
            for (BsonDocument g : rows.aggregate(pipeline)) {
                out.put(CustomerId.of(g.getString(ID).getValue()), g.getNumber("n").longValue());
            }
        }
        return out;
    }

    @Override
    public Optional<SendWindow> sendWindow(CampaignId campaign) {
        BsonDocument match = new BsonDocument(CAMPAIGN_ID, new BsonString(campaign.value()))
                .append(DISPATCHED_AT, new BsonDocument("$ne", BsonNull.VALUE));
        List<BsonDocument> pipeline = List.of(new BsonDocument("$match", match),
                new BsonDocument("$group", new BsonDocument(ID, BsonNull.VALUE)
                        .append("first", new BsonDocument("$min", new BsonString("$" + DISPATCHED_AT)))
                        .append("last", new BsonDocument("$max", new BsonString("$" + DISPATCHED_AT)))));
        BsonDocument g = rows.aggregate(pipeline).first();
        if (g == null || !g.isDateTime("first")) {
            return Optional.empty();
        }
        return Optional.of(new SendWindow(Instant.ofEpochMilli(g.getDateTime("first").getValue()),
                Instant.ofEpochMilli(g.getDateTime("last").getValue())));
    }

    @Override
    public boolean exists(CampaignId campaign, CustomerId customer) {
        return rows.find(new BsonDocument(ID, new BsonString(DeliveryId.of(campaign, customer).value())))
                .projection(new BsonDocument(ID, new BsonInt32(1))).first() != null;
    }

    @Override
    public void close() {
        continuations.close();
    }
}
