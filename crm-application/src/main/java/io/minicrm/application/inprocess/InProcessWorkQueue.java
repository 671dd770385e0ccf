package io.minicrm.application.inprocess;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.Reasons;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link WorkQueue} in memory: per topic and consumer group a FIFO of messages, consumer threads
 * that take batches, acknowledgement after the handler, redelivery of failed messages after a short
 * delay, dead letters after {@code maxDeliveries}. Messages are lost if the process dies; the
 * application is built so that nothing depends on them surviving (the store is the truth: lost jobs
 * are found again by the sweeper).
 */
public final class InProcessWorkQueue implements WorkQueue {
    private static final System.Logger LOG = System.getLogger(InProcessWorkQueue.class.getName());
    private static final int MAX_DEAD_LETTERS = 10_000;

    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private final List<Consumer> consumers = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();
    private final boolean standInForDurable;

    /** A queue in this process's memory: {@link #isDurable()} is false. */
    public InProcessWorkQueue() {
        this(false);
    }

    /**
     * @param standInForDurable report {@link #isDurable()} true: the queue stands in for one that outlives the
     *                          process (tests of queued behaviour, where "the process" is the test's harness)
     */
    public InProcessWorkQueue(boolean standInForDurable) {
        this.standInForDurable = standInForDurable;
    }

    private static final class Entry {
        final String id;
        final QueueMessage message;
        int deliveries;
        long notBefore;

        Entry(String id, QueueMessage message) {
            this.id = id;
            this.message = message;
        }
    }

    /** One topic: the messages of each group, plus messages published before any group existed. */
    private static final class Topic {
        final Map<String, Deque<Entry>> groups = new HashMap<>();
        final Deque<Entry> unclaimed = new ArrayDeque<>();
        final Map<String, Long> inFlight = new HashMap<>();
        final Deque<DeadLetter> dead = new ArrayDeque<>();
        long deadCount;
    }

    private Topic topic(String name) {
        return topics.computeIfAbsent(name, k -> new Topic());
    }

    @Override
    public void publish(String topicName, List<QueueMessage> messages) {
        Topic t = topic(topicName);
        synchronized (t) {
            for (QueueMessage m : messages) {
                String id = Long.toString(ids.incrementAndGet());
                if (t.groups.isEmpty()) {
                    t.unclaimed.add(new Entry(id, m));
                }
                for (Deque<Entry> q : t.groups.values()) {
                    q.add(new Entry(id, m));
                }
            }
            t.notifyAll();
        }
    }

    @Override
    public Subscription subscribe(String topicName, String group, ConsumerSettings settings, BatchHandler handler) {
        Topic t = topic(topicName);
        synchronized (t) {
            if (!t.groups.containsKey(group)) {
                Deque<Entry> q = new ArrayDeque<>(t.groups.isEmpty() ? t.unclaimed : List.of());
                t.unclaimed.clear();
                t.groups.put(group, q);
                t.inFlight.put(group, 0L);
            }
        }
        Consumer c = new Consumer(topicName, t, group, settings, handler);
        consumers.add(c);
        c.start();
        return c;
    }

    @Override
    public QueueStats stats(String topicName, String group) {
        Topic t = topic(topicName);
        synchronized (t) {
            Deque<Entry> q = t.groups.getOrDefault(group, t.unclaimed);
            long pending = t.inFlight.getOrDefault(group, 0L);
            return new QueueStats(q.size() + pending, pending, q.size(), t.deadCount);
        }
    }

    @Override
    public List<DeadLetter> deadLetters(String topicName, int limit) {
        Topic t = topic(topicName);
        synchronized (t) {
            List<DeadLetter> out = new ArrayList<>(t.dead);
            return out.subList(Math.max(0, out.size() - limit), out.size());
        }
    }

    /** Waits until every group of every topic has nothing queued or in flight (graceful drain). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isIdle()) {
                return true;
            }
            Thread.sleep(20);
        }
        return isIdle();
    }

    private boolean isIdle() {
        for (Topic t : topics.values()) {
            synchronized (t) {
                for (Map.Entry<String, Deque<Entry>> g : t.groups.entrySet()) {
                    if (!g.getValue().isEmpty() || t.inFlight.getOrDefault(g.getKey(), 0L) > 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Override
    public boolean isDurable() {
        return standInForDurable; // else held in this process's memory only
    }

    @Override
    public void close() {
        for (Consumer c : consumers) {
            c.close();
        }
        consumers.clear();
    }

    private final class Consumer implements Subscription {
        private final String topicName;
        private final Topic topic;
        private final String group;
        private final ConsumerSettings settings;
        private final BatchHandler handler;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Consumer(String topicName, Topic topic, String group, ConsumerSettings settings, BatchHandler handler) {
            this.topicName = topicName;
            this.topic = topic;
            this.group = group;
            this.settings = settings;
            this.handler = handler;
        }

        void start() {
            for (int i = 0; i < settings.concurrency(); i++) {
                Thread t = new Thread(this::loop, "queue-" + topicName + "-" + group + "-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private void loop() {
            while (running.get()) {
                List<Entry> batch;
                try {
                    batch = take();
                } catch (InterruptedException e) {
                    return;
                }
                if (batch.isEmpty()) {
                    continue;
                }
                Map<String, String> failed;
                try {
                    List<Delivered> delivered = new ArrayList<>(batch.size());
                    for (Entry e : batch) {
                        delivered.add(new Delivered(e.id, e.message, e.deliveries));
                    }
                    failed = handler.handle(delivered).failed();
                } catch (InterruptedException e) {
                    failed = new HashMap<>();
                    for (Entry en : batch) {
                        failed.put(en.id, "interrupted");
                    }
                    Thread.currentThread().interrupt();
                } catch (VirtualMachineError e) {
                    throw e; // out of memory or stack: the process cannot go on (the uncaught handler ends it)
                } catch (Exception | Error e) {
                    // whatever the handler threw, the consumer lives on and the batch is delivered again
                    LOG.log(Level.WARNING, topicName + " handler failed on a batch of " + batch.size() + ": " + e.toString());
                    failed = new HashMap<>();
                    for (Entry en : batch) {
                        failed.put(en.id, Reasons.of(e));
                    }
                }
                settle(batch, failed);
            }
        }

        private List<Entry> take() throws InterruptedException {
            long waitUntil = System.currentTimeMillis() + Math.max(1, settings.block().toMillis());
            synchronized (topic) {
                while (running.get()) {
                    Deque<Entry> q = topic.groups.get(group);
                    long now = System.currentTimeMillis();
                    List<Entry> batch = new ArrayList<>();
                    int scanned = q.size();
                    for (int i = 0; i < scanned && batch.size() < settings.batchSize(); i++) {
                        Entry e = q.poll();
                        if (e.notBefore > now) {
                            q.add(e); // not yet: to the back
                        } else {
                            e.deliveries++;
                            batch.add(e);
                        }
                    }
                    if (!batch.isEmpty()) {
                        topic.inFlight.merge(group, (long) batch.size(), Long::sum);
                        return batch;
                    }
                    long left = waitUntil - now;
                    if (left <= 0) {
                        return List.of();
                    }
                    topic.wait(Math.min(left, 50));
                }
                return List.of();
            }
        }

        private void settle(List<Entry> batch, Map<String, String> failed) {
            synchronized (topic) {
                topic.inFlight.merge(group, (long) -batch.size(), Long::sum);
                Deque<Entry> q = topic.groups.get(group);
                for (Entry e : batch) {
                    String error = failed.get(e.id);
                    if (error == null) {
                        continue;
                    }
                    if (e.deliveries >= settings.maxDeliveries()) {
                        topic.dead.add(new DeadLetter(e.id, e.message, e.deliveries, error));
                        topic.deadCount++;
                        while (topic.dead.size() > MAX_DEAD_LETTERS) {
                            topic.dead.poll();
                        }
                        LOG.log(Level.WARNING, topicName + " message " + e.id + " dead-lettered after " + e.deliveries + " deliveries: " + error);
                    } else {
                        e.notBefore = System.currentTimeMillis() + Math.min(5000, 50L << Math.min(e.deliveries, 6));
                        q.add(e);
                    }
                }
                topic.notifyAll();
            }
        }

        @Override
        public void close() {
            running.set(false);
            synchronized (topic) {
                topic.notifyAll();
            }
            for (Thread t : threads) {
                try {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
