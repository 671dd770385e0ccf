package io.minicrm.adapter.mongo.segment;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.PlainBson;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.domain.segment.Segment;
import io.minicrm.domain.segment.SegmentId;
import io.minicrm.domain.segment.syntax.CanonicalRuleReader;
import io.minicrm.domain.segment.syntax.CanonicalRuleWriter;
import io.minicrm.domain.segment.syntax.DslPrinter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/**
 * Maps {@link Segment} to its document and back. Layout version 1: {@code _id}, {@code schemaVersion},
 * {@code name}, {@code description?}, {@code rule} (the canonical JSON tree of the rule as a
 * sub-document, read back with the canonical reader), {@code ruleText} (the DSL spelling, for people
 * browsing the database; never read), {@code lastCount}, {@code countedAt?}, {@code createdAt},
 * {@code createdBy?}.
 */
public final class SegmentDocuments {
    public static final int SCHEMA_VERSION = 1;

    private SegmentDocuments() {
    }

    public static BsonDocument toDocument(Segment s) {
        BsonDocument d = new BsonDocument();
        d.put("_id", new BsonString(s.id().value()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put("name", new BsonString(s.name()));
        Bsons.putIfPresent(d, "description", s.description());
        d.put("rule", PlainBson.toBson(CanonicalRuleWriter.write(s.rule())));
        d.put("ruleText", new BsonString(DslPrinter.print(s.rule())));
        d.put("lastCount", Bsons.int64(s.lastCount()));
        Bsons.putIfPresent(d, "countedAt", s.countedAt());
        d.put("createdAt", Bsons.date(s.createdAt()));
        Bsons.putIfPresent(d, "createdBy", s.createdBy());
        return d;
    }

    public static Segment fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        return new Segment(SegmentId.of(Bsons.string(d, "_id")), Bsons.string(d, "name"), Bsons.optString(d, "description"),
                CanonicalRuleReader.read(PlainBson.toPlain(d.get("rule"))), Bsons.int64(d, "lastCount", 0),
                Bsons.optInstant(d, "countedAt"), Bsons.instant(d, "createdAt"), Bsons.optString(d, "createdBy"));
    }
}
