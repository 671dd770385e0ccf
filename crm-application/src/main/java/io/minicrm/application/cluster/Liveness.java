package io.minicrm.application.cluster;

import io.minicrm.application.port.InstanceRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which instances are alive, as the registry saw them at one moment: what decides whether another instance's
 * work may be taken over.
 */
public final class Liveness {
    private static final System.Logger LOG = System.getLogger(Liveness.class.getName());

    /** What is known of an instance. */
    public enum State {
        /** It sent a heartbeat within its dead-after time: its work is its own. */
        ALIVE,
        /** It missed its heartbeats for longer than its dead-after time, or left: its work is free. */
        DEAD,
        /** The registry has never heard of it (or could not be read): only its expired or long-idle work is free. */
        UNKNOWN
    }

    private static final Liveness UNKNOWN = new Liveness(Map.of());
    private final Map<String, State> states;

    private Liveness(Map<String, State> states) {
        this.states = states;
    }

    public static Liveness of(List<InstanceRegistry.Instance> instances) {
        Map<String, State> m = new HashMap<>();
        for (InstanceRegistry.Instance i : instances) {
            m.put(i.instanceId(), i.alive() ? State.ALIVE : State.DEAD);
        }
        return new Liveness(m);
    }

    /** Nothing known about anyone. */
    public static Liveness unknown() {
        return UNKNOWN;
    }

    /** The registry's current view; {@link #unknown()} when it cannot be read (logged). */
    public static Liveness read(InstanceRegistry registry) {
        try {
            return of(registry.instances());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "instance registry unreadable: " + e);
            return UNKNOWN;
        }
    }

    public State of(String instanceId) {
        return states.getOrDefault(instanceId, State.UNKNOWN);
    }
}
