package io.minicrm.adapter.redis;

import io.minicrm.application.contract.InstanceRegistryContract;
import io.minicrm.application.port.InstanceRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.RedisClient;

/** The shared {@link InstanceRegistry} contract on a real Redis (two clients stand for two processes). */
class RedisInstanceRegistryContractTest extends InstanceRegistryContract {
    private final String prefix = "registry-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RedisClient> clients = new ArrayList<>();

    private RedisInstanceRegistry client() {
        RedisClient c = RedisClient.create(URI.create(RedisTestServer.sharedUrl()));
        clients.add(c);
        return new RedisInstanceRegistry(c, prefix);
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClient::close);
    }

    @Override
    protected InstanceRegistry newRegistry() {
        return client();
    }

    @Override
    protected InstanceRegistry secondClientOfSameRegistry() {
        return client();
    }
}
