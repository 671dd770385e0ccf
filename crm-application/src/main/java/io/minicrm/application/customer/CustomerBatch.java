package io.minicrm.application.customer;

import io.minicrm.application.support.RowError;
import io.minicrm.domain.customer.CustomerProfile;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.shared.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Customers to ingest in one request: every row that could be read, with its index in the request, and
 * every row that could not, with its problems. A streamed import sends its rows in several batches;
 * {@code firstIndex} is then the index of this batch's first row in the whole import.
 *
 * @param firstIndex index of the first row of this batch in the whole request
 * @param total      rows in this batch (valid and rejected)
 * @param valid      the customers read, in request order
 * @param rejected   the rows that could not be read, each with every problem found (path and message)
 */
public record CustomerBatch(int firstIndex, int total, List<Row> valid, List<RowError> rejected) {

    /** A customer and the index of its row in the request. */
    public record Row(int index, CustomerProfile profile) {
        public Row {
            Objects.requireNonNull(profile, "profile");
        }
    }

    public CustomerBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
        if (total < valid.size() + rejected.size()) {
            throw new IllegalArgumentException("total " + total + " < valid + rejected rows");
        }
    }

    /** These customers, indexed from 0 in the order given. */
    public static CustomerBatch of(List<CustomerProfile> customers) {
        List<Row> rows = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            rows.add(new Row(i, customers.get(i)));
        }
        return new CustomerBatch(0, customers.size(), rows, List.of());
    }

    /**
     * Reads rows given as plain trees (a decoded JSON array, or CSV rows of text cells) with one of the
     * domain's readers: a row it cannot read is rejected with every problem and its path, the others are
     * kept. This is how an adapter turns what it received into a batch.
     *
     * @param rows       the rows as plain trees ({@code Map}s of JSON values, or of strings for CSV)
     * @param reader     {@link CustomerProfileReader#json()} or {@link CustomerProfileReader#text()}
     * @param firstIndex index of {@code rows.get(0)} in the whole request
     */
    public static CustomerBatch read(List<?> rows, CustomerProfileReader reader, int firstIndex) {
        List<Row> valid = new ArrayList<>(rows.size());
        List<RowError> rejected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            try {
                valid.add(new Row(firstIndex + i, reader.read(rows.get(i))));
            } catch (ValidationException e) {
                rejected.add(new RowError(firstIndex + i, e.problems()));
            }
        }
        return new CustomerBatch(firstIndex, rows.size(), valid, rejected);
    }
}
