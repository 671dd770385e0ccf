package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.port.Metrics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Keeps a topic stream small without ever trimming an entry a group has not processed, and warns when a group's
 * backlog approaches the cap.
 *
 * <p>{@code XADD ... MAXLEN ~ n} trims blindly: Redis drops the oldest entries whether or not every group has
 * processed them, and with the application's large messages (an ingestion message carries 500 rows) a generous
 * {@code MAXLEN} would also let processed entries fill memory. So publishing appends without trimming, and at most once
 * per {@code trimInterval} per topic a publishing client trims with {@code XTRIM MINID ~ <oldest entry any group still
 * needs>} (a group's oldest pending entry, or the first entry after its last delivered id). Processed entries go; an
 * unprocessed one never does; without any group nothing is trimmed (the first group will read from the start). The
 * stream therefore holds about the largest group backlog.
 *
 * <p>{@code maxLength} is the backlog the stream is sized for. At {@code warnRatio * maxLength} the largest backlog
 * (pending + lag) is measured (at most once per {@code trimInterval}); at or above the threshold a warning is logged
 * (at most every 30 s per topic) and the counter {@code queue.near_cap} grows. Above {@code maxLength} nothing is
 * refused and nothing is dropped: the stream keeps growing, {@code queue.held_over_cap} grows and
 * {@link StreamCapacity#overCap()} says so. Redis' own {@code maxmemory} is the last backstop (writes then fail and
 * {@code publish} throws {@link WorkQueue.QueueUnavailableException}).
 */
final class StreamRetention {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRetention.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final RedisClient client;
    private final StreamInspector inspector;
    private final RedisQueueSettings settings;
    private final Metrics metrics;
    private final Map<String, TopicState> topics = new ConcurrentHashMap<>();

    private static final class TopicState {
        final AtomicBoolean busy = new AtomicBoolean();
        volatile long nextTrim = System.nanoTime();
        volatile long nextCheck = System.nanoTime();
        volatile long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
        volatile boolean nearCap;
    }

    StreamRetention(RedisClient client, StreamInspector inspector, RedisQueueSettings settings, Metrics metrics) {
        this.client = client;
        this.inspector = inspector;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Called after each publish with the stream's length; costs a few round trips at most once per interval. */
    void afterPublish(String topic, StreamKeys keys, long length) {
        TopicState state = topics.computeIfAbsent(topic, t -> new TopicState());
        long now = System.nanoTime();
        boolean trimDue = now - state.nextTrim >= 0;
        boolean checkDue = length >= settings.warnAt() && now - state.nextCheck >= 0;
        if (length < settings.warnAt()) {
            state.nearCap = false;
        }
        if ((!trimDue && !checkDue) || !state.busy.compareAndSet(false, true)) {
            return;
        }
        try {
            long left = length;
            if (trimDue) {
                state.nextTrim = now + settings.trimInterval().toNanos();
                left = length - trimProcessed(topic, keys);
            }
            if (checkDue && left >= settings.warnAt()) {
                state.nextCheck = now + settings.trimInterval().toNanos();
                note(state, measure(topic, keys, left));
            } else if (left < settings.warnAt()) {
                state.nearCap = false;
            }
        } catch (RuntimeException e) {
            // the messages are queued; trimming is retried after a later publish
            LOG.warn("{}: could not trim or measure the stream: {}", topic, e.toString());
        } finally {
            state.busy.set(false);
        }
    }

    /** Trims every entry all groups have processed; returns how many went. */
    long trimProcessed(String topic, StreamKeys keys) {
        List<StreamGroupInfo> groups = inspector.groups(keys.stream());
        if (groups.isEmpty()) {
            return 0;
        }
        StreamEntryID needed = null;
        for (StreamGroupInfo g : groups) {
            StreamEntryID oldest = inspector.oldestUnprocessed(keys.stream(), g);
            if (needed == null || oldest.compareTo(needed) < 0) {
                needed = oldest;
            }
        }
        long trimmed = client.xtrim(keys.stream(), XTrimParams.xTrimParams().minId(needed.toString()).approximateTrimming());
        if (trimmed > 0) {
            metrics.count("queue.trimmed", trimmed, "topic", topic);
        }
        return trimmed;
    }

    /** The stream's fill level right now. */
    StreamCapacity measure(String topic, StreamKeys keys, long length) {
        List<StreamGroupInfo> groups = inspector.groups(keys.stream());
        long backlog = groups.isEmpty() ? length : 0;
        String lagging = null;
        for (StreamGroupInfo g : groups) {
            long b = g.getPending() + inspector.lag(keys.stream(), g, Math.max(1, length));
            if (lagging == null || b > backlog) {
                backlog = b;
                lagging = g.getName();
            }
        }
        return new StreamCapacity(topic, length, settings.maxLength(), backlog, lagging, backlog >= settings.warnAt(),
                length > settings.maxLength());
    }

    /** Whether the last measurement of the topic found a group near the cap. */
    boolean nearCap(String topic) {
        TopicState s = topics.get(topic);
        return s != null && s.nearCap;
    }

    private void note(TopicState state, StreamCapacity c) {
        state.nearCap = c.nearCap();
        if (c.overCap()) {
            metrics.count("queue.held_over_cap", 1, "topic", c.topic());
        }
        if (c.nearCap()) {
            metrics.count("queue.near_cap", 1, "topic", c.topic());
            String who = c.laggingGroup() == null ? "no consumer group reads it yet:" : "group '" + c.laggingGroup() + "' has";
            warn(state, "{}: {} {} entries unprocessed, near or above the stream cap of {} (warning at {}); they are "
                    + "kept, never trimmed unprocessed: add consumers or check them", c.topic(), who, c.backlog(),
                    c.maxLength(), settings.warnAt());
        }
    }

    private void warn(TopicState state, String format, Object... args) {
        long now = System.nanoTime();
        if (now - state.lastWarn >= WARN_EVERY_NANOS) {
            state.lastWarn = now;
            LOG.warn(format, args);
        }
    }
}
