package io.minicrm.bootstrap;

import io.minicrm.adapter.redis.RedisInstanceRegistry;
import io.minicrm.adapter.redis.RedisQueueSettings;
import io.minicrm.adapter.redis.RedisRateLimit;
import io.minicrm.adapter.redis.RedisWorkQueue;
import io.minicrm.application.cluster.Cluster;
import io.minicrm.application.cluster.ClusterSettings;
import io.minicrm.application.cluster.InstanceLoad;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.SharedRateLimit;
import io.minicrm.application.port.WorkQueue;

/**
 * Work queues on Redis Streams (adapter-redis), and the instances sharing them: the instance registry
 * (heartbeats) and the vendor rate limit they share live in the same Redis. Loaded only when Redis is chosen.
 */
final class RedisWiring {
    private RedisWiring() {
    }

    static WorkQueue connect(String url, String instanceId, Metrics metrics) {
        return RedisWorkQueue.connect(url, instanceId, RedisQueueSettings.defaults(), metrics);
    }

    /**
     * The instances on this Redis: they announce themselves in its registry, take over the queue entries of one
     * that died as soon as the registry says so (looking every heartbeat), and share the vendor rate limit
     * ({@code vendorRate} messages per second for all of them; 0: none).
     */
    static Cluster cluster(WorkQueue queue, ClusterSettings settings, double vendorRate, double vendorBurst,
                           InstanceLoad load) {
        RedisWorkQueue redis = (RedisWorkQueue) queue;
        RedisInstanceRegistry registry = RedisInstanceRegistry.on(redis);
        redis.takeOverFrom(registry, settings.heartbeatInterval());
        SharedRateLimit rate = vendorRate > 0 ? RedisRateLimit.on(redis, "vendor", vendorRate, vendorBurst)
                : SharedRateLimit.NONE;
        return new Cluster(registry, rate, settings, load);
    }

    /** Aborts a Redis queue (its pending entries stay for other instances to reclaim), as a crash would. */
    static void abortIfRedis(WorkQueue queue) {
        if (queue instanceof RedisWorkQueue redis) {
            redis.abort();
        }
    }
}
