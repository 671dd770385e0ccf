package io.minicrm.adapter.mongo.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Test helper: every key of a filter, and whether a key is one the translator may produce. */
final class FilterKeys {
    static final Set<String> OPERATORS = Set.of("$and", "$or", "$nor", "$ne", "$in", "$all", "$size", "$exists", "$gt", "$gte",
            "$lt", "$lte");
    static final Set<String> FIELDS = Set.of("_id", CustomerFields.NAME_FOLDED, CustomerFields.EMAIL,
            CustomerFields.PHONE_FOLDED, CustomerFields.CITY_FOLDED, CustomerFields.TOTAL_SPENT_MINOR,
            CustomerFields.ORDER_COUNT, CustomerFields.VISITS, CustomerFields.FIRST_ORDER_AT, CustomerFields.LAST_ORDER_AT,
            CustomerFields.LAST_ACTIVE_AT, CustomerFields.CREATED_AT, CustomerFields.TAGS, CustomerFields.OPTED_OUT);
    private static final Pattern ATTRIBUTE = Pattern.compile("(attributes|attributesFolded)\\.[A-Za-z][A-Za-z0-9_]{0,63}");

    private FilterKeys() {
    }

    static List<String> keysOf(BsonValue v) {
        List<String> out = new ArrayList<>();
        collect(v, out);
        return out;
    }

    private static void collect(BsonValue v, List<String> out) {
        if (v.isDocument()) {
            for (Map.Entry<String, BsonValue> e : ((BsonDocument) v).entrySet()) {
                out.add(e.getKey());
                collect(e.getValue(), out);
            }
        } else if (v.isArray()) {
            v.asArray().forEach(x -> collect(x, out));
        }
    }

    static boolean isAllowed(String key) {
        return OPERATORS.contains(key) || FIELDS.contains(key) || ATTRIBUTE.matcher(key).matches();
    }
}
