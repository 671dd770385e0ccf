package io.minicrm.adapter.mongo.campaign;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.adapter.mongo.support.Pages;
import io.minicrm.adapter.mongo.support.VersionedDocuments;
import io.minicrm.application.port.CampaignRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.campaign.Campaign;
import io.minicrm.domain.campaign.CampaignId;
import io.minicrm.domain.campaign.CampaignStatus;
import io.minicrm.domain.campaign.DeliveryCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

import static io.minicrm.adapter.mongo.campaign.CampaignDocuments.*;

/**
 * Campaigns on MongoDB. {@link #update} is compare-and-set on {@code version}; {@link #addCounts} is one
 * {@code $inc} of the counters <em>and</em> of {@code version}, so an update that read the campaign
 * before the increment fails its compare-and-set and retries with the new counters: no increment is
 * ever overwritten.
 */
public final class MongoCampaignRepository implements CampaignRepository {
    /** The domain's rule as a filter: a campaign whose counters are final takes no change ({@link Campaign#plusCounts}). */
    private static final BsonDocument TAKES_COUNTS = new BsonDocument("$nin", new BsonArray(
            Arrays.stream(CampaignStatus.values()).filter(CampaignStatus::countersAreFinal)
                    .map(s -> (BsonValue) new BsonString(s.wire())).toList()));
    private final MongoCollection<BsonDocument> campaigns;
    private final VersionedDocuments<Campaign> versioned;

    public MongoCampaignRepository(MongoCollection<BsonDocument> campaigns) {
        this.campaigns = campaigns;
        this.versioned = VersionedDocuments.of(campaigns, "campaign", CampaignDocuments::fromDocument,
                CampaignDocuments::toDocument, c -> c.id().value());
    }

    /** Creates the indexes; {@code casIndex}: also the compare-and-set index the embedded server needs (see MongoStore). */
    public static void createIndexes(MongoCollection<BsonDocument> campaigns, boolean casIndex) {
        if (casIndex) {
            campaigns.createIndex(new BsonDocument(ID, new BsonInt32(1)).append(VERSION, new BsonInt32(1)),
                    new IndexOptions().unique(true).name("id_version_cas"));
        }
        campaigns.createIndex(new BsonDocument(STATUS, new BsonInt32(1)).append(SCHEDULED_AT, new BsonInt32(1)),
                new IndexOptions().name("status_scheduledAt"));
    }

    @Override
    public void insert(Campaign campaign) {
        try {
            campaigns.insertOne(toDocument(campaign, 0));
        } catch (MongoWriteException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new IllegalStateException("campaign " + campaign.id() + " exists", e);
            }
            throw e;
        }
    }

    @Override
    public Optional<Campaign> findById(CampaignId id) {
        return Optional.ofNullable(campaigns.find(byId(id)).first()).map(CampaignDocuments::fromDocument);
    }

    @Override
    public Optional<Campaign> update(CampaignId id, UnaryOperator<Campaign> change) {
        return versioned.update(id.value(), change);
    }

    @Override
    public void addCounts(CampaignId id, DeliveryCounts delta) {
        if (delta.isZero()) {
            return;
        }
        BsonDocument inc = new BsonDocument(VERSION, new BsonInt64(1));
        long[] v = values(delta);
        for (int i = 0; i < COUNTERS.length; i++) {
            if (v[i] != 0) {
                inc.put(COUNTS + "." + COUNTERS[i], new BsonInt64(v[i]));
            }
        }
        campaigns.updateOne(byId(id).append(STATUS, TAKES_COUNTS.clone()), new BsonDocument("$inc", inc));
    }

    @Override
    public Page<Campaign> list(PageRequest page) {
        return Pages.newestFirst(campaigns, new BsonDocument(), page, CampaignDocuments::fromDocument);
    }

    @Override
    public List<Campaign> findByStatus(CampaignStatus status, int limit) {
        List<Campaign> out = new ArrayList<>();
        for (BsonDocument d : campaigns.find(new BsonDocument(STATUS, new BsonString(status.wire())))
                .sort(new BsonDocument(ID, new BsonInt32(1))).limit(limit)) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public List<Campaign> findDue(Instant now, int limit) {
        BsonDocument filter = new BsonDocument(STATUS, new BsonString(CampaignStatus.SCHEDULED.wire()))
                .append(SCHEDULED_AT, new BsonDocument("$lte", Bsons.date(now)));
        List<Campaign> out = new ArrayList<>();
        for (BsonDocument d : campaigns.find(filter).sort(new BsonDocument(SCHEDULED_AT, new BsonInt32(1))
                .append(ID, new BsonInt32(1))).limit(limit)) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public long countAll() {
        return campaigns.countDocuments();
    }

    private static BsonDocument byId(CampaignId id) {
        return new BsonDocument(ID, new BsonString(id.value()));
    }
}
