package io.minicrm.adapter.redis;

import io.minicrm.application.port.SharedRateLimit;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * The {@link SharedRateLimit} on Redis: one token bucket in a hash ({@code <prefix>:ratelimit:<name>}: tokens and
 * the time they were counted), updated by a Lua script on Redis's own clock, so every instance draws from it
 * whatever its clock: permits are taken only when the bucket holds them at that moment, else the caller is told how
 * long to wait. The key expires once the bucket would be full again. Every instance must use the same rate and
 * burst.
 */
public final class RedisRateLimit implements SharedRateLimit {
    /**
     * KEYS: bucket. ARGV: permits, rate per second, burst. Takes the permits if the bucket holds them (at most the
     * burst is needed) and returns 0; else returns the microseconds until it may.
     */
    private static final String TRY_ACQUIRE = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local permits = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2]) / 1000000
            local burst = tonumber(ARGV[3])
            local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = burst
            local at = now
            if b[1] then
              tokens = tonumber(b[1])
              at = tonumber(b[2])
            end
            if now > at then
              tokens = math.min(burst, tokens + (now - at) * rate)
              at = now
            end
            local needed = math.min(permits, burst)
            if tokens < needed then
              return math.max(1, math.ceil((needed - tokens) / rate))
            end
            tokens = tokens - permits
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
            redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate / 1000) + 1000)
            return 0
            """;

    private final RedisClient client;
    private final String key;
    private final String rate;
    private final String burst;

    /**
     * The bucket {@code name} under {@code keyPrefix}: {@code ratePerSecond} permits per second (> 0), bursts up to
     * {@code burst} (>= 1).
     */
    public RedisRateLimit(RedisClient client, String keyPrefix, String name, double ratePerSecond, double burst) {
        if (!(ratePerSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("ratePerSecond must be > 0 and burst >= 1, were " + ratePerSecond
                    + " and " + burst);
        }
        this.client = client;
        this.key = keyPrefix + ":ratelimit:" + name;
        this.rate = Double.toString(ratePerSecond);
        this.burst = Double.toString(burst);
    }

    /** The bucket {@code name} on the queue's connection and key prefix. */
    public static RedisRateLimit on(RedisWorkQueue queue, String name, double ratePerSecond, double burst) {
        return new RedisRateLimit(queue.client(), queue.settings().keyPrefix(), name, ratePerSecond, burst);
    }

    @Override
    public Duration tryAcquire(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits must be >= 0, was " + permits);
        }
        Object micros = client.eval(TRY_ACQUIRE, List.of(key), List.of(Integer.toString(permits), rate, burst));
        long wait = micros instanceof Long l ? l : Long.parseLong(String.valueOf(micros));
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait * 1000);
    }
}
