package io.minicrm.adapter.redis;

import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Which Redis failures are worth retrying (the connection, or a server that is starting or failing over). */
final class RedisErrors {
    private RedisErrors() {
    }

    static boolean isTransient(Throwable e) {
        if (e instanceof JedisDataException data) {
            String m = String.valueOf(data.getMessage());
            return m.startsWith("LOADING") || m.startsWith("BUSY ") || m.startsWith("MASTERDOWN")
                    || m.startsWith("TRYAGAIN") || m.startsWith("READONLY");
        }
        return e instanceof JedisException;
    }

    /** The stream or the group is gone (e.g. Redis restarted without persistence): recreate the group. */
    static boolean isNoGroup(Throwable e) {
        return e instanceof JedisDataException && String.valueOf(e.getMessage()).startsWith("NOGROUP");
    }

    static boolean isNoSuchKey(Throwable e) {
        return e instanceof JedisDataException && String.valueOf(e.getMessage()).contains("no such key");
    }
}
