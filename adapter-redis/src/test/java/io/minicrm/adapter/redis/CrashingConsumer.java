package io.minicrm.adapter.redis;

import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * A consumer process that dies in the middle of its first batch: it reads the batch, writes the first half of it to
 * the sink (a Redis hash written with HSETNX, i.e. a unique key), then halts the JVM before it can acknowledge
 * anything. Run by {@link CrashedConsumerTest} as a child process.
 * Arguments: redisUrl keyPrefix topic group sinkKey.
 */
public final class CrashingConsumer {
    private CrashingConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String topic = args[2];
        String group = args[3];
        String sink = args[4];
        RedisClient sinkClient = RedisClient.create(java.net.URI.create(url));
        RedisWorkQueue queue = RedisWorkQueue.connect(url, "victim",
                RedisQueueSettings.defaults().withKeyPrefix(args[1]), Metrics.NONE);
        queue.subscribe(topic, group, new WorkQueue.ConsumerSettings(50, Duration.ofMillis(200), 1, 5,
                Duration.ofMinutes(10)), batch -> {
                    for (int i = 0; i < batch.size() / 2; i++) {
                        String name = batch.get(i).message().get("name");
                        sinkClient.hsetnx(sink, name, "victim");
                        sinkClient.hincrBy(sink + ":attempts", name, 1);
                    }
                    System.out.println("CRASHING after reading " + batch.size());
                    System.out.flush();
                    Runtime.getRuntime().halt(3);
                    return WorkQueue.Outcome.OK;
                });
        Thread.sleep(60_000);
        System.out.println("never got a batch");
        System.exit(2);
    }
}
