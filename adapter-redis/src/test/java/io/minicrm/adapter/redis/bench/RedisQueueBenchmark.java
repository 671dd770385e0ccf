package io.minicrm.adapter.redis.bench;

import io.minicrm.adapter.redis.RedisQueueSettings;
import io.minicrm.adapter.redis.RedisTestServer;
import io.minicrm.adapter.redis.RedisWorkQueue;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Prints throughput and lag figures of the Redis work queue on a local redis-server (the embedded binary on a free
 * port, or {@code REDIS_URL}). Not part of {@code verify}; run with
 * {@code mvn -o -q -pl adapter-redis test-compile exec:exec@bench} (README of the module).
 *
 * <ol>
 *   <li>Throughput: N messages of ~200 bytes published in batches of B while one consumer thread takes batches of B,
 *       from the first publish to the last acknowledgement, for B = 1, 100, 500; with end-to-end latency
 *       percentiles (publish call to handler).</li>
 *   <li>Lag: a burst of 100,000 messages published as fast as possible (batches of 500) against 1 and 2 consumers
 *       (batches of 100, each consumer a client of its own as another instance would be), with a no-op handler and
 *       with a handler that spends 2 ms per batch (a bulk write). The backlog (published, not yet handled) is sampled
 *       every 20 ms on the client; the group's lag + pending as Redis reports it is read once when publishing ends.</li>
 * </ol>
 */
public final class RedisQueueBenchmark {
    private static final String PAYLOAD = "x".repeat(160);

    private RedisQueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String env = System.getenv("REDIS_URL");
        RedisTestServer server = env == null || env.isBlank() ? RedisTestServer.start(false) : null;
        String url = server == null ? env : server.url();
        System.out.printf("Redis work queue benchmark against %s (%s), %d cores, load average %.1f, JVM %s%n", url,
                server == null ? "REDIS_URL" : "embedded redis-server, no persistence",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.version"));
        try {
            throughput(url, 1, 20_000);
            throughput(url, 100, 200_000);
            throughput(url, 500, 300_000);
            for (int consumers : new int[] {1, 2}) {
                burst(url, consumers, 0);
            }
            for (int consumers : new int[] {1, 2}) {
                burst(url, consumers, 2);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static RedisWorkQueue queue(String url, String name) {
        return RedisWorkQueue.connect(url, name, RedisQueueSettings.defaults().withKeyPrefix("bench-"
                + UUID.randomUUID().toString().substring(0, 6)), Metrics.NONE);
    }

    private static List<QueueMessage> batch(int from, int n) {
        List<QueueMessage> out = new ArrayList<>(n);
        String now = Long.toString(System.nanoTime());
        for (int i = 0; i < n; i++) {
            out.add(new QueueMessage(Map.of("seq", Integer.toString(from + i), "t", now, "payload", PAYLOAD)));
        }
        return out;
    }

    private static void throughput(String url, int batchSize, int total) throws Exception {
        warmUp(url, batchSize);
        try (RedisWorkQueue q = queue(url, "tp")) {
            CountDownLatch done = new CountDownLatch(total);
            long[] latencies = new long[total];
            AtomicInteger seen = new AtomicInteger();
            q.subscribe("tp", "g", new WorkQueue.ConsumerSettings(batchSize, Duration.ofMillis(100), 1, 5,
                    Duration.ofMinutes(1)), b -> {
                        long now = System.nanoTime();
                        for (WorkQueue.Delivered d : b) {
                            int i = seen.getAndIncrement();
                            if (i < total) {
                                latencies[i] = now - Long.parseLong(d.message().get("t"));
                            }
                            done.countDown();
                        }
                        return WorkQueue.Outcome.OK;
                    });
            long start = System.nanoTime();
            for (int i = 0; i < total; i += batchSize) {
                q.publish("tp", batch(i, Math.min(batchSize, total - i)));
            }
            long published = System.nanoTime();
            done.await(5, TimeUnit.MINUTES);
            while (q.stats("tp", "g").pending() > 0) { // the last batch's acknowledgement
                Thread.sleep(1);
            }
            long end = System.nanoTime();
            Arrays.sort(latencies);
            System.out.printf("throughput  batch %3d: %,8d msgs in %6.2f s = %,9.0f msgs/s publish->consume->ack "
                            + "(publishing alone %,9.0f msgs/s); latency p50 %.1f ms, p99 %.1f ms%n", batchSize, total,
                    (end - start) / 1e9, total / ((end - start) / 1e9), total / ((published - start) / 1e9),
                    latencies[total / 2] / 1e6, latencies[(int) (total * 0.99)] / 1e6);
        }
    }

    private static void warmUp(String url, int batchSize) throws Exception {
        try (RedisWorkQueue q = queue(url, "warm")) {
            CountDownLatch done = new CountDownLatch(2_000);
            q.subscribe("warm", "g", new WorkQueue.ConsumerSettings(batchSize, Duration.ofMillis(100), 1, 5,
                    Duration.ofMinutes(1)), b -> {
                        b.forEach(d -> done.countDown());
                        return WorkQueue.Outcome.OK;
                    });
            for (int i = 0; i < 2_000; i += batchSize) {
                q.publish("warm", batch(i, Math.min(batchSize, 2_000 - i)));
            }
            done.await(1, TimeUnit.MINUTES);
        }
    }

    private static void burst(String url, int consumers, int millisPerBatch) throws Exception {
        int total = 100_000;
        List<RedisWorkQueue> queues = new ArrayList<>();
        try {
            CountDownLatch done = new CountDownLatch(total);
            AtomicLongArray handledBy = new AtomicLongArray(consumers);
            RedisWorkQueue publisher = queue(url, "pub");
            queues.add(publisher);
            for (int c = 0; c < consumers; c++) {
                // each consumer is a separate client (as a separate instance would be), same key prefix
                RedisWorkQueue q = RedisWorkQueue.connect(url, "c" + c, publisher.settings(), Metrics.NONE);
                queues.add(q);
                int me = c;
                q.subscribe("burst", "g", new WorkQueue.ConsumerSettings(100, Duration.ofMillis(100), 1, 5,
                        Duration.ofMinutes(1)), b -> {
                            if (millisPerBatch > 0) {
                                Thread.sleep(millisPerBatch);
                            }
                            handledBy.addAndGet(me, b.size());
                            b.forEach(d -> done.countDown());
                            return WorkQueue.Outcome.OK;
                        });
            }
            // backlog = published and not yet handled, counted on the client (sampling XINFO/XPENDING this often
            // would itself load Redis: on Redis < 7 the lag is counted server-side in O(lag))
            AtomicLong publishedCount = new AtomicLong();
            AtomicLong peak = new AtomicLong();
            AtomicLong atPublishEnd = new AtomicLong(-1);
            Thread sampler = new Thread(() -> {
                while (done.getCount() > 0) {
                    peak.accumulateAndGet(publishedCount.get() - (total - done.getCount()), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            long start = System.nanoTime();
            for (int i = 0; i < total; i += 500) {
                publisher.publish("burst", batch(i, 500));
                publishedCount.addAndGet(500);
            }
            long published = System.nanoTime();
            WorkQueue.QueueStats s = publisher.stats("burst", "g");
            atPublishEnd.set(s.lag() + s.pending());
            done.await(10, TimeUnit.MINUTES);
            long drained = System.nanoTime();
            sampler.join();
            StringBuilder split = new StringBuilder();
            for (int c = 0; c < consumers; c++) {
                split.append(c == 0 ? "" : "/").append(handledBy.get(c));
            }
            System.out.printf("burst 100k, %d consumer(s), handler %d ms/batch of 100: published in %5.2f s, drained in "
                            + "%5.2f s (%,7.0f msgs/s); backlog peak %,7d, lag+pending at end of publishing %,7d; split %s%n",
                    consumers, millisPerBatch, (published - start) / 1e9, (drained - start) / 1e9,
                    total / ((drained - start) / 1e9), peak.get(), atPublishEnd.get(), split);
        } finally {
            for (RedisWorkQueue q : queues) {
                q.close();
            }
        }
    }
}
