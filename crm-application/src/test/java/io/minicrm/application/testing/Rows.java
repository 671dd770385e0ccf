package io.minicrm.application.testing;

import io.minicrm.application.customer.CustomerBatch;
import io.minicrm.application.order.OrderBatch;
import io.minicrm.domain.customer.CustomerProfileReader;
import io.minicrm.domain.order.OrderRequestReader;
import java.util.List;

/** Rows written as JSON objects (maps), read into batches as the HTTP adapter reads them. */
public final class Rows {
    private Rows() {
    }

    /** Customer rows as a JSON request would send them. */
    public static CustomerBatch customers(List<?> rows) {
        return CustomerBatch.read(rows, CustomerProfileReader.json(), 0);
    }

    /** Order rows as a JSON request would send them, in INR (the default store currency). */
    public static OrderBatch orders(List<?> rows, String idempotencyKey) {
        return OrderBatch.read(rows, OrderRequestReader.json("INR"), 0, idempotencyKey);
    }
}
