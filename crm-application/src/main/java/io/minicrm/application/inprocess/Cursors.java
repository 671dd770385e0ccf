package io.minicrm.application.inprocess;

import io.minicrm.domain.shared.Ids;
import io.minicrm.domain.shared.ValidationException;
import java.time.Instant;

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

    /** A cursor {@code <epoch millis>_<id>} (a time-then-id position, see {@link #timeAndId(Instant, String)}). */
    static TimeAndId requireTimeAndId(String cursor) {
        int sep = cursor.indexOf('_');
        if (sep < 1) {
            throw malformed();
        }
        try {
            String id = requireId(cursor.substring(sep + 1));
            if (id.isEmpty()) {
                throw malformed();
            }
            return new TimeAndId(Instant.ofEpochMilli(Long.parseLong(cursor.substring(0, sep))), id);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw malformed();
        }
    }

    static String timeAndId(Instant at, String id) {
        return at.toEpochMilli() + "_" + id;
    }

    /** A position in a listing ordered by time, then id. */
    record TimeAndId(Instant at, String id) {
    }

    static ValidationException malformed() {
        return new ValidationException("/cursor", "not a cursor of this listing; pass back the nextCursor of a page");
    }
}
