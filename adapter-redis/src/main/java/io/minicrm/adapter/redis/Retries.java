package io.minicrm.adapter.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * One consumer's own failed entries waiting for their retry (entry id -> when, epoch millis). The processing side
 * schedules them; the reading side claims them again when due. Confined to the consumer's thread.
 */
final class Retries {
    private final Map<StreamEntryID, Long> due = new HashMap<>();

    void schedule(StreamEntryID id, long atMillis) {
        due.put(id, atMillis);
    }

    void remove(StreamEntryID id) {
        due.remove(id);
    }

    void clear() {
        due.clear();
    }

    /** Up to {@code max} entries whose retry time has come. */
    List<StreamEntryID> dueAt(long nowMillis, int max) {
        List<StreamEntryID> out = new ArrayList<>();
        due.forEach((id, at) -> {
            if (at <= nowMillis && out.size() < max) {
                out.add(id);
            }
        });
        return out;
    }

    /** How long a blocking read may wait, at most {@code block}, so that it wakes up for the next retry. */
    long waitMillis(long nowMillis, long block) {
        for (long at : due.values()) {
            block = Math.min(block, at - nowMillis);
        }
        return block;
    }
}
