package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import redis.clients.jedis.RedisClient;

/**
 * What the threads of one subscription share: the queue, the stream's topic and keys, the consumer group, the
 * subscriber's settings and the consumer slots (one Redis consumer name each) the subscription holds.
 */
record ConsumerGroup(RedisWorkQueue queue, String topic, String group, StreamKeys keys, WorkQueue.ConsumerSettings cs,
                     int[] slots) {

    RedisClient client() {
        return queue.client();
    }

    RedisQueueSettings settings() {
        return queue.settings();
    }

    String slotKey() {
        return RedisConsumer.slotKey(topic, group);
    }
}
