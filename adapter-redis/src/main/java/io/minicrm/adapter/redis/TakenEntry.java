package io.minicrm.adapter.redis;

import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** A stream entry in a consumer's hands, with how many times it has been delivered (this delivery included). */
record TakenEntry(StreamEntryID id, StreamEntry entry, int deliveries) {
}
