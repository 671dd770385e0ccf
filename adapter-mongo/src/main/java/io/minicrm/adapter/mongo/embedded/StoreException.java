package io.minicrm.adapter.mongo.embedded;

/**
 * The embedded store cannot be opened or used as asked, with a message for the person running Mini CRM:
 * what is wrong, which file, and what to do about it.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Another process holds the data directory. */
    public static final class Locked extends StoreException {
        public Locked(String message) {
            super(message);
        }
    }
}
