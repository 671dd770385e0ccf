package io.minicrm.application.inprocess;

import io.minicrm.application.contract.SharedRateLimitContract;
import io.minicrm.application.port.SharedRateLimit;

class InProcessRateLimitTest extends SharedRateLimitContract {
    private SharedRateLimit last;

    @Override
    protected SharedRateLimit newBucket(double rate, double burst) {
        last = new InProcessRateLimit(rate, burst);
        return last;
    }

    @Override
    protected SharedRateLimit sameBucket() {
        return last;
    }
}
