package io.minicrm.application.port;

import java.util.Map;
import java.util.Objects;

/** A message on a {@link WorkQueue}: flat string fields (what a Redis stream entry holds). */
public record QueueMessage(Map<String, String> fields) {
    public QueueMessage {
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
    }

    public String get(String key) {
        return fields.get(key);
    }
}
