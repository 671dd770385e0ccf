package io.minicrm.adapter.redis;

import io.minicrm.application.contract.SharedRateLimitContract;
import io.minicrm.application.port.SharedRateLimit;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.RedisClient;

/** The shared {@link SharedRateLimit} contract on a real Redis: each client stands for another instance. */
class RedisRateLimitContractTest extends SharedRateLimitContract {
    private final String prefix = "rate-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisClient> clients = new ArrayList<>();
    private String name;
    private double rate;
    private double burst;

    private SharedRateLimit client() {
        RedisClient c = RedisClient.create(URI.create(RedisTestServer.sharedUrl()));
        clients.add(c);
        return new RedisRateLimit(c, prefix, name, rate, burst);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClient::close);
    }

    @Override
    protected SharedRateLimit newBucket(double rate, double burst) {
        this.name = "vendor-" + UUID.randomUUID().toString().substring(0, 6);
        this.rate = rate;
        this.burst = burst;
        return client();
    }

    @Override
    protected SharedRateLimit sameBucket() {
        return client();
    }
}
