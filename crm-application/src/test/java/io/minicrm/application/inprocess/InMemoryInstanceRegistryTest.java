package io.minicrm.application.inprocess;

import io.minicrm.application.contract.InstanceRegistryContract;
import io.minicrm.application.port.InstanceRegistry;
import java.time.Clock;

class InMemoryInstanceRegistryTest extends InstanceRegistryContract {
    @Override
    protected InstanceRegistry newRegistry() {
        return new InMemoryInstanceRegistry(Clock.systemUTC());
    }
}
