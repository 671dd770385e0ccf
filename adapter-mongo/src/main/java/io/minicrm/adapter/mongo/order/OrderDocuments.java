package io.minicrm.adapter.mongo.order;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.order.Order;
import io.minicrm.domain.order.OrderId;
import io.minicrm.domain.order.OrderItem;
import io.minicrm.domain.order.OrderStatus;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

/**
 * Maps {@link Order} to its document and back. Layout version 1:
 * <pre>
 * _id          the client's order id (idempotency key)
 * schemaVersion 1
 * seq          ObjectId made at insert: the listing order (newest first = seq descending)
 * customerId, amountMinor (int64), currency
 * items        [{productId?, name?, quantity, priceMinor}]
 * status       completed | cancelled | refunded
 * orderedAt, receivedAt   date
 * applied      whether the customer's aggregates reflect the current status
 * quarantine   {reason, at} when the order cannot be applied (set aside; absent otherwise)
 * </pre>
 */
public final class OrderDocuments {
    public static final int SCHEMA_VERSION = 1;
    public static final String ID = "_id";
    public static final String SEQ = "seq";
    public static final String CUSTOMER_ID = "customerId";
    public static final String AMOUNT_MINOR = "amountMinor";
    public static final String CURRENCY = "currency";
    public static final String ITEMS = "items";
    public static final String STATUS = "status";
    public static final String ORDERED_AT = "orderedAt";
    public static final String RECEIVED_AT = "receivedAt";
    public static final String APPLIED = "applied";
    public static final String QUARANTINE = "quarantine";

    private OrderDocuments() {
    }

    public static BsonDocument toDocument(Order o, ObjectId seq, boolean applied) {
        BsonDocument d = new BsonDocument();
        d.put(ID, new BsonString(o.id().value()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put(SEQ, new BsonObjectId(seq));
        d.put(CUSTOMER_ID, new BsonString(o.customerId().value()));
        d.put(AMOUNT_MINOR, Bsons.int64(o.amount().minor()));
        d.put(CURRENCY, new BsonString(o.currency()));
        BsonArray items = new BsonArray();
        for (OrderItem i : o.items()) {
            BsonDocument item = new BsonDocument();
            Bsons.putIfPresent(item, "productId", i.productId());
            Bsons.putIfPresent(item, "name", i.name());
            item.put("quantity", new BsonInt32(i.quantity()));
            item.put("priceMinor", Bsons.int64(i.price().minor()));
            items.add(item);
        }
        d.put(ITEMS, items);
        d.put(STATUS, new BsonString(o.status().wire()));
        d.put(ORDERED_AT, Bsons.date(o.orderedAt()));
        d.put(RECEIVED_AT, Bsons.date(o.receivedAt()));
        d.put(APPLIED, BsonBoolean.valueOf(applied));
        return d;
    }

    public static Order fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        List<OrderItem> items = new ArrayList<>();
        BsonValue raw = d.get(ITEMS);
        if (raw != null && raw.isArray()) {
            for (BsonValue v : raw.asArray()) {
                BsonDocument i = v.asDocument();
                items.add(new OrderItem(Bsons.optString(i, "productId"), Bsons.optString(i, "name"),
                        Bsons.int32(i, "quantity"), Money.ofMinor(Bsons.int64(i, "priceMinor"))));
            }
        }
        return new Order(OrderId.of(Bsons.string(d, ID)), CustomerId.of(Bsons.string(d, CUSTOMER_ID)),
                Money.ofMinor(Bsons.int64(d, AMOUNT_MINOR)), Bsons.string(d, CURRENCY), items, status(d),
                Bsons.instant(d, ORDERED_AT), Bsons.optInstant(d, RECEIVED_AT));
    }

    public static boolean applied(BsonDocument d) {
        return Bsons.bool(d, APPLIED, false);
    }

    private static OrderStatus status(BsonDocument d) {
        String s = Bsons.string(d, STATUS);
        return OrderStatus.fromWire(s).orElseThrow(() -> new IllegalStateException("order " + d.get(ID)
                + " has an unknown status " + s));
    }
}
