package io.minicrm.adapter.mongo.segment;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import io.minicrm.adapter.mongo.support.Pages;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.application.port.SegmentRepository;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonString;

/** Segments on MongoDB, one document each ({@link SegmentDocuments}); listed newest first (id descending). */
public final class MongoSegmentRepository implements SegmentRepository {
    private final MongoCollection<BsonDocument> segments;

    public MongoSegmentRepository(MongoCollection<BsonDocument> segments) {
        this.segments = segments;
    }

    @Override
    public void save(Segment segment) {
        segments.replaceOne(new BsonDocument("_id", new BsonString(segment.id().value())),
                SegmentDocuments.toDocument(segment), new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<Segment> findById(SegmentId id) {
        return Optional.ofNullable(segments.find(new BsonDocument("_id", new BsonString(id.value())))
                .first()).map(SegmentDocuments::fromDocument);
    }

    @Override
    public Page<Segment> list(PageRequest page) {
        return Pages.newestFirst(segments, new BsonDocument(), page, SegmentDocuments::fromDocument);
    }

    @Override
    public long countAll() {
        return segments.countDocuments();
    }
}
