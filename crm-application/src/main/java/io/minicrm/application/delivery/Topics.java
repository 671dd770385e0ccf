package io.minicrm.application.delivery;

/** Queue topics and consumer groups of the application. */
public final class Topics {
    public static final String DELIVERIES = "deliveries";
    public static final String RECEIPTS = "receipts";
    public static final String INGEST = "ingest";

    public static final String DISPATCHERS = "dispatchers";
    public static final String RECEIPT_APPLIERS = "receipt-appliers";
    public static final String INGESTERS = "ingesters";

    private Topics() {
    }
}
