package io.minicrm.adapter.mongo.embedded;

import de.bwaldvogel.mongo.bson.Document;

/** When a query takes the bounded sort: a real sort (not {@code $natural}) and a positive limit. */
final class BoundedSort {
    private BoundedSort() {
    }

    static boolean applies(Document orderBy, int limit) {
        if (limit <= 0 || orderBy == null || orderBy.isEmpty() || orderBy.containsKey("$natural")) {
            return false;
        }
        for (Object direction : orderBy.values()) {
            if (!(direction instanceof Number)) {
                return false; // e.g. {$meta: "textScore"}: left to the server
            }
        }
        return true;
    }
}
