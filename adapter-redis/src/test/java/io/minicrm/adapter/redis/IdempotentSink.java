package io.minicrm.adapter.redis;

import io.minicrm.application.port.WorkQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands for a store with a unique key (as the application's handlers write): the first write of a key takes effect,
 * a repeated write of the same key changes nothing. It also counts every attempt, so a test sees the duplicates that
 * at-least-once delivery produced and that the unique key absorbed.
 */
final class IdempotentSink {
    final Map<String, String> effects = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** Writes key -> value unless the key exists; true if this write took effect. */
    boolean write(String key, String value) {
        attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return effects.putIfAbsent(key, value) == null;
    }

    /** A handler writing each message's {@code name} field, as {@code writer}. */
    WorkQueue.BatchHandler handler(String writer) {
        return batch -> {
            for (WorkQueue.Delivered d : batch) {
                write(d.message().get("name"), writer);
            }
            return WorkQueue.Outcome.OK;
        };
    }

    int attemptsOf(String key) {
        AtomicInteger n = attempts.get(key);
        return n == null ? 0 : n.get();
    }

    long duplicates() {
        return attempts.values().stream().mapToInt(AtomicInteger::get).sum() - (long) effects.size();
    }

    /** The first few of {@code expected} that are not in {@code actual} (a hash lookup each, for large sets). */
    static List<String> missing(java.util.Collection<String> expected, java.util.Set<String> actual) {
        return expected.stream().filter(k -> !actual.contains(k)).limit(20).toList();
    }

    static List<String> names(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
