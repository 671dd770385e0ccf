package io.minicrm.adapter.redis;

import io.minicrm.application.cluster.Liveness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamPendingEntry;

/**
 * Which pending entries of other consumers a consumer takes over, decided from the instance each consumer belongs
 * to (consumers are named {@code <instanceId>-<n>}):
 * <ul>
 *   <li>an instance known dead (missed heartbeats, or left): its entries at once (idle at least one check interval,
 *       so that two instances claiming together cannot both take the same entry);</li>
 *   <li>this instance's own consumer names that no subscription uses now (an earlier run with more threads): at once;
 *       those it uses now: only entries idle longer than {@code reclaimIdle} (a hung handler, or a delivery lost
 *       when Redis restarted);</li>
 *   <li>a live instance: only entries idle longer than {@code reclaimIdle} (a hung handler); a slow one keeps its
 *       work;</li>
 *   <li>an instance the registry does not know (no registry, an instance without heartbeats): entries idle longer
 *       than {@code reclaimIdle}.</li>
 * </ul>
 *
 * @param fromDead entries to claim with the short idle guard
 * @param idle     entries to claim with the {@code reclaimIdle} guard
 * @param owners   whose entries they are, with why (for the log)
 */
record Reclaim(List<StreamEntryID> fromDead, List<StreamEntryID> idle, Map<String, String> owners) {

    static Reclaim plan(List<StreamPendingEntry> pending, Liveness liveness, String self, Predicate<String> activeHere,
                        long checkMillis, long reclaimIdleMillis, int max) {
        List<StreamEntryID> fromDead = new ArrayList<>();
        List<StreamEntryID> idle = new ArrayList<>();
        Map<String, String> owners = new TreeMap<>();
        for (StreamPendingEntry p : pending) {
            if (fromDead.size() + idle.size() >= max) {
                break;
            }
            String consumer = p.getConsumerName();
            String instance = instanceOf(consumer);
            boolean mine = instance.equals(self);
            if (mine && activeHere.test(consumer)) {
                // in the hands of one of this instance's consumers (or waiting for its retry), unless idle that long:
                // a hung handler, or a delivery whose answer never arrived (Redis restarted between recording the
                // entry as delivered and replying), which nobody else would ever hand out again
                if (p.getIdleTime() >= reclaimIdleMillis) {
                    idle.add(p.getID());
                    owners.merge(instance, "this instance, entry hung or its delivery lost", Reclaim::both);
                }
                continue;
            }
            Liveness.State state = mine ? Liveness.State.DEAD : liveness.of(instance);
            if (state == Liveness.State.DEAD && p.getIdleTime() >= checkMillis) {
                fromDead.add(p.getID());
                owners.merge(instance, mine ? "an earlier run of this instance" : "dead", Reclaim::both);
            } else if (state != Liveness.State.DEAD && p.getIdleTime() >= reclaimIdleMillis) {
                idle.add(p.getID());
                owners.merge(instance, state == Liveness.State.ALIVE ? "alive, entry hung" : "unknown to the registry", Reclaim::both);
            }
        }
        return new Reclaim(fromDead, idle, owners);
    }

    /** The instance a consumer belongs to: its name without the {@code -<n>} suffix. */
    static String instanceOf(String consumer) {
        int dash = consumer.lastIndexOf('-');
        if (dash <= 0 || dash == consumer.length() - 1) {
            return consumer;
        }
        for (int i = dash + 1; i < consumer.length(); i++) {
            if (!Character.isDigit(consumer.charAt(i))) {
                return consumer;
            }
        }
        return consumer.substring(0, dash);
    }

    private static String both(String a, String b) {
        return a.contains(b) ? a : a + "; " + b;
    }

    int size() {
        return fromDead.size() + idle.size();
    }

    String describe(long reclaimIdleMillis) {
        StringBuilder sb = new StringBuilder();
        owners.forEach((instance, why) -> {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append("instance ").append(instance).append(": ").append(why);
        });
        if (!idle.isEmpty()) {
            sb.append("; idle entries held over ").append(reclaimIdleMillis).append(" ms");
        }
        return sb.toString();
    }
}
