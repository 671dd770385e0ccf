package io.minicrm.application.inprocess;

import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.ValidationException;

/** Checks the cursors clients hand back: a malformed one is bad input (400), never a server error. */
final class Cursors {
    private Cursors() {
    }

    /** A cursor that is an id (the last id of the previous page). */
    static String requireId(String cursor) {
        if (cursor != null && !Ids.isValid(cursor)) {
            throw malformed();
        }
        return cursor;
    }

    /** A cursor that is a non-negative sequence number. */
    static long requireSequence(String cursor) {
        try {
            long n = Long.parseLong(cursor);
            if (n < 0) {
                throw malformed();
            }
            return n;
        } catch (NumberFormatException e) {
            throw malformed();
        }
    }

    static ValidationException malformed() {
        return new ValidationException("/cursor", "not a cursor of this listing; pass back the nextCursor of a page");
    }
}
