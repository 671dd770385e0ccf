package io.minicrm.bootstrap;

import io.minicrm.adapter.vendorsim.GatewaySettings;
import io.minicrm.adapter.vendorsim.HttpVendorGateway;
import io.minicrm.adapter.vendorsim.SimulatorSettings;
import io.minicrm.adapter.vendorsim.VendorSimulator;
import io.minicrm.application.port.VendorGateway;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The vendor over HTTP (adapter-vendor-sim): the gateway to a vendor's URL, or to the vendor simulator started
 * here, which reports deliveries to this CRM's {@code POST /api/receipt} with signed receipts. Loaded only when
 * HTTP or an HTTP vendor is chosen.
 */
final class VendorWiring implements VendorParts {
    private final VendorSimulator simulator;
    private final HttpVendorGateway gateway;
    private final String description;

    private VendorWiring(VendorSimulator simulator, HttpVendorGateway gateway, String description) {
        this.simulator = simulator;
        this.gateway = gateway;
        this.description = description;
    }

    /**
     * @param vendorUrl null: start the simulator
     * @param httpPort  this CRM's HTTP port, where receipts arrive
     */
    static VendorWiring connect(URI vendorUrl, String webhookSecret, int httpPort, ServerOptions server, Clock clock) {
        Optional<GatewaySettings> configured = server != null ? server.config().vendorGateway() : Optional.empty();
        if (vendorUrl != null || configured.isPresent()) {
            GatewaySettings settings = configured.orElseGet(() -> GatewaySettings.defaults(vendorUrl));
            return new VendorWiring(null, new HttpVendorGateway(settings), "HTTP vendor at " + settings.baseUrl());
        }
        SimulatorSettings settings = SimulatorSettings.defaults(webhookSecret).withSeed(new SecureRandom().nextLong());
        if (server != null) {
            settings = server.tuning().simulator().apply(settings);
        }
        VendorSimulator simulator = new VendorSimulator(settings, clock);
        try {
            URI simulatorUrl = simulator.start(0);
            simulator.setReceiptUrl(URI.create("http://127.0.0.1:" + httpPort + "/api/receipt"));
            return new VendorWiring(simulator, new HttpVendorGateway(GatewaySettings.defaults(simulatorUrl)),
                    "in-process simulator (HTTP, signed receipts)");
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    Optional<VendorSimulator> simulator() {
        return Optional.ofNullable(simulator);
    }

    @Override
    public VendorGateway gateway() {
        return gateway;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            if (simulator != null) {
                simulator.close();
            }
        }
    }
}
