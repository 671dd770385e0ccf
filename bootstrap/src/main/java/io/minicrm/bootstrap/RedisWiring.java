package io.minicrm.bootstrap;

import io.minicrm.adapter.redis.RedisQueueSettings;
import io.minicrm.adapter.redis.RedisWorkQueue;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.WorkQueue;

/** Work queues on Redis Streams (adapter-redis). Loaded only when Redis is chosen. */
final class RedisWiring {
    private RedisWiring() {
    }

    static WorkQueue connect(String url, String instanceId, Metrics metrics) {
        return RedisWorkQueue.connect(url, instanceId, RedisQueueSettings.defaults(), metrics);
    }

    /** Aborts a Redis queue (its pending entries stay for other instances to reclaim), as a crash would. */
    static void abortIfRedis(WorkQueue queue) {
        if (queue instanceof RedisWorkQueue redis) {
            redis.abort();
        }
    }
}
