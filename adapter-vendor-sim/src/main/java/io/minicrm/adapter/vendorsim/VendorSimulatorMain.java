package io.minicrm.adapter.vendorsim;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@link VendorSimulator} standalone until the JVM is stopped. Configuration comes from the
 * environment and command-line flags ({@link SimulatorConfig#usage()}); the bootstrap's {@code vendor-sim}
 * sub-command delegates to {@link #main(String[])} or {@link #run(Map)}.
 */
public final class VendorSimulatorMain {
    private VendorSimulatorMain() {
    }

    /** Reads the environment, then the flags ({@code --help} prints them), and runs until stopped. */
    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(SimulatorConfig.usage());
            return;
        }
        Map<String, String> config = new HashMap<>(System.getenv());
        try {
            config.putAll(SimulatorConfig.parseArgs(args));
            run(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println(e.getMessage());
            System.err.print(SimulatorConfig.usage());
            System.exit(2);
        }
    }

    /**
     * Starts a simulator from environment-style keys ({@link SimulatorConfig.Option#env()}) and blocks until the
     * JVM shuts down (a shutdown hook closes it) or the calling thread is interrupted (then it closes it).
     *
     * @throws IllegalArgumentException on bad configuration, naming every problem
     */
    public static void run(Map<String, String> config) throws InterruptedException {
        VendorSimulator simulator = start(config);
        Thread hook = new Thread(simulator::close, "vendor-sim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            simulator.awaitStop();
        } finally {
            simulator.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
        }
    }

    /** Starts a simulator from environment-style keys and returns it running (the caller closes it). */
    public static VendorSimulator start(Map<String, String> config) {
        SimulatorConfig c = SimulatorConfig.from(config);
        VendorSimulator simulator = new VendorSimulator(c.settings());
        URI url = simulator.start(c.address());
        System.out.println("vendor simulator at " + url + VendorProtocol.MESSAGES_PATH + ", receipts to "
                + (c.settings().receiptUrl() == null ? "(not set)" : c.settings().receiptUrl()) + ", seed "
                + c.settings().seed());
        return simulator;
    }
}
