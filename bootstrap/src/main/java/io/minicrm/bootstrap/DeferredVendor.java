package io.minicrm.bootstrap;

import io.minicrm.application.port.VendorGateway;
import java.util.List;

/** Gateway set once the vendor's receipt URL is known; nothing is sent before the background work starts. */
final class DeferredVendor implements VendorGateway {
    private volatile VendorGateway target;

    void set(VendorGateway g) {
        target = g;
    }

    @Override
    public List<SendResult> send(List<OutboundMessage> batch) {
        VendorGateway t = target;
        if (t == null) {
            throw new VendorUnavailableException("vendor not connected yet", null);
        }
        return t.send(batch);
    }
}
