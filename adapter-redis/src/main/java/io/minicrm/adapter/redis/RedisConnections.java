package io.minicrm.adapter.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

/**
 * Builds the pooled jedis client from a {@code redis://[[user]:password@]host[:port][/db]} (or {@code rediss://})
 * URL: connect and read timeouts, a read timeout for blocking reads long enough for the longest {@code BLOCK}, and a
 * bounded pool whose idle connections are tested, so connections broken by a Redis restart are replaced.
 */
final class RedisConnections {
    private RedisConnections() {
    }

    static RedisClient client(String redisUrl, String clientName, RedisQueueSettings s) {
        URI uri = parse(redisUrl);
        int timeout = (int) s.socketTimeout().toMillis();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) s.connectTimeout().toMillis())
                .socketTimeoutMillis(timeout)
                .blockingSocketTimeoutMillis(timeout + (int) s.maxBlock().toMillis())
                .clientName(clientName.replaceAll("[^A-Za-z0-9._:-]", "_"))
                .ssl("rediss".equals(uri.getScheme()));
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : decode(userInfo.substring(0, colon));
            String password = decode(colon < 0 ? userInfo : userInfo.substring(colon + 1));
            if (user != null && !user.isEmpty()) {
                config.user(user);
            }
            config.password(password);
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(s.poolSize());
        pool.setMaxIdle(s.poolSize());
        pool.setMinIdle(0);
        pool.setMaxWait(s.poolWait());
        pool.setBlockWhenExhausted(true);
        pool.setTestWhileIdle(true);
        pool.setJmxEnabled(false);
        int port = uri.getPort() < 0 ? 6379 : uri.getPort();
        return RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), port)).clientConfig(config.build())
                .poolConfig(pool).build();
    }

    /** Validates the URL; the message never repeats a password. */
    static URI parse(String redisUrl) {
        String hint = "REDIS_URL must look like redis://[[user]:password@]host[:port][/db]";
        if (redisUrl == null || redisUrl.isBlank()) {
            throw new IllegalArgumentException(hint + ", was empty");
        }
        URI uri;
        try {
            uri = new URI(redisUrl.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(hint + " (" + e.getReason() + ")");
        }
        String shown = uri.getHost() == null ? "(no host)" : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException(hint + ": scheme must be redis or rediss, was " + uri.getScheme());
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(hint + ": no host");
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1 && !path.substring(1).matches("\\d{1,5}")) {
            throw new IllegalArgumentException(hint + ": database must be a number, at " + shown);
        }
        return uri;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
