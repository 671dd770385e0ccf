package io.minicrm.adapter.http;

import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.WorkQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The in-process work queue, counting what is published per topic (to prove a refused request wrote nothing). */
final class CountingQueue implements WorkQueue {
    private final WorkQueue delegate;
    private final Map<String, AtomicLong> published = new ConcurrentHashMap<>();

    CountingQueue(WorkQueue delegate) {
        this.delegate = delegate;
    }

    long published(String topic) {
        AtomicLong n = published.get(topic);
        return n == null ? 0 : n.get();
    }

    @Override
    public void publish(String topic, List<QueueMessage> messages) {
        delegate.publish(topic, messages);
        published.computeIfAbsent(topic, t -> new AtomicLong()).addAndGet(messages.size());
    }

    @Override
    public Subscription subscribe(String topic, String group, ConsumerSettings settings, BatchHandler handler) {
        return delegate.subscribe(topic, group, settings, handler);
    }

    @Override
    public QueueStats stats(String topic, String group) {
        return delegate.stats(topic, group);
    }

    @Override
    public List<DeadLetter> deadLetters(String topic, int limit) {
        return delegate.deadLetters(topic, limit);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
