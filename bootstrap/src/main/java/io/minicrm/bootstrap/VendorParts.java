package io.minicrm.bootstrap;

import io.minicrm.application.port.VendorGateway;

/** The vendor over HTTP (a simulator started here, or a real one), as the rest of bootstrap sees it. */
interface VendorParts extends AutoCloseable {
    /** No HTTP vendor: the in-process simulator is used. */
    VendorParts NONE = new VendorParts() {
        @Override
        public VendorGateway gateway() {
            throw new IllegalStateException("no HTTP vendor");
        }

        @Override
        public String describe() {
            return "in-process simulator";
        }

        @Override
        public void close() {
        }
    };

    VendorGateway gateway();

    String describe();

    @Override
    void close();
}
