package io.minicrm.adapter.redis;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps queue messages to stream entries and back, and dead letters to entries of the dead-letter stream.
 * A message's fields are the entry's fields; a message without fields (a stream entry needs one) is stored
 * as the single marker field {@value #EMPTY}. A dead letter keeps the original fields under {@value #FIELD}
 * + name, next to {@code error}, {@code originalId}, {@code deliveries}, {@code group}, {@code consumer} and
 * {@code deadAt} (epoch milliseconds).
 */
final class EntryCodec {
    static final String EMPTY = "__minicrm_empty";
    static final String FIELD = "f.";

    private EntryCodec() {
    }

    static Map<String, String> toFields(QueueMessage message) {
        return message.fields().isEmpty() ? Map.of(EMPTY, "") : message.fields();
    }

    static QueueMessage toMessage(Map<String, String> fields) {
        if (fields.size() == 1 && fields.containsKey(EMPTY)) {
            return new QueueMessage(Map.of());
        }
        return new QueueMessage(fields);
    }

    /** The field/value list of a dead letter, as arguments for XADD. */
    static List<String> deadLetterArgs(String originalId, QueueMessage message, int deliveries, String error,
                                       String group, String consumer, long deadAtMillis) {
        List<String> args = new ArrayList<>();
        add(args, "error", error == null ? "" : error);
        add(args, "originalId", originalId);
        add(args, "deliveries", Integer.toString(deliveries));
        add(args, "group", group);
        add(args, "consumer", consumer);
        add(args, "deadAt", Long.toString(deadAtMillis));
        message.fields().forEach((k, v) -> add(args, FIELD + k, v));
        return args;
    }

    static WorkQueue.DeadLetter toDeadLetter(Map<String, String> fields) {
        Map<String, String> original = new HashMap<>();
        fields.forEach((k, v) -> {
            if (k.startsWith(FIELD)) {
                original.put(k.substring(FIELD.length()), v);
            }
        });
        int deliveries;
        try {
            deliveries = Integer.parseInt(fields.getOrDefault("deliveries", "0"));
        } catch (NumberFormatException e) {
            deliveries = 0;
        }
        return new WorkQueue.DeadLetter(fields.getOrDefault("originalId", ""), new QueueMessage(original), deliveries,
                fields.getOrDefault("error", ""));
    }

    private static void add(List<String> args, String k, String v) {
        args.add(k);
        args.add(v);
    }
}
