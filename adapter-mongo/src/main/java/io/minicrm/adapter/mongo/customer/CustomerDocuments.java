package io.minicrm.adapter.mongo.customer;

import io.minicrm.adapter.mongo.support.Bsons;
import io.minicrm.adapter.mongo.support.Schema;
import io.minicrm.domain.customer.AttributeValue;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.customer.Customer;
import io.minicrm.domain.customer.CustomerId;
import io.minicrm.domain.customer.Email;
import io.minicrm.domain.customer.Money;
import io.minicrm.domain.customer.PurchaseHistory;
import io.minicrm.domain.shared.TextFold;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import static io.minicrm.adapter.mongo.customer.CustomerFields.*;

/** Maps {@link Customer} to its document (layout {@link CustomerFields}) and back. */
public final class CustomerDocuments {
    private CustomerDocuments() {
    }

    /** The document of {@code c} at {@code version}, with the query fields derived from it. */
    public static BsonDocument toDocument(Customer c, long version) {
        BsonDocument d = new BsonDocument();
        d.put(ID, new BsonString(c.id().value()));
        d.put(Schema.FIELD, new BsonInt32(SCHEMA_VERSION));
        d.put(VERSION, Bsons.int64(version));
        d.put(EMAIL, new BsonString(c.email().value()));
        putText(d, NAME, NAME_FOLDED, c.name());
        putText(d, PHONE, PHONE_FOLDED, c.phone());
        putText(d, CITY, CITY_FOLDED, c.city());
        d.put(TAGS, Bsons.strings(c.tags()));
        if (!c.attributes().isEmpty()) {
            BsonDocument attrs = new BsonDocument();
            BsonDocument folded = new BsonDocument();
            for (Map.Entry<String, AttributeValue> e : c.attributes().asMap().entrySet()) {
                AttributeValue v = e.getValue();
                if (v instanceof AttributeValue.Text t) {
                    attrs.put(e.getKey(), new BsonString(t.value()));
                    folded.put(e.getKey(), new BsonString(TextFold.fold(t.value())));
                } else if (v instanceof AttributeValue.Num n) {
                    attrs.put(e.getKey(), Bsons.decimal(n.value()));
                } else {
                    attrs.put(e.getKey(), BsonBoolean.valueOf(((AttributeValue.Bool) v).value()));
                }
            }
            d.put(ATTRIBUTES, attrs);
            if (!folded.isEmpty()) {
                d.put(ATTRIBUTES_FOLDED, folded);
            }
        }
        if (c.optedOut()) {
            d.put(OPTED_OUT, BsonBoolean.TRUE);
        }
        if (c.visits() != null) {
            d.put(VISITS, Bsons.int64(c.visits()));
        }
        Bsons.putIfPresent(d, LAST_ACTIVE_AT, c.lastActiveAt());
        if (!c.fromOrders().equals(PurchaseHistory.NONE)) {
            // with an order history of its own, the baseline is stored apart; else the totals are the baseline
            putHistory(d, IMPORTED, c.imported());
            putHistory(d, FROM_ORDERS, c.fromOrders());
        }
        if (!c.appliedOrderIds().isEmpty()) {
            d.put(APPLIED_ORDER_IDS, Bsons.strings(new java.util.TreeSet<>(c.appliedOrderIds())));
        }
        d.put(TOTAL_SPENT_MINOR, Bsons.int64(c.totalSpentMinor()));
        d.put(ORDER_COUNT, Bsons.int64(c.orderCount()));
        Bsons.putIfPresent(d, FIRST_ORDER_AT, c.firstOrderAt());
        Bsons.putIfPresent(d, LAST_ORDER_AT, c.lastOrderAt());
        d.put(CREATED_AT, Bsons.date(c.createdAt()));
        if (!c.updatedAt().equals(c.createdAt())) {
            d.put(UPDATED_AT, Bsons.date(c.updatedAt()));
        }
        return d;
    }

    /** The customer stored in {@code d}. */
    public static Customer fromDocument(BsonDocument d) {
        Schema.versionOf(d, SCHEMA_VERSION);
        PurchaseHistory fromOrders = history(Bsons.optDocument(d, FROM_ORDERS));
        PurchaseHistory imported = fromOrders.equals(PurchaseHistory.NONE)
                ? totals(d) : history(Bsons.optDocument(d, IMPORTED));
        Attributes attributes = Attributes.EMPTY;
        BsonDocument attrs = Bsons.optDocument(d, ATTRIBUTES);
        if (attrs != null && !attrs.isEmpty()) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (Map.Entry<String, BsonValue> e : attrs.entrySet()) {
                values.put(e.getKey(), attributeValue(e.getValue(), e.getKey()));
            }
            attributes = Attributes.of(values);
        }
        return new Customer(
                CustomerId.of(Bsons.string(d, ID)),
                new Email(Bsons.string(d, EMAIL)),
                Bsons.optString(d, NAME),
                Bsons.optString(d, PHONE),
                Bsons.optString(d, CITY),
                new LinkedHashSet<>(Bsons.stringList(d, TAGS)),
                attributes,
                Bsons.bool(d, OPTED_OUT, false),
                visits(d),
                Bsons.optInstant(d, LAST_ACTIVE_AT),
                imported,
                fromOrders,
                new LinkedHashSet<>(Bsons.stringList(d, APPLIED_ORDER_IDS)),
                Bsons.instant(d, CREATED_AT),
                Bsons.optInstant(d, UPDATED_AT));
    }

    /** Visits, or null when nobody said (absent, so a filter sees it missing). */
    private static Long visits(BsonDocument d) {
        BsonValue v = d.get(VISITS);
        return v == null || v.isNull() ? null : Bsons.int64(d, VISITS);
    }

    /** The stored version of a customer document. */
    public static long versionOf(BsonDocument d) {
        return Bsons.int64(d, VERSION, 0);
    }

    private static void putText(BsonDocument d, String field, String foldedField, String value) {
        if (value != null) {
            d.put(field, new BsonString(value));
            d.put(foldedField, new BsonString(TextFold.fold(value)));
        }
    }

    private static void putHistory(BsonDocument d, String field, PurchaseHistory h) {
        if (h.equals(PurchaseHistory.NONE)) {
            return;
        }
        BsonDocument out = new BsonDocument();
        out.put(SPENT_MINOR, Bsons.int64(h.spent().minor()));
        out.put(ORDERS, Bsons.int64(h.orders()));
        Bsons.putIfPresent(out, FIRST_ORDER_AT, h.firstOrderAt());
        Bsons.putIfPresent(out, LAST_ORDER_AT, h.lastOrderAt());
        d.put(field, out);
    }

    /** The totals as a history (the baseline of a customer without orders of its own). */
    private static PurchaseHistory totals(BsonDocument d) {
        long spent = Bsons.int64(d, TOTAL_SPENT_MINOR, 0);
        long orders = Bsons.int64(d, ORDER_COUNT, 0);
        Instant first = Bsons.optInstant(d, FIRST_ORDER_AT);
        Instant last = Bsons.optInstant(d, LAST_ORDER_AT);
        if (spent == 0 && orders == 0 && first == null && last == null) {
            return PurchaseHistory.NONE;
        }
        return new PurchaseHistory(Money.ofMinor(spent), orders, first, last);
    }

    private static PurchaseHistory history(BsonDocument h) {
        if (h == null) {
            return PurchaseHistory.NONE;
        }
        return new PurchaseHistory(Money.ofMinor(Bsons.int64(h, SPENT_MINOR)), Bsons.int64(h, ORDERS),
                Bsons.optInstant(h, FIRST_ORDER_AT), Bsons.optInstant(h, LAST_ORDER_AT));
    }

    private static AttributeValue attributeValue(BsonValue v, String key) {
        return switch (v.getBsonType()) {
            case STRING -> new AttributeValue.Text(v.asString().getValue());
            case DECIMAL128 -> new AttributeValue.Num(Bsons.bigDecimal(v));
            case BOOLEAN -> new AttributeValue.Bool(v.asBoolean().getValue());
            case INT32 -> new AttributeValue.Num(java.math.BigDecimal.valueOf(v.asInt32().getValue()));
            case INT64 -> new AttributeValue.Num(java.math.BigDecimal.valueOf(v.asInt64().getValue()));
            case DOUBLE -> new AttributeValue.Num(java.math.BigDecimal.valueOf(v.asDouble().getValue()));
            default -> throw new IllegalStateException("attribute '" + key + "' holds a " + v.getBsonType());
        };
    }
}
