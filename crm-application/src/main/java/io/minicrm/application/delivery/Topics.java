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

    /** The consumer group that works through a topic. */
    public static String groupOf(String topic) {
        return switch (topic) {
            case DELIVERIES -> DISPATCHERS;
            case RECEIPTS -> RECEIPT_APPLIERS;
            case INGEST -> INGESTERS;
            default -> throw new IllegalArgumentException("no such topic: " + topic);
        };
    }
}
