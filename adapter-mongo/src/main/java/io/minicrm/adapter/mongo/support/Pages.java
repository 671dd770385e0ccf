package io.minicrm.adapter.mongo.support;

import com.mongodb.client.MongoCollection;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

/** Keyset pages over string {@code _id}s: the cursor of a page is the last id it returned. */
public final class Pages {
    private static final BsonDocument ID_DESC = new BsonDocument("_id", new BsonInt32(-1));
    private static final BsonDocument ID_ASC = new BsonDocument("_id", new BsonInt32(1));

    private Pages() {
    }

    /** Documents matching {@code filter}, id descending (newest first for time-ordered ids). */
    public static <T> Page<T> newestFirst(MongoCollection<BsonDocument> c, BsonDocument filter, PageRequest page,
                                          Function<BsonDocument, T> map) {
        return page(c, filter, page, map, false);
    }

    /** Documents matching {@code filter}, id ascending. */
    public static <T> Page<T> idOrder(MongoCollection<BsonDocument> c, BsonDocument filter, PageRequest page,
                                      Function<BsonDocument, T> map) {
        return page(c, filter, page, map, true);
    }

    /** A client's cursor must be an id (the last id of the previous page): anything else is bad input. */
    public static String requireIdCursor(String cursor) {
        if (cursor != null && !Ids.isValid(cursor)) {
            throw malformed();
        }
        return cursor;
    }

    public static ValidationException malformed() {
        return new ValidationException("/cursor", "not a cursor of this listing; pass back the nextCursor of a page");
    }

    private static <T> Page<T> page(MongoCollection<BsonDocument> c, BsonDocument filter, PageRequest page,
                                    Function<BsonDocument, T> map, boolean ascending) {
        requireIdCursor(page.cursor());
        BsonDocument f = filter.clone();
        if (page.cursor() != null) {
            BsonDocument bound = new BsonDocument(ascending ? "$gt" : "$lt", new BsonString(page.cursor()));
            f = f.containsKey("_id") ? new BsonDocument("$and", new org.bson.BsonArray(List.of(f,
                    new BsonDocument("_id", bound)))) : f.append("_id", bound);
        }
        List<T> items = new ArrayList<>(page.limit());
        String last = null;
        boolean more = false;
        for (BsonDocument d : c.find(f).sort(ascending ? ID_ASC : ID_DESC).limit(page.limit() + 1)) {
            if (items.size() == page.limit()) {
                more = true;
                break;
            }
            items.add(map.apply(d));
            last = d.getString("_id").getValue();
        }
        return new Page<>(items, more ? last : null);
    }
}
