package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import java.time.Duration;
import java.util.Objects;

/**
 * How the Redis work queue connects and keeps its streams.
 *
 * @param keyPrefix          prefix of every key ({@code <prefix>:stream:<topic>}, {@code <prefix>:dead:<topic>}, ...)
 * @param maxLength          the backlog a topic stream is sized for (entries not yet processed by some group).
 *                           Processed entries are trimmed (see {@link StreamRetention}); unprocessed ones never are, so
 *                           a stream may grow past the cap: that is reported, never silently resolved by dropping
 * @param warnRatio          a group whose backlog (pending + not yet delivered) reaches {@code warnRatio * maxLength}
 *                           raises the near-cap warning and metric
 * @param deadLetterMaxLength how many dead letters a topic keeps (approximately); the dead-letter counter is exact
 * @param connectTimeout     TCP connect timeout
 * @param socketTimeout      read timeout of a command (a blocking read waits {@code block} longer)
 * @param maxBlock           the longest a consumer's {@code XREADGROUP ... BLOCK} waits, whatever it asked for
 * @param poolSize           connections in the pool; every consumer thread holds one while it blocks, so size it
 *                           above the total consumer concurrency plus the publishing threads
 * @param poolWait           how long a command waits for a free pooled connection
 * @param reconnectMin       first pause after a connection failure (doubles up to {@code reconnectMax}, jittered)
 * @param reconnectMax       longest pause between reconnection attempts
 * @param publishTimeout     how long {@code publish} keeps retrying an unreachable Redis before it throws
 *                           {@link WorkQueue.QueueUnavailableException}
 * @param retryDelay         first delay before a message its handler reported as failed is delivered again
 *                           (doubles per delivery up to {@code retryDelayMax})
 * @param retryDelayMax      longest such delay
 * @param closeTimeout       how long closing a subscription waits for its in-flight batches
 * @param trimInterval       how often (at most) a publishing client trims a topic's processed entries, and measures its
 *                           backlog while it is near the cap
 */
public record RedisQueueSettings(String keyPrefix, long maxLength, double warnRatio, long deadLetterMaxLength,
                                 Duration connectTimeout, Duration socketTimeout, Duration maxBlock, int poolSize,
                                 Duration poolWait, Duration reconnectMin, Duration reconnectMax, Duration publishTimeout,
                                 Duration retryDelay, Duration retryDelayMax, Duration closeTimeout,
                                 Duration trimInterval) {

    public RedisQueueSettings {
        if (keyPrefix == null || keyPrefix.isBlank() || keyPrefix.contains(" ")) {
            throw new IllegalArgumentException("keyPrefix must be a non-blank word, was '" + keyPrefix + "'");
        }
        if (maxLength < 100) {
            throw new IllegalArgumentException("maxLength must be >= 100, was " + maxLength);
        }
        if (!(warnRatio > 0 && warnRatio <= 1)) {
            throw new IllegalArgumentException("warnRatio must be in (0, 1], was " + warnRatio);
        }
        if (deadLetterMaxLength < 1) {
            throw new IllegalArgumentException("deadLetterMaxLength must be >= 1, was " + deadLetterMaxLength);
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("poolSize must be >= 2, was " + poolSize);
        }
        positive("connectTimeout", connectTimeout);
        positive("socketTimeout", socketTimeout);
        positive("maxBlock", maxBlock);
        positive("poolWait", poolWait);
        positive("reconnectMin", reconnectMin);
        positive("reconnectMax", reconnectMax);
        positive("publishTimeout", publishTimeout);
        positive("retryDelay", retryDelay);
        positive("retryDelayMax", retryDelayMax);
        positive("closeTimeout", closeTimeout);
        positive("trimInterval", trimInterval);
        if (reconnectMax.compareTo(reconnectMin) < 0 || retryDelayMax.compareTo(retryDelay) < 0) {
            throw new IllegalArgumentException("reconnectMax/retryDelayMax must not be below reconnectMin/retryDelay");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** Production defaults: sized for a backlog of 1,000,000 entries per topic, warnings at 80 %, pool of 64. */
    public static RedisQueueSettings defaults() {
        return new RedisQueueSettings("minicrm", 1_000_000, 0.8, 100_000, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 64, Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(1));
    }

    public RedisQueueSettings withKeyPrefix(String prefix) {
        return new RedisQueueSettings(prefix, maxLength, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, poolSize, poolWait, reconnectMin, reconnectMax, publishTimeout, retryDelay, retryDelayMax,
                closeTimeout, trimInterval);
    }

    public RedisQueueSettings withMaxLength(long max) {
        return new RedisQueueSettings(keyPrefix, max, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, poolSize, poolWait, reconnectMin, reconnectMax, publishTimeout, retryDelay, retryDelayMax,
                closeTimeout, trimInterval);
    }

    public RedisQueueSettings withPublishTimeout(Duration timeout) {
        return new RedisQueueSettings(keyPrefix, maxLength, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, poolSize, poolWait, reconnectMin, reconnectMax, timeout, retryDelay, retryDelayMax,
                closeTimeout, trimInterval);
    }

    public RedisQueueSettings withReconnect(Duration min, Duration max) {
        return new RedisQueueSettings(keyPrefix, maxLength, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, poolSize, poolWait, min, max, publishTimeout, retryDelay, retryDelayMax, closeTimeout,
                trimInterval);
    }

    public RedisQueueSettings withPoolSize(int size) {
        return new RedisQueueSettings(keyPrefix, maxLength, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, size, poolWait, reconnectMin, reconnectMax, publishTimeout, retryDelay, retryDelayMax,
                closeTimeout, trimInterval);
    }

    public RedisQueueSettings withTrimInterval(Duration interval) {
        return new RedisQueueSettings(keyPrefix, maxLength, warnRatio, deadLetterMaxLength, connectTimeout, socketTimeout,
                maxBlock, poolSize, poolWait, reconnectMin, reconnectMax, publishTimeout, retryDelay, retryDelayMax,
                closeTimeout, interval);
    }

    /** The backlog at which the near-cap warning fires. */
    long warnAt() {
        return (long) Math.ceil(maxLength * warnRatio);
    }
}
