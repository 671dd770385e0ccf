package io.minicrm.adapter.http.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.minicrm.adapter.http.problem.ApiProblem;
import io.minicrm.domain.customer.Attributes;
import io.minicrm.domain.shared.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a CSV document (RFC 4180, UTF-8, header row first) row by row as plain-tree rows: each cell
 * under its column name, {@code attributes.<key>} columns gathered into an {@code attributes} object,
 * empty cells left out. The header is checked before any row is read: unknown or repeated columns are a
 * 400 naming each. Only one row is held in memory at a time.
 */
public final class CsvRows implements Closeable {
    /** Longest accepted cell. */
    public static final int MAX_CELL = 100_000;
    private static final CsvMapper MAPPER = new CsvMapper(CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_CELL).build())
            .build());

    private final MappingIterator<String[]> rows;
    private final String[] header;
    private long dataRows;

    /**
     * @param columns         accepted column names
     * @param attributeColumns whether {@code attributes.<key>} columns are accepted
     * @throws ApiProblem 400 when the header is missing or names unknown or repeated columns
     */
    public CsvRows(InputStream in, Set<String> columns, boolean attributeColumns) {
        try {
            this.rows = MAPPER.readerFor(String[].class)
                    .with(CsvParser.Feature.WRAP_AS_ARRAY)
                    .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                    .readValues(new InputStreamReader(in, StandardCharsets.UTF_8));
            if (!next()) {
                throw ApiProblem.badRequest("", "the CSV is empty; the first row must name the columns");
            }
        } catch (IOException e) {
            throw syntax(e, 0);
        }
        this.header = rows.next();
        if (header.length > 0 && header[0] != null && header[0].startsWith("\uFEFF")) {
            header[0] = header[0].substring(1);
        }
        checkHeader(columns, attributeColumns);
    }

    private void checkHeader(Set<String> columns, boolean attributeColumns) {
        List<Problem> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.length; i++) {
            String h = header[i] == null ? "" : header[i].strip();
            header[i] = h;
            String path = "/header/" + i;
            boolean attribute = attributeColumns && h.startsWith("attributes.")
                    && Attributes.isValidKey(h.substring("attributes.".length()));
            if (!columns.contains(h) && !attribute) {
                problems.add(new Problem(path, "unknown column " + Problem.segment(h) + "; expected one of "
                        + String.join(", ", new java.util.TreeSet<>(columns))
                        + (attributeColumns ? " or attributes.<key>" : "")));
            } else if (!seen.add(h)) {
                problems.add(new Problem(path, "column " + h + " appears twice"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.badRequest("the CSV header names unknown or repeated columns", problems);
        }
    }

    /**
     * The next row as a plain tree, or null at the end. A row with more cells than the header is returned
     * as a {@link TooWide} marker so the caller reports it as a bad row.
     * @throws ApiProblem 400 on a CSV syntax error (the import stops there)
     */
    public Object nextRow() {
        if (!next()) {
            return null;
        }
        String[] cells;
        try {
            cells = rows.next();
        } catch (RuntimeJsonMappingException e) {
            throw syntax(e, dataRows);
        }
        dataRows++;
        if (cells.length > header.length) {
            return new TooWide(cells.length, header.length);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> attributes = null;
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            if (cell == null || cell.isEmpty()) {
                continue;
            }
            String column = header[i];
            if (column.startsWith("attributes.")) {
                if (attributes == null) {
                    attributes = new LinkedHashMap<>();
                    row.put("attributes", attributes);
                }
                attributes.put(column.substring("attributes.".length()), cell);
            } else {
                row.put(column, cell);
            }
        }
        return row;
    }

    private boolean next() {
        try {
            return rows.hasNextValue();
        } catch (IOException e) {
            throw syntax(e, dataRows);
        }
    }

    /** Data rows read so far. */
    public long rowsRead() {
        return dataRows;
    }

    /** A row with more cells than the header has columns. */
    public record TooWide(int cells, int columns) {
        public Problem problem() {
            return new Problem("", "the row has " + cells + " cells but the header names " + columns + " columns");
        }
    }

    private static RuntimeException syntax(Exception e, long rowIndex) {
        if (e instanceof ApiProblem p) {
            return p;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ApiProblem p) {
                return p;
            }
            if (t instanceof IOException io && !(t instanceof JsonProcessingException)) {
                return ApiProblem.bodyIncomplete(io).withExtension("rowIndex", rowIndex);
            }
        }
        Throwable cause = e instanceof RuntimeJsonMappingException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof JsonProcessingException j) {
            String where = j.getLocation() == null ? "" : " at line " + j.getLocation().getLineNr();
            String message = j.getOriginalMessage() == null ? "cannot be parsed" : j.getOriginalMessage().split("\n")[0];
            return ApiProblem.badRequest("malformed CSV" + where + " (data row " + rowIndex + "): " + message,
                    List.of(new Problem("/" + rowIndex, "malformed CSV" + where + ": " + message)))
                    .withExtension("rowIndex", rowIndex);
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        try {
            rows.close();
        } catch (IOException e) {
            // nothing to do: the request is over
        }
    }
}
