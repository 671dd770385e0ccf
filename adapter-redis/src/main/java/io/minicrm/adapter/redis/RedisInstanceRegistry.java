package io.minicrm.adapter.redis;

import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.RedisClient;

/**
 * The {@link InstanceRegistry} on Redis: a sorted set {@code <prefix>:instances} of instance ids scored by the time
 * each stays alive until, and a hash {@code <prefix>:instance:<id>} with its last report. Every operation is one Lua
 * script, so it is atomic and times are Redis's own ({@code TIME}): instances with skewed clocks agree on who is
 * alive. Instances dead for longer than an hour are forgotten (removed by the next heartbeat; their hashes expire).
 */
public final class RedisInstanceRegistry implements InstanceRegistry {
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    /** KEYS: index, hash. ARGV: id, deadAfter ms, forget ms, field/value pairs. Returns the Redis time (ms). */
    private static final String HEARTBEAT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local deadAfter = tonumber(ARGV[2])
            local forget = tonumber(ARGV[3])
            redis.call('ZADD', KEYS[1], now + deadAfter, ARGV[1])
            redis.call('HSET', KEYS[2], 'lastHeartbeat', string.format('%d', now),
                'aliveUntil', string.format('%d', now + deadAfter), unpack(ARGV, 4))
            redis.call('PEXPIRE', KEYS[2], deadAfter + forget)
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - forget)
            return now
            """;

    /** KEYS: index, hash. ARGV: id. Marks it dead now (if known). */
    private static final String LEAVE = """
            if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            redis.call('ZADD', KEYS[1], now, ARGV[1])
            redis.call('HSET', KEYS[2], 'aliveUntil', string.format('%d', now))
            return 1
            """;

    /** KEYS: index. ARGV: hash key prefix, forget ms. Returns {now, id1, {hash1...}, id2, {hash2...}, ...}. */
    private static final String LIST = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[2]), '+inf')
            local out = {string.format('%d', now)}
            for _, id in ipairs(ids) do
              local h = redis.call('HGETALL', ARGV[1] .. id)
              if #h > 0 then
                out[#out + 1] = id
                out[#out + 1] = h
              end
            end
            return out
            """;

    private final RedisClient client;
    private final String index;
    private final String hashPrefix;

    /** A registry under {@code keyPrefix} on {@code client} (which the caller closes). */
    public RedisInstanceRegistry(RedisClient client, String keyPrefix) {
        this.client = client;
        this.index = keyPrefix + ":instances";
        this.hashPrefix = keyPrefix + ":instance:";
    }

    /** A registry on the queue's connection and key prefix. */
    public static RedisInstanceRegistry on(RedisWorkQueue queue) {
        return new RedisInstanceRegistry(queue.client(), queue.settings().keyPrefix());
    }

    @Override
    public void heartbeat(InstanceReport r, Duration deadAfter) {
        if (deadAfter == null || deadAfter.isNegative() || deadAfter.isZero()) {
            throw new IllegalArgumentException("deadAfter must be positive, was " + deadAfter);
        }
        List<String> args = new ArrayList<>(List.of(r.instanceId(), Long.toString(deadAfter.toMillis()),
                Long.toString(FORGET_AFTER.toMillis()),
                "instanceId", r.instanceId(),
                "startedAt", Long.toString(r.startedAt().toEpochMilli()),
                "vendorInFlight", Long.toString(r.vendorInFlight()),
                "sendsPerSecond", Double.toString(r.sendsPerSecond()),
                "messagesSent", Long.toString(r.messagesSent()),
                "reclaimed", Long.toString(r.reclaimed())));
        call("announce " + r.instanceId(), () -> client.eval(HEARTBEAT, List.of(index, hashPrefix + r.instanceId()), args));
    }

    @Override
    public void leave(String instanceId) {
        call("record that " + instanceId + " left",
                () -> client.eval(LEAVE, List.of(index, hashPrefix + instanceId), List.of(instanceId)));
    }

    @Override
    public List<Instance> instances() {
        Object answer = call("list the instances",
                () -> client.eval(LIST, List.of(index), List.of(hashPrefix, Long.toString(FORGET_AFTER.toMillis()))));
        List<?> items = (List<?>) answer;
        long now = Long.parseLong(text(items.get(0)));
        List<Instance> out = new ArrayList<>();
        for (int i = 1; i + 1 < items.size(); i += 2) {
            Map<String, String> h = new HashMap<>();
            List<?> pairs = (List<?>) items.get(i + 1);
            for (int j = 0; j + 1 < pairs.size(); j += 2) {
                h.put(text(pairs.get(j)), text(pairs.get(j + 1)));
            }
            try {
                out.add(instance(h, now));
            } catch (RuntimeException e) {
                // a hash written by another version, or half expired: not an instance we can describe
            }
        }
        out.sort((x, y) -> x.instanceId().compareTo(y.instanceId()));
        return out;
    }

    private static Instance instance(Map<String, String> h, long now) {
        InstanceReport report = new InstanceReport(h.get("instanceId"),
                Instant.ofEpochMilli(Long.parseLong(h.get("startedAt"))), Long.parseLong(h.get("vendorInFlight")),
                Double.parseDouble(h.get("sendsPerSecond")), Long.parseLong(h.get("messagesSent")),
                Long.parseLong(h.get("reclaimed")));
        long until = Long.parseLong(h.get("aliveUntil"));
        return new Instance(report, Instant.ofEpochMilli(Long.parseLong(h.get("lastHeartbeat"))),
                Instant.ofEpochMilli(until), until > now);
    }

    private static Object call(String what, java.util.function.Supplier<Object> op) {
        try {
            return op.get();
        } catch (RuntimeException e) {
            throw new RegistryUnavailableException("instance registry on Redis: could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
    }
}
