package io.minicrm.application.cluster;

import io.minicrm.application.port.InstanceRegistry;
import io.minicrm.application.port.InstanceReport;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Announces this instance in the {@link InstanceRegistry} every heartbeat interval, with its report, on a thread
 * of its own (so a busy pipeline does not delay it). {@link #close()} leaves the registry (the others take over
 * at once whatever is left); {@link #abort()} just stops, as a crash would (the others notice after dead-after).
 */
public final class Heartbeat implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final InstanceRegistry registry;
    private final ClusterSettings settings;
    private final Supplier<InstanceReport> report;
    private final String instanceId;
    private ScheduledExecutorService timer;
    private volatile boolean failing;

    public Heartbeat(InstanceRegistry registry, ClusterSettings settings, String instanceId,
                     Supplier<InstanceReport> report) {
        this.registry = registry;
        this.settings = settings;
        this.instanceId = instanceId;
        this.report = report;
    }

    /** Sends the first heartbeat now (before this instance takes any work), then one every interval. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        beat();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** One heartbeat; a failure is logged once until the registry answers again. */
    void beat() {
        try {
            registry.heartbeat(report.get(), settings.deadAfter());
            if (failing) {
                LOG.log(System.Logger.Level.INFO, "heartbeats of instance " + instanceId + " reach the instance registry again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(System.Logger.Level.WARNING, "heartbeat of instance " + instanceId + " failed (the others will count it dead after "
                        + settings.deadAfter().toMillis() + " ms without one): " + e);
                failing = true;
            }
        }
    }

    /** Stops and leaves the registry: this instance is dead at once for the others. */
    @Override
    public synchronized void close() {
        if (stop()) {
            try {
                registry.leave(instanceId);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not leave the instance registry (the others notice after "
                        + settings.deadAfter().toMillis() + " ms): " + e);
            }
        }
    }

    /** Stops without a word, as a crash would. */
    public synchronized void abort() {
        stop();
    }

    private boolean stop() {
        if (timer == null) {
            return false;
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        return true;
    }
}
