package io.minicrm.application.inprocess;

import io.minicrm.application.contract.WorkQueueContract;
import io.minicrm.application.port.WorkQueue;

class InProcessWorkQueueTest extends WorkQueueContract {
    @Override
    protected WorkQueue newQueue() {
        return new InProcessWorkQueue();
    }
}
