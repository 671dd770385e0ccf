package io.minicrm.adapter.redis;

import io.minicrm.application.contract.WorkQueueContract;
import io.minicrm.application.port.Metrics;
import io.minicrm.application.port.WorkQueue;
import java.util.UUID;

/** The shared {@link WorkQueue} contract, on a real Redis (two clients stand for two processes). */
class RedisWorkQueueContractTest extends WorkQueueContract {

    @Override
    protected WorkQueue newQueue() {
        return client("contract-a");
    }

    @Override
    protected WorkQueue newSecondQueueOnSameBackend() {
        return client("contract-b");
    }

    private static WorkQueue client(String name) {
        return RedisWorkQueue.connect(RedisTestServer.sharedUrl(), name + "-" + UUID.randomUUID().toString().substring(0, 6),
                RedisQueueSettings.defaults().withKeyPrefix("contract"), Metrics.NONE);
    }
}
