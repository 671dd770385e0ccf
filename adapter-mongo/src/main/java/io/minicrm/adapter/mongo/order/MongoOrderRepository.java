package io.minicrm.adapter.mongo.order;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import io.minicrm.adapter.mongo.support.MongoErrors;
import io.minicrm.application.port.OrderRepository;
import io.minicrm.application.port.Page;
import io.minicrm.application.port.PageRequest;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.adapter.mongo.support.Bsons;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;

import static io.minicrm.adapter.mongo.order.OrderDocuments.*;

/**
 * Orders on MongoDB, {@code _id} = the client's order id, so {@link #insertIfAbsent} is race-safe: of
 * two writers inserting one id, one inserts and the other gets a duplicate key and reads what is stored.
 * Status changes and the "applied" mark are single-document conditional updates on
 * {@code (_id, status)}.
 */
public final class MongoOrderRepository implements OrderRepository {
    private static final BsonDocument SEQ_DESC = new BsonDocument(SEQ, new BsonInt32(-1));
    private static final BsonDocument SEQ_ASC = new BsonDocument(SEQ, new BsonInt32(1));

    private final MongoCollection<BsonDocument> orders;

    public MongoOrderRepository(MongoCollection<BsonDocument> orders) {
        this.orders = orders;
    }

    /**
     * Indexes: per-customer listing; unapplied orders; listing order; with {@code casIndex}, a unique
     * {@code (_id, status)} so the embedded server answers conditional updates from an index.
     */
    public static void createIndexes(MongoCollection<BsonDocument> orders, boolean casIndex) {
        if (casIndex) {
            orders.createIndex(new BsonDocument(ID, new BsonInt32(1)).append(STATUS, new BsonInt32(1)),
                    new IndexOptions().unique(true).name("id_status_cas"));
        }
        orders.createIndex(new BsonDocument(CUSTOMER_ID, new BsonInt32(1)).append(SEQ, new BsonInt32(-1)),
                new IndexOptions().name("customer_seq"));
        orders.createIndex(new BsonDocument(APPLIED, new BsonInt32(1)).append(SEQ, new BsonInt32(1)),
                new IndexOptions().name("applied_seq"));
        orders.createIndex(SEQ_DESC, new IndexOptions().name("seq"));
    }

    @Override
    public Stored insertIfAbsent(Order order) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                orders.insertOne(toDocument(order, new ObjectId(), false));
                return new Stored(order, true, false);
            } catch (MongoWriteException e) {
                if (!MongoErrors.isDuplicateKey(e)) {
                    throw e;
                }
            }
            BsonDocument stored = orders.find(byId(order.id())).first();
            if (stored != null) {
                return new Stored(fromDocument(stored), false, applied(stored));
            }
        }
        throw new IllegalStateException("order " + order.id() + " could be neither inserted nor read");
    }

    @Override
    public boolean replaceStatus(Order expected, Order next) {
        if (!next.id().equals(expected.id())) {
            throw new IllegalArgumentException("different order ids");
        }
        BsonDocument update = new BsonDocument("$set", new BsonDocument(STATUS, new BsonString(next.status().wire()))
                .append(APPLIED, BsonBoolean.FALSE)).append("$unset", new BsonDocument(QUARANTINE, new BsonString("")));
        return orders.updateOne(byIdAndStatus(expected), update).getMatchedCount() == 1;
    }

    @Override
    public void markApplied(Order order) {
        orders.updateOne(byIdAndStatus(order), new BsonDocument("$set", new BsonDocument(APPLIED, BsonBoolean.TRUE))
                .append("$unset", new BsonDocument(QUARANTINE, new BsonString(""))));
    }

    @Override
    public List<Order> findUnapplied(Instant before, int limit) {
        BsonDocument filter = new BsonDocument(APPLIED, BsonBoolean.FALSE)
                .append(RECEIVED_AT, new BsonDocument("$lt", Bsons.date(before)))
                .append(QUARANTINE, new BsonDocument("$exists", BsonBoolean.FALSE));
        List<Order> out = new ArrayList<>();
        for (BsonDocument d : orders.find(filter).sort(SEQ_ASC).limit(limit)) {
            out.add(fromDocument(d));
        }
        return out;
    }

    @Override
    public boolean discard(Order order) {
        return orders.deleteOne(byIdAndStatus(order).append(APPLIED, BsonBoolean.FALSE)).getDeletedCount() == 1;
    }

    @Override
    public void quarantine(Order order, String reason, Instant at) {
        BsonDocument q = new BsonDocument("reason", new BsonString(reason)).append("at", Bsons.date(at));
        orders.updateOne(byIdAndStatus(order).append(APPLIED, BsonBoolean.FALSE),
                new BsonDocument("$set", new BsonDocument(QUARANTINE, q)));
    }

    @Override
    public List<Quarantined> findQuarantined(int limit) {
        List<Quarantined> out = new ArrayList<>();
        for (BsonDocument d : orders.find(new BsonDocument(QUARANTINE, new BsonDocument("$exists", BsonBoolean.TRUE)))
                .sort(SEQ_ASC).limit(limit)) {
            BsonDocument q = d.getDocument(QUARANTINE);
            out.add(new Quarantined(fromDocument(d), q.getString("reason").getValue(),
                    java.time.Instant.ofEpochMilli(q.getDateTime("at").getValue())));
        }
        return out;
    }

    @Override
    public Optional<Order> findById(OrderId id) {
        return Optional.ofNullable(orders.find(byId(id)).first()).map(OrderDocuments::fromDocument);
    }

    @Override
    public Page<Order> list(Optional<CustomerId> customer, PageRequest page) {
        BsonDocument filter = new BsonDocument();
        customer.ifPresent(c -> filter.put(CUSTOMER_ID, new BsonString(c.value())));
        if (page.cursor() != null) {
            filter.put(SEQ, new BsonDocument("$lt", new BsonObjectId(cursor(page.cursor()))));
        }
        List<Order> items = new ArrayList<>(page.limit());
        ObjectId last = null;
        boolean more = false;
        for (BsonDocument d : orders.find(filter).sort(SEQ_DESC).limit(page.limit() + 1)) {
            if (items.size() == page.limit()) {
                more = true;
                break;
            }
            items.add(fromDocument(d));
            last = d.getObjectId(SEQ).getValue();
        }
        return new Page<>(items, more ? last.toHexString() : null);
    }

    @Override
    public long countAll() {
        return orders.countDocuments();
    }

    private static ObjectId cursor(String cursor) {
        if (!ObjectId.isValid(cursor)) {
            throw io.minicrm.adapter.mongo.support.Pages.malformed();
        }
        return new ObjectId(cursor);
    }

    private static BsonDocument byId(OrderId id) {
        return new BsonDocument(ID, new BsonString(id.value()));
    }

    private static BsonDocument byIdAndStatus(Order o) {
        return new BsonDocument(ID, new BsonString(o.id().value())).append(STATUS, new BsonString(o.status().wire()));
    }
}
