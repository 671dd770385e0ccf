package io.minicrm.adapter.http.csv;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.minicrm.domain.delivery.Delivery;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

import java.util.List;

/**
 * Writes a campaign's delivery log as CSV, one row at a time. Cells that a spreadsheet would run as a
 * formula (starting with {@code = + - @}, tab or carriage return) are prefixed with {@code '}.
 */
public final class DeliveryCsv implements AutoCloseable {
    public static final List<String> COLUMNS = List.of("id", "campaignId", "customerId", "status", "attempt",
            "vendorMessageId", "reason", "createdAt", "dispatchedAt", "finishedAt");
    private static final CsvMapper MAPPER = new CsvMapper();

    private final SequenceWriter writer;

    public DeliveryCsv(OutputStream out) throws IOException {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        this.writer = MAPPER.writerFor(String[].class).with(schema.build()).writeValues(out);
    }

    public void write(Delivery d) throws IOException {
        writer.write(new String[] {d.id().value(), d.campaignId().value(), d.customerId().value(), d.status().wire(),
                Integer.toString(d.attempt()), safe(d.vendorMessageId()), safe(d.reason()), time(d.createdAt()),
                time(d.dispatchedAt()), time(d.finishedAt())});
    }

    public void flush() throws IOException {
        writer.flush();
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    static String safe(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

}
