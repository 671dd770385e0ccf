package io.minicrm.application.testing;

import io.minicrm.application.port.DeliveryLogRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A delivery log that runs a hook once, right after a compare-and-set write returns: the moment rows are
 * written and their counter change is still on its way (to race a completion, or to look at the counters then).
 */
public final class AfterWrite {
    private AfterWrite() {
    }

    /** {@code store}, running and clearing {@code hook} after its next {@code compareAndSetAll}. */
    public static DeliveryLogRepository hooked(DeliveryLogRepository store, AtomicReference<Runnable> hook) {
        return (DeliveryLogRepository) Proxy.newProxyInstance(AfterWrite.class.getClassLoader(),
                new Class<?>[] {DeliveryLogRepository.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("compareAndSetAll")) {
                        Runnable run = hook.getAndSet(null);
                        if (run != null) {
                            run.run();
                        }
                    }
                    return result;
                });
    }
}
