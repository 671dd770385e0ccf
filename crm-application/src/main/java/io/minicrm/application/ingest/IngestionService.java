package io.minicrm.application.ingest;

import io.minicrm.application.customer.CustomerBatch;
import io.minicrm.application.customer.IngestCustomers;
import io.minicrm.application.delivery.Topics;
import io.minicrm.application.order.IngestOrders;
import io.minicrm.application.order.OrderBatch;
import io.minicrm.application.port.IngestionRepository;
import io.minicrm.application.port.QueueMessage;
import io.minicrm.application.port.TreeCodec;
import io.minicrm.application.port.WorkQueue;
import io.minicrm.application.support.BulkResult;
import io.minicrm.application.support.RowError;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.shared.IdGenerator;
import io.minicrm.domain.shared.NotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queued ingestion: rows are validated at once (bad rows reported immediately by index), the good ones
 * are queued in batches and written by consumers; a tracking record says how far it got. With a queue
 * that does not outlive the process ({@link WorkQueue#isDurable()}) the batches are written before
 * {@link #submit} returns, so nothing answered 202 rests only in memory. Writing a
 * batch twice (at-least-once delivery) has no further effect: customers upsert by e-mail, orders are
 * keyed by order id (ids are assigned before queueing when the client gave none), and each batch is
 * recorded once.
 */
public final class IngestionService implements WorkQueue.BatchHandler {
    public static final int BATCH = 500;
    public static final int MAX_ROWS = 1_000_000;

    private final WorkQueue queue;
    private final IngestionRepository ingestions;
    private final IngestCustomers customers;
    private final IngestOrders orders;
    private final TreeCodec codec;
    private final IdGenerator ids;
    private final Clock clock;

    public IngestionService(WorkQueue queue, IngestionRepository ingestions, IngestCustomers customers, IngestOrders orders,
                            TreeCodec codec, IdGenerator ids, Clock clock) {
        this.queue = queue;
        this.ingestions = ingestions;
        this.customers = customers;
        this.orders = orders;
        this.codec = codec;
        this.ids = ids;
        this.clock = clock;
    }

    /** What was queued: the tracking id, rows accepted into the queue, rows rejected at once. */
    public record Submitted(String id, int accepted, List<RowError> rejected) {
    }

    /**
     * Queues rows as they were received (a decoded JSON array, or CSV rows when {@code fromText}): they are
     * read at once, so bad rows are answered immediately by index, and the good ones are queued in that
     * same wire form, which the consumer reads again with the same reader (the queue's payload is the
     * request's rows, so batches queued by an earlier version are still written).
     */
    public Submitted submit(Ingestion.Kind kind, List<?> rows, boolean fromText) {
        if (rows.isEmpty()) {
            throw new io.minicrm.domain.shared.ValidationException("", "no rows: send one object or a non-empty array");
        }
        if (rows.size() > MAX_ROWS) {
            throw new io.minicrm.domain.shared.ValidationException("", "at most " + MAX_ROWS + " rows per ingestion");
        }
        List<RowError> rejected;
        List<Integer> goodIndexes = new ArrayList<>();
        if (kind == Ingestion.Kind.CUSTOMERS) {
            CustomerBatch v = CustomerBatch.read(rows, customerReader(fromText), 0);
            rejected = v.rejected();
            v.valid().forEach(r -> goodIndexes.add(r.index()));
        } else {
            OrderBatch v = OrderBatch.read(rows, orderReader(fromText), 0, null);
            rejected = v.rejected();
            v.valid().forEach(r -> goodIndexes.add(r.index()));
        }
        String id = ids.newId();
        int batches = (goodIndexes.size() + BATCH - 1) / BATCH;
        ingestions.insert(new Ingestion(id, kind, goodIndexes.size(), 0, rejected.size(),
                rejected.subList(0, Math.min(rejected.size(), Ingestion.MAX_STORED_REJECTIONS)), batches, Set.of(),
                clock.instant(), clock.instant()));
        List<QueueMessage> messages = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<Object> batchRows = new ArrayList<>();
            List<Integer> batchIndexes = goodIndexes.subList(b * BATCH, Math.min(goodIndexes.size(), (b + 1) * BATCH));
            for (int index : batchIndexes) {
                batchRows.add(withOrderId(kind, rows.get(index)));
            }
            Map<String, String> f = new HashMap<>();
            f.put("ingestionId", id);
            f.put("kind", kind.name());
            f.put("batch", Integer.toString(b));
            f.put("fromText", Boolean.toString(fromText));
            f.put("indexes", join(batchIndexes));
            f.put("rows", codec.write(batchRows));
            messages.add(new QueueMessage(f));
        }
        if (!messages.isEmpty()) {
            if (queue.isDurable()) {
                queue.publish(Topics.INGEST, messages);
            } else {
                // a queue in this process's memory would lose rows answered 202 in a crash: write them now
                for (QueueMessage m : messages) {
                    process(m);
                }
            }
        }
        return new Submitted(id, goodIndexes.size(), rejected);
    }

    private static CustomerProfileReader customerReader(boolean fromText) {
        return fromText ? CustomerProfileReader.text() : CustomerProfileReader.json();
    }

    private OrderRequestReader orderReader(boolean fromText) {
        return fromText ? OrderRequestReader.text(orders.currency()) : OrderRequestReader.json(orders.currency());
    }

    /** Orders without an id get one now, so writing the batch twice cannot create two orders. */
    private Object withOrderId(Ingestion.Kind kind, Object row) {
        if (kind == Ingestion.Kind.ORDERS && row instanceof Map<?, ?> m) {
            Object orderId = m.get("orderId");
            if (orderId == null || (orderId instanceof String s && s.isBlank())) {
                Map<Object, Object> copy = new LinkedHashMap<>(m);
                copy.put("orderId", "gen-" + ids.newId());
                return copy;
            }
        }
        return row;
    }

    public Ingestion get(String id) {
        return ingestions.findById(id).orElseThrow(() -> new NotFoundException("ingestion", id));
    }

    /**
     * The newest {@code limit} queued ingestions, newest first, for the operators' view: their progress and
     * how many rows were rejected (the rejected rows themselves through {@link #get}).
     */
    public List<Ingestion> recent(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return ingestions.findRecent(limit);
    }

    @Override
    public WorkQueue.Outcome handle(List<WorkQueue.Delivered> batch) {
        Map<String, String> failed = new HashMap<>();
        for (WorkQueue.Delivered d : batch) {
            try {
                process(d.message());
            } catch (RuntimeException e) {
                failed.put(d.id(), io.minicrm.application.support.Reasons.of(e));
            }
        }
        return new WorkQueue.Outcome(failed);
    }

    private void process(QueueMessage m) {
        String id = m.get("ingestionId");
        Ingestion.Kind kind = Ingestion.Kind.valueOf(m.get("kind"));
        int batchIndex = Integer.parseInt(m.get("batch"));
        boolean fromText = Boolean.parseBoolean(m.get("fromText"));
        List<Integer> indexes = split(m.get("indexes"));
        Object parsed = codec.parse(m.get("rows"));
        if (!(parsed instanceof List<?> rows) || rows.size() != indexes.size()) {
            throw new IllegalArgumentException("malformed ingestion batch");
        }
        List<RowError> rejected = new ArrayList<>();
        long written;
        if (kind == Ingestion.Kind.CUSTOMERS) {
            CustomerBatch v = CustomerBatch.read(rows, customerReader(fromText), 0);
            BulkResult r = customers.ingest(v);
            written = r.accepted();
            r.rejected().forEach(e -> rejected.add(new RowError(indexes.get(e.index()), e.errors())));
            v.rejected().forEach(e -> rejected.add(new RowError(indexes.get(e.index()), e.errors())));
        } else {
            OrderBatch v = OrderBatch.read(rows, orderReader(fromText), 0, null);
            BulkResult r = orders.ingest(v);
            written = r.accepted();
            r.rejected().forEach(e -> rejected.add(new RowError(indexes.get(e.index()), e.errors())));
        }
        ingestions.recordBatch(id, batchIndex, written, dedupe(rejected), clock.instant());
    }

    private static List<RowError> dedupe(List<RowError> errors) {
        Map<Integer, RowError> byIndex = new LinkedHashMap<>();
        errors.forEach(e -> byIndex.putIfAbsent(e.index(), e));
        return new ArrayList<>(byIndex.values());
    }

    private static String join(List<Integer> xs) {
        StringBuilder sb = new StringBuilder();
        for (int x : xs) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(x);
        }
        return sb.toString();
    }

    private static List<Integer> split(String s) {
        List<Integer> out = new ArrayList<>();
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }
}
