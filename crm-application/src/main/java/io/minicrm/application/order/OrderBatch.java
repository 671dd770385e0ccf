package io.minicrm.application.order;

import io.minicrm.application.support.RowError;
import io.minicrm.domain.order.OrderRequest;
import io.minicrm.domain.order.OrderRequestReader;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Orders to ingest in one request: every row that could be read, with its index in the request, and
 * every row that could not, with its problems. A streamed import sends its rows in several batches;
 * {@code firstIndex} is then the index of this batch's first row in the whole import.
 *
 * @param firstIndex index of the first row of this batch in the whole request
 * @param total      rows in this batch (valid and rejected)
 * @param valid      the orders read, in request order
 * @param rejected   the rows that could not be read, each with every problem found (path and message)
 */
public record OrderBatch(int firstIndex, int total, List<Row> valid, List<RowError> rejected) {

    /** An order and the index of its row in the request. */
    public record Row(int index, OrderRequest request) {
        public Row {
            Objects.requireNonNull(request, "request");
        }
    }

    public OrderBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
        if (total < valid.size() + rejected.size()) {
            throw new IllegalArgumentException("total " + total + " < valid + rejected rows");
        }
    }

    /** These orders, indexed from 0 in the order given. */
    public static OrderBatch of(List<OrderRequest> orders) {
        List<Row> rows = new ArrayList<>(orders.size());
        for (int i = 0; i < orders.size(); i++) {
            rows.add(new Row(i, orders.get(i)));
        }
        return new OrderBatch(0, orders.size(), rows, List.of());
    }

    /**
     * Reads rows given as plain trees (a decoded JSON array, or CSV rows of text cells) with one of the
     * domain's readers: a row it cannot read is rejected with every problem and its path.
     *
     * @param rows           the rows as plain trees
     * @param reader         {@link OrderRequestReader#json(String)} or {@link OrderRequestReader#text(String)}
     * @param firstIndex     index of {@code rows.get(0)} in the whole request
     * @param idempotencyKey the order id of a single row sent without one (an HTTP {@code Idempotency-Key});
     *                       ignored when there are several rows; may be null
     */
    public static OrderBatch read(List<?> rows, OrderRequestReader reader, int firstIndex, String idempotencyKey) {
        String key = rows.size() == 1 ? idempotencyKey : null;
        List<Row> valid = new ArrayList<>(rows.size());
        List<RowError> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                valid.add(new Row(firstIndex + i, reader.read(rows.get(i), key)));
            } catch (ValidationException e) {
                rejected.add(new RowError(firstIndex + i, e.problems()));
            }
        }
        return new OrderBatch(firstIndex, rows.size(), valid, rejected);
    }
}
