package io.minicrm.adapter.redis;

import io.minicrm.application.cluster.Liveness;
import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * The {@link WorkQueue} on Redis Streams: one stream per topic ({@code <prefix>:stream:<topic>}), one consumer group
 * per (topic, group), consumers named {@code <instanceId>-<n>}, so any number of processes share a group's work.
 *
 * <ul>
 *   <li>{@code publish} appends with pipelined {@code XADD}s and returns once Redis holds them; while Redis is
 *       unreachable it retries with backoff up to {@code publishTimeout}, then throws {@link QueueUnavailableException}.
 *       Entries every group has processed are trimmed; an unprocessed entry never is, and a group whose backlog
 *       nears {@code maxLength} is reported (see {@link StreamRetention}, {@link #capacity(String)}).</li>
 *   <li>Each consumer thread reads {@code XREADGROUP ... COUNT batchSize BLOCK ms ... >}, hands the batch to the
 *       handler and {@code XACK}s only what the handler did not report as failed, after it returned. A failed entry
 *       stays pending and is claimed again by the same consumer after a short backoff ({@code retryDelay}, doubling).
 *       Entries held by another instance are taken over ({@code XCLAIM}) as soon as the instance registry given to
 *       {@link #takeOverFrom} says that instance is dead; entries of a live instance only when idle longer than
 *       {@code reclaimIdle} (a hung handler: a slow one keeps its work); without a registry, every entry idle longer
 *       than {@code reclaimIdle}. An entry whose handler failed on its {@code maxDeliveries}-th delivery, or which was
 *       delivered more than {@code maxDeliveries} times without an outcome (its consumers crashed), moves atomically
 *       to {@code <prefix>:dead:<topic>} with its error and is acknowledged, so it stops blocking the others.</li>
 *   <li>On start a consumer first re-reads the entries still pending under its own name (a restarted instance with
 *       the same id picks up where it stopped). A group that vanished (Redis restarted without persistence) is
 *       created again. Connection failures are retried with jittered exponential backoff.</li>
 * </ul>
 *
 * <p>A group created on a stream that has no group yet starts at the beginning (messages published before the
 * first consumer are delivered); a further group starts at the end. {@code instanceId} must be unique among the
 * live processes sharing one Redis (e.g. host name + random suffix): two live processes with the same id would
 * share consumer names and re-read each other's pending entries.
 */
public final class RedisWorkQueue implements WorkQueue {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWorkQueue.class);
    private static final int PUBLISH_CHUNK = 1000;

    private final RedisClient client;
    private final boolean ownsClient;
    private final String instanceId;
    private final RedisQueueSettings settings;
    private final Metrics metrics;
    private final StreamInspector inspector;
    private final StreamRetention retention;
    private final List<RedisConsumer> subscriptions = new CopyOnWriteArrayList<>();
    private final Map<String, BitSet> slots = new HashMap<>();
    private volatile boolean closed;
    private volatile InstanceRegistry registry;
    private volatile Duration livenessCheck;

    /**
     * A queue on an existing client (which the caller closes). Prefer {@link #connect(String, String, RedisQueueSettings)}.
     */
    public RedisWorkQueue(RedisClient client, String instanceId, RedisQueueSettings settings, Metrics metrics) {
        this(client, false, instanceId, settings, metrics);
    }

    private RedisWorkQueue(RedisClient client, boolean ownsClient, String instanceId, RedisQueueSettings settings,
                           Metrics metrics) {
        if (instanceId == null || instanceId.isBlank() || instanceId.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("instanceId must be a non-blank word, was '" + instanceId + "'");
        }
        this.client = client;
        this.ownsClient = ownsClient;
        this.instanceId = instanceId;
        this.settings = settings;
        this.metrics = metrics == null ? Metrics.NONE : metrics;
        this.inspector = new StreamInspector(client);
        this.retention = new StreamRetention(client, inspector, settings, this.metrics);
    }

    /** Connects to {@code redisUrl} ({@code redis://[[user]:password@]host[:port][/db]}); nothing is sent yet. */
    public static RedisWorkQueue connect(String redisUrl, String instanceId, RedisQueueSettings settings) {
        return connect(redisUrl, instanceId, settings, Metrics.NONE);
    }

    /** Like {@link #connect(String, String, RedisQueueSettings)}, reporting counters to {@code metrics}. */
    public static RedisWorkQueue connect(String redisUrl, String instanceId, RedisQueueSettings settings,
                                         Metrics metrics) {
        RedisClient client = RedisConnections.client(redisUrl, "minicrm-" + instanceId, settings);
        return new RedisWorkQueue(client, true, instanceId, settings, metrics);
    }

    public String instanceId() {
        return instanceId;
    }

    /**
     * Takes over the entries other instances hold as soon as {@code registry} says they are dead, looking every
     * {@code checkEvery} (the heartbeat interval). Call before subscribing. This instance must send heartbeats to
     * the same registry, or the others take its entries after their {@code reclaimIdle}.
     */
    public RedisWorkQueue takeOverFrom(InstanceRegistry instances, Duration checkEvery) {
        if (checkEvery == null || checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("checkEvery must be positive, was " + checkEvery);
        }
        this.registry = java.util.Objects.requireNonNull(instances, "instances");
        this.livenessCheck = checkEvery;
        return this;
    }

    public RedisQueueSettings settings() {
        return settings;
    }

    @Override
    public void publish(String topic, List<QueueMessage> messages) {
        requireOpen();
        StreamKeys keys = keys(topic);
        if (messages.isEmpty()) {
            return;
        }
        long length = 0;
        for (int from = 0; from < messages.size(); from += PUBLISH_CHUNK) {
            List<QueueMessage> chunk = messages.subList(from, Math.min(messages.size(), from + PUBLISH_CHUNK));
            length = retrying("publish to " + topic, settings.publishTimeout(), () -> append(keys, chunk));
        }
        metrics.count("queue.published", messages.size(), "topic", topic);
        retention.afterPublish(topic, keys, length);
    }

    private long append(StreamKeys keys, List<QueueMessage> chunk) {
        try (Pipeline p = client.pipelined()) {
            for (QueueMessage m : chunk) {
                p.xadd(keys.stream(), XAddParams.xAddParams(), EntryCodec.toFields(m));
            }
            Response<Long> length = p.xlen(keys.stream());
            p.sync();
            return length.get();
        }
    }

    @Override
    public Subscription subscribe(String topic, String group, ConsumerSettings consumerSettings, BatchHandler handler) {
        requireOpen();
        StreamKeys keys = keys(topic);
        if (group == null || group.isBlank()) {
            throw new IllegalArgumentException("group must not be blank");
        }
        try {
            retrying("create group " + group + " on " + topic, settings.publishTimeout(), () -> {
                ensureGroup(keys, group);
                return null;
            });
        } catch (QueueUnavailableException e) {
            LOG.warn("{}: Redis unreachable while subscribing group '{}'; its consumers create it when Redis is back",
                    topic, group);
        }
        RedisConsumer consumer = new RedisConsumer(this, topic, group, keys, consumerSettings, handler,
                allocateSlots(topic, group, consumerSettings.concurrency()));
        subscriptions.add(consumer);
        consumer.start();
        return consumer;
    }

    /** Creates the group if missing: from the start on a stream without groups, else from the end. */
    void ensureGroup(StreamKeys keys, String group) {
        List<StreamGroupInfo> groups = inspector.groups(keys.stream());
        if (groups.stream().anyMatch(g -> g.getName().equals(group))) {
            return;
        }
        StreamEntryID from = groups.isEmpty() ? new StreamEntryID(0, 0) : StreamEntryID.XGROUP_LAST_ENTRY;
        try {
            client.xgroupCreate(keys.stream(), group, from, true);
            LOG.info("created consumer group '{}' on {} from {}", group, keys.stream(), from);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    @Override
    public QueueStats stats(String topic, String group) {
        StreamKeys keys = keys(topic);
        try {
            long dead = deadCount(keys);
            long length = client.xlen(keys.stream());
            List<StreamGroupInfo> groups = inspector.groups(keys.stream());
            StreamGroupInfo info = groups.stream().filter(g -> g.getName().equals(group)).findFirst().orElse(null);
            if (info == null) {
                return new QueueStats(length, 0, groups.isEmpty() ? length : 0, dead);
            }
            long lag = inspector.lag(keys.stream(), info, Math.max(length, 1));
            return new QueueStats(length, info.getPending(), lag, dead);
        } catch (RuntimeException e) {
            throw unavailable("read the stats of " + topic, e);
        }
    }

    /** How full the topic's stream is, measured now (for metrics and the near-cap alert). */
    public StreamCapacity capacity(String topic) {
        StreamKeys keys = keys(topic);
        try {
            return retention.measure(topic, keys, client.xlen(keys.stream()));
        } catch (RuntimeException e) {
            throw unavailable("measure " + topic, e);
        }
    }

    /** Whether the last check made while publishing found a group of the topic near the cap (cheap, no round trip). */
    public boolean nearCap(String topic) {
        return retention.nearCap(topic);
    }

    @Override
    public List<DeadLetter> deadLetters(String topic, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        StreamKeys keys = keys(topic);
        try {
            List<StreamEntry> newestFirst = client.xrevrange(keys.dead(), "+", "-", limit);
            List<DeadLetter> out = new ArrayList<>(newestFirst.size());
            for (StreamEntry e : newestFirst) {
                out.add(EntryCodec.toDeadLetter(e.getFields()));
            }
            Collections.reverse(out);
            return out;
        } catch (RuntimeException e) {
            throw unavailable("read the dead letters of " + topic, e);
        }
    }

    /** Counts the pending entries of the group per consumer (XPENDING summary), summed per instance. */
    @Override
    public Optional<Map<String, Long>> heldByInstance(String topic, String group) {
        StreamKeys keys = keys(topic);
        try {
            StreamPendingSummary summary = client.xpending(keys.stream(), group);
            Map<String, Long> out = new TreeMap<>();
            if (summary != null && summary.getConsumerMessageCount() != null) {
                summary.getConsumerMessageCount().forEach((consumer, n) -> {
                    if (n != null && n > 0) {
                        out.merge(Reclaim.instanceOf(consumer), n, Long::sum);
                    }
                });
            }
            return Optional.of(out);
        } catch (JedisDataException e) {
            if (RedisErrors.isNoGroup(e) || RedisErrors.isNoSuchKey(e)) {
                return Optional.of(Map.of());
            }
            throw unavailable("read who holds the entries of " + topic, e);
        } catch (RuntimeException e) {
            throw unavailable("read who holds the entries of " + topic, e);
        }
    }

    private long deadCount(StreamKeys keys) {
        String count = client.get(keys.deadCount());
        return count == null ? 0 : Long.parseLong(count);
    }

    @Override
    public boolean isHealthy() {
        if (closed) {
            return false;
        }
        try {
            return "PONG".equalsIgnoreCase(client.ping());
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RedisConsumer c : subscriptions) {
            c.close();
        }
        if (ownsClient) {
            client.close();
        }
    }

    /**
     * Stops at once, as a crash would: no consumer acknowledges anything from now on (batches in hand are neither
     * waited for nor acknowledged, handlers are interrupted) and the connections are closed. The entries this instance
     * held stay pending and are taken over by the other instances once this one is dead for the instance registry
     * (its heartbeats stopped), or after their {@code reclaimIdle} without a registry. For tests and emergency
     * stops; {@link #close()} is the graceful way.
     */
    public void abort() {
        if (closed) {
            return;
        }
        closed = true;
        for (RedisConsumer c : subscriptions) {
            c.abort();
        }
        if (ownsClient) {
            client.close();
        }
    }

    // --- for the consumers

    RedisClient client() {
        return client;
    }

    Metrics metrics() {
        return metrics;
    }

    String consumerName(int slot) {
        return instanceId + "-" + slot;
    }

    /** Whether a subscription of this instance consumes (topic, group) under {@code consumer} now. */
    boolean isActiveConsumer(String slotKey, String consumer) {
        String prefix = instanceId + "-";
        if (!consumer.startsWith(prefix)) {
            return false;
        }
        int slot;
        try {
            slot = Integer.parseInt(consumer.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return false;
        }
        synchronized (slots) {
            BitSet used = slots.get(slotKey);
            return used != null && slot >= 0 && used.get(slot);
        }
    }

    /** The registry's view now; {@link Liveness#unknown()} without a registry or when it cannot be read. */
    Liveness liveness() {
        InstanceRegistry r = registry;
        return r == null ? Liveness.unknown() : Liveness.read(r);
    }

    /** How often consumers look for entries to take over from dead instances; empty without a registry. */
    Optional<Duration> livenessCheck() {
        return Optional.ofNullable(livenessCheck);
    }

    void closed(RedisConsumer consumer, int[] consumerSlots) {
        subscriptions.remove(consumer);
        synchronized (slots) {
            BitSet used = slots.get(consumer.slotKey());
            for (int s : consumerSlots) {
                used.clear(s);
            }
        }
    }

    /** The lowest free consumer numbers of (topic, group) in this instance, so a restart reuses the same names. */
    private int[] allocateSlots(String topic, String group, int n) {
        synchronized (slots) {
            BitSet used = slots.computeIfAbsent(RedisConsumer.slotKey(topic, group), k -> new BitSet());
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = used.nextClearBit(0);
                used.set(out[i]);
            }
            return out;
        }
    }

    StreamKeys keys(String topic) {
        return StreamKeys.of(settings.keyPrefix(), topic);
    }

    /**
     * Runs {@code op}, retrying transient failures (connection lost, server loading) with backoff for up to
     * {@code timeout}; then, or on any other failure, throws {@link QueueUnavailableException}.
     */
    <T> T retrying(String what, Duration timeout, Supplier<T> op) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
        while (true) {
            try {
                return op.get();
            } catch (RuntimeException e) {
                long pause = backoff.nextMillis();
                if (closed || !RedisErrors.isTransient(e) || System.nanoTime() + pause * 1_000_000 - deadline > 0) {
                    throw unavailable(what, e);
                }
                LOG.debug("{} failed ({}); retrying in {} ms", what, e.toString(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw unavailable(what + " (interrupted)", e);
                }
            }
        }
    }

    private static QueueUnavailableException unavailable(String what, RuntimeException e) {
        if (e instanceof QueueUnavailableException q) {
            return q;
        }
        return new QueueUnavailableException("Redis queue: could not " + what + ": " + e.getMessage(), e);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the Redis work queue is closed");
        }
    }
}
