package io.minicrm.adapter.mongo.customer;

/**
 * Field names of a customer document (layout version 1). Rule push-down reads the query fields only:
 * folded copies of the searchable strings ({@code *Folded}, made with {@code TextFold.fold}), the totals
 * as top-level numbers and dates, the normalised tags, typed custom attributes and their folded text.
 *
 * <pre>
 * _id              customer id (time-ordered, so _id order = creation order)
 * schemaVersion    1
 * version          int64, +1 on every write (compare-and-set)
 * writeToken       ObjectId of the bulk write that last wrote it
 * email            lower-case (its own folded form)      unique index
 * name, nameFolded / phone, phoneFolded / city, cityFolded       absent when missing
 * tags             array of normalised tags (always present, maybe empty)
 * attributes       {key: string | decimal128 | bool}      absent when empty
 * attributesFolded {key: folded string}, text attributes only
 * optedOut         true, absent when false;  visits  int64, absent when unknown;  lastActiveAt  date?
 * imported, fromOrders   {spentMinor, orders, firstOrderAt?, lastOrderAt?}: only when the customer has
 *                  orders ingested here (fromOrders not empty); otherwise the totals are the imported history
 * appliedOrderIds  array of order ids counted in fromOrders, absent when empty
 * totalSpentMinor  int64, imported + fromOrders, in minor units (exact)
 * orderCount       int64;  firstOrderAt, lastOrderAt  date?
 * createdAt        date;  updatedAt  date, absent while equal to createdAt
 * </pre>
 *
 * <p>Absent-when-default fields keep documents small: the embedded server holds every document as a
 * map in the heap, so each field costs ~100 bytes per customer.
 */
public final class CustomerFields {
    public static final int SCHEMA_VERSION = 1;

    public static final String ID = "_id";
    public static final String VERSION = "version";
    public static final String WRITE_TOKEN = "writeToken";
    public static final String EMAIL = "email";
    public static final String NAME = "name";
    public static final String NAME_FOLDED = "nameFolded";
    public static final String PHONE = "phone";
    public static final String PHONE_FOLDED = "phoneFolded";
    public static final String CITY = "city";
    public static final String CITY_FOLDED = "cityFolded";
    public static final String TAGS = "tags";
    public static final String ATTRIBUTES = "attributes";
    public static final String ATTRIBUTES_FOLDED = "attributesFolded";
    public static final String OPTED_OUT = "optedOut";
    public static final String VISITS = "visits";
    public static final String LAST_ACTIVE_AT = "lastActiveAt";
    public static final String IMPORTED = "imported";
    public static final String FROM_ORDERS = "fromOrders";
    public static final String SPENT_MINOR = "spentMinor";
    public static final String ORDERS = "orders";
    public static final String APPLIED_ORDER_IDS = "appliedOrderIds";
    public static final String TOTAL_SPENT_MINOR = "totalSpentMinor";
    public static final String ORDER_COUNT = "orderCount";
    public static final String FIRST_ORDER_AT = "firstOrderAt";
    public static final String LAST_ORDER_AT = "lastOrderAt";
    public static final String CREATED_AT = "createdAt";
    public static final String UPDATED_AT = "updatedAt";

    private CustomerFields() {
    }

    /** Path of a custom attribute's typed value; keys are validated by the domain ({@code [A-Za-z][A-Za-z0-9_]*}). */
    public static String attribute(String key) {
        return ATTRIBUTES + "." + key;
    }

    /** Path of a text attribute's folded copy. */
    public static String attributeFolded(String key) {
        return ATTRIBUTES_FOLDED + "." + key;
    }
}
