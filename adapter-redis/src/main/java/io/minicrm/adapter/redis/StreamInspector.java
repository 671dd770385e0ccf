package io.minicrm.adapter.redis;

import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * Reads the state of a stream's consumer groups: pending count, last delivered id, lag (the {@code lag} field of
 * {@code XINFO GROUPS} on Redis 7+, counted server-side after the last delivered id on Redis 6.2) and the oldest entry a
 * group has not processed yet.
 */
final class StreamInspector {
    private final RedisClient client;

    StreamInspector(RedisClient client) {
        this.client = client;
    }

    /** The groups of a stream; empty when the stream does not exist. */
    List<StreamGroupInfo> groups(String key) {
        try {
            return client.xinfoGroups(key);
        } catch (JedisDataException e) {
            if (RedisErrors.isNoSuchKey(e)) {
                return List.of();
            }
            throw e;
        }
    }

    /** Entries not yet delivered to the group; counting stops at {@code limit} on servers that do not report it. */
    long lag(String key, StreamGroupInfo group, long limit) {
        Object reported = group.getGroupInfo().get("lag");
        if (reported instanceof Long l) {
            return l;
        }
        Object counted = client.eval(Scripts.COUNT_AFTER, List.of(key),
                List.of("(" + group.getLastDeliveredId(), Long.toString(Math.max(1, limit))));
        return counted instanceof Long l ? l : 0;
    }

    /** The oldest entry the group still needs: its oldest pending entry, else the one after its last delivered id. */
    StreamEntryID oldestUnprocessed(String key, StreamGroupInfo group) {
        StreamEntryID next = successor(group.getLastDeliveredId());
        if (group.getPending() == 0) {
            return next;
        }
        StreamPendingSummary summary = client.xpending(key, group.getName());
        StreamEntryID min = summary.getMinId();
        return min != null && min.compareTo(next) < 0 ? min : next;
    }

    static StreamEntryID successor(StreamEntryID id) {
        return id.getSequence() == Long.MAX_VALUE ? new StreamEntryID(id.getTime() + 1, 0)
                : new StreamEntryID(id.getTime(), id.getSequence() + 1);
    }
}
