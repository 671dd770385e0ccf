package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: {@code concurrency} consumer threads of one group, each a Redis consumer of its own name. Each
 * thread loops: its {@link EntryReader} chooses and claims the next entries (own pending, own retries, entries taken
 * over from dead or stuck consumers, new ones), its {@link EntryProcessor} handles, acknowledges and dead-letters
 * them; a lost connection is retried with backoff, a vanished stream or group is created again.
 */
final class RedisConsumer implements WorkQueue.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConsumer.class);

    private final RedisWorkQueue queue;
    private final ConsumerGroup cg;
    private final RedisQueueSettings settings;
    private final String topic;
    private final String group;
    private final StreamKeys keys;
    private final WorkQueue.BatchHandler handler;
    private final int[] slots;
    private final TakeoverState takeover;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile boolean aborted;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();

    RedisConsumer(RedisWorkQueue queue, String topic, String group, StreamKeys keys, WorkQueue.ConsumerSettings cs,
                  WorkQueue.BatchHandler handler, int[] slots) {
        this.queue = queue;
        this.cg = new ConsumerGroup(queue, topic, group, keys, cs, slots);
        this.settings = queue.settings();
        this.topic = topic;
        this.group = group;
        this.keys = keys;
        this.handler = handler;
        this.slots = slots;
        this.takeover = new TakeoverState(queue, cs);
    }

    static String slotKey(String topic, String group) {
        return topic + '\u0000' + group;
    }

    String slotKey() {
        return slotKey(topic, group);
    }

    void start() {
        for (int slot : slots) {
            String name = queue.consumerName(slot);
            Thread t = new Thread(new Worker(name), "redis-queue-" + topic + "-" + group + "-" + slot);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        stopping.countDown();
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        try {
            for (Thread t : threads) {
                if (t != Thread.currentThread()) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            }
            for (Thread t : threads) {
                if (t.isAlive() && t != Thread.currentThread()) {
                    LOG.warn("{}/{}: consumer {} still busy after {}; interrupting it (its batch is not acknowledged "
                            + "and will be delivered again)", topic, group, t.getName(), settings.closeTimeout());
                    t.interrupt();
                    t.join(1000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.closed(this, slots);
        }
    }

    /** Stops without waiting and without acknowledging anything more (see {@link RedisWorkQueue#abort()}). */
    void abort() {
        aborted = true;
        running.set(false);
        stopping.countDown();
        threads.forEach(Thread::interrupt);
        queue.closed(this, slots);
    }

    /** One consumer thread: reads, processes, and rides out failures of Redis. */
    private final class Worker implements Runnable {
        private final String consumer;
        private final EntryReader reader;
        private final EntryProcessor processor;
        private final Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        private boolean failing;

        Worker(String consumer) {
            this.consumer = consumer;
            Retries retries = new Retries();
            this.reader = new EntryReader(cg, takeover, consumer, retries);
            this.processor = new EntryProcessor(cg, handler, consumer, retries, () -> aborted);
        }

        @Override
        public void run() {
            while (running.get()) {
                try {
                    List<TakenEntry> batch = reader.next();
                    if (failing) {
                        LOG.info("{}/{}: consumer {} is connected to Redis again", topic, group, consumer);
                        failing = false;
                    }
                    backoff.reset();
                    if (!batch.isEmpty()) {
                        processor.process(batch);
                    }
                } catch (RuntimeException e) {
                    if (!aborted) {
                        onFailure(e);
                    }
                }
            }
        }

        private void onFailure(RuntimeException e) {
            if (RedisErrors.isNoGroup(e)) {
                LOG.warn("{}/{}: the stream or group is gone (Redis restarted without its data?); creating it again",
                        topic, group);
                reader.restart();
                try {
                    queue.ensureGroup(keys, group);
                    return;
                } catch (RuntimeException again) {
                    e = again;
                }
            }
            if (RedisErrors.isTransient(e)) {
                if (!failing) {
                    LOG.warn("{}/{}: consumer {} lost Redis ({}); reconnecting with backoff", topic, group, consumer,
                            e.toString());
                    queue.metrics().count("queue.connection_errors", 1, "topic", topic);
                    failing = true;
                }
            } else {
                LOG.error("{}/{}: consumer {} failed", topic, group, consumer, e);
            }
            pause(backoff.nextMillis());
        }

        private void pause(long millis) {
            try {
                stopping.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.set(false);
            }
        }
    }
}
